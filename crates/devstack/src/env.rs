//! The env file written by `dev/stack up` (`target/dev/env`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// The stack's facts, read from its env file rather than the process environment so
/// tests stay independent of the shell they run in.
#[derive(Clone)]
pub struct DevEnv {
    vars: BTreeMap<String, String>,
}

impl std::fmt::Debug for DevEnv {
    // Tokens and secrets live in here: show only which keys are present.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DevEnv")
            .field("keys", &self.vars.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl DevEnv {
    /// The default env file: `target/dev/env` at the workspace root.
    pub fn default_path() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/dev/env")
    }

    /// Loads the default env file, with a hint to start the stack when it is missing.
    pub fn load() -> Result<Self> {
        let path = Self::default_path();
        let text = std::fs::read_to_string(&path).with_context(|| {
            format!(
                "cannot read {}: start the local stack with `dev/stack up`",
                path.display()
            )
        })?;
        Self::parse(&text)
    }

    /// Parses `export KEY='value'` lines; comments and blank lines are skipped.
    pub fn parse(text: &str) -> Result<Self> {
        let mut vars = BTreeMap::new();
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let assignment = line.strip_prefix("export ").unwrap_or(line);
            let Some((key, raw)) = assignment.split_once('=') else {
                bail!("env file line {}: expected KEY=VALUE", number + 1);
            };
            let value = raw
                .strip_prefix('\'')
                .and_then(|v| v.strip_suffix('\''))
                .unwrap_or(raw);
            vars.insert(key.to_owned(), value.to_owned());
        }
        Ok(Self { vars })
    }

    /// The value of `key`, or an error naming the missing key.
    pub fn get(&self, key: &str) -> Result<&str> {
        self.vars
            .get(key)
            .map(String::as_str)
            .with_context(|| format!("the stack's env file has no {key}"))
    }

    /// The CA that signed every certificate of the stack, as PEM.
    pub fn ca_pem(&self) -> Result<Vec<u8>> {
        let path = self.get("DEV_CA_FILE")?;
        std::fs::read(path).with_context(|| format!("cannot read the stack CA {path}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_exports_quotes_and_comments() -> Result<()> {
        let env = DevEnv::parse("# header\n\nexport A='one two'\nB=plain\n")?;
        assert_eq!(env.get("A")?, "one two");
        assert_eq!(env.get("B")?, "plain");
        assert!(env.get("C").is_err());
        Ok(())
    }

    #[test]
    fn rejects_lines_without_assignment() {
        let err = DevEnv::parse("export NOTHING\n").err();
        assert!(err.is_some_and(|e| e.to_string().contains("line 1")));
    }

    #[test]
    fn debug_output_hides_values() -> Result<()> {
        let env = DevEnv::parse("export DEV_ADMIN_TOKEN='secret-token-value'\n")?;
        let shown = format!("{env:?}");
        assert!(shown.contains("DEV_ADMIN_TOKEN"));
        assert!(!shown.contains("secret-token-value"));
        Ok(())
    }
}
