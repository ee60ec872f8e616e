//! Unit tests for `load`, grouped by concern; shared helpers live here.

mod cli;
mod sources;
mod validation;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::{Config, ConfigError, Loaded, load};

fn env(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
        .collect()
}

fn argv(args: &[&str]) -> Vec<std::ffi::OsString> {
    std::iter::once("lanthorn")
        .chain(args.iter().copied())
        .map(Into::into)
        .collect()
}

fn loaded(args: &[&str], env: &BTreeMap<String, String>) -> Loaded {
    match load(argv(args), env) {
        Ok(loaded) => loaded,
        Err(err) => panic!("{args:?} should load, got: {err}"),
    }
}

/// Loads a configuration that must be valid.
fn run_env(args: &[&str], env: &BTreeMap<String, String>) -> Config {
    match loaded(args, env) {
        Loaded::Run(config) => config,
        other => panic!("{args:?} should run, got {other:?}"),
    }
}

fn run(args: &[&str]) -> Config {
    run_env(args, &BTreeMap::new())
}

/// Loads a configuration that must be rejected.
fn fail_env(args: &[&str], env: &BTreeMap<String, String>) -> ConfigError {
    match load(argv(args), env) {
        Err(err) => err,
        Ok(loaded) => panic!("{args:?} should fail, got {loaded:?}"),
    }
}

fn fail(args: &[&str]) -> ConfigError {
    fail_env(args, &BTreeMap::new())
}

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "lanthorn-config-test-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        if let Err(err) = std::fs::create_dir_all(&path) {
            panic!("create {}: {err}", path.display());
        }
        Self(path)
    }

    /// Writes `name` and returns its path as a string, ready for an argument.
    fn file(&self, name: &str, contents: &str) -> String {
        let path = self.0.join(name);
        if let Err(err) = std::fs::write(&path, contents) {
            panic!("write {}: {err}", path.display());
        }
        path.display().to_string()
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
