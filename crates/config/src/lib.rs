//! Lanthorn's configuration: the command line, the environment and an optional
//! YAML file turned into one validated, typed [`Config`].
//!
//! Precedence, lowest first: built-in defaults, the `--config` YAML file
//! (keys as in the Helm chart's `config:` values), environment variables
//! (`LANTHORN_<FLAG>`, then Headlamp's `HEADLAMP_CONFIG_<FLAG>`, then plain
//! `OIDC_CLIENT_SECRET`), command-line flags. Flags accept Go's spellings as
//! Headlamp's do: one dash or two, `--flag value` or `--flag=value`.
//!
//! An empty value (`--oidc-client-id=`, `LANTHORN_PORT=`, `port: ""`) counts
//! as not given, because charts render unset values as empty strings.
//!
//! `load(argv, &env)` gives `Loaded::Run(config)` to run with, or what to print and
//! exit with (`--help`, `--version`, a refused value naming the flag). The test
//! `tests::sources::flags_and_environment_combine_as_documented` shows a whole call.

#![forbid(unsafe_code)]

mod cli;
mod config;
mod env;
mod error;
mod file;
mod key;
mod validate;
mod values;

use std::collections::BTreeMap;
use std::ffi::OsString;

pub use config::{
    AuditTarget, ChartRepository, ClustersConfig, Config, ExactUrl, HelmConfig, OidcConfig,
    ServerConfig, SessionConfig, SessionStore, TlsConfig,
};
pub use error::ConfigError;

use key::{Key, Raw, Settings};

/// What the command line asks for.
#[derive(Debug)]
#[expect(
    clippy::large_enum_variant,
    reason = "made once at startup and matched at once; a Box would only add noise"
)]
pub enum Loaded {
    /// Run with this configuration.
    Run(Config),
    /// `--help`: print this text to stdout and exit 0.
    Help(String),
    /// `--version`: print this text to stdout and exit 0.
    Version(String),
}

/// Builds the configuration from `args` (the program name first, as from
/// `std::env::args_os()`) and `env` (e.g. `std::env::vars().collect()`).
///
/// `env` is only read, never the process environment, so tests are hermetic.
/// Files named by the settings (the `--config` file, TLS, CA and secret files,
/// explicit kubeconfigs) are read or checked for readability.
pub fn load(
    args: impl IntoIterator<Item = OsString>,
    env: &BTreeMap<String, String>,
) -> Result<Loaded, ConfigError> {
    let cli = match cli::parse(args)? {
        cli::Parsed::Run(cli) => cli,
        cli::Parsed::Help(text) => return Ok(Loaded::Help(text)),
        cli::Parsed::Version(text) => return Ok(Loaded::Version(text)),
    };
    let ignored = cli.ignored.clone();
    let mut settings = Settings::default();
    cli.into_settings(&mut settings)?;
    env::read(env, &mut settings);
    // The file is found through the flag or the environment, never itself.
    if let Some(sourced) = settings.get(Key::Config)
        && let Raw::Text(path) = &sourced.raw
    {
        let (path, source) = (path.trim().to_owned(), sourced.source.clone());
        file::read(&path, &source, &mut settings)?;
    }
    let mut config = validate::build(&settings, env)?;
    config.ignored_flags = ignored;
    Ok(Loaded::Run(config))
}

#[cfg(test)]
mod tests;
