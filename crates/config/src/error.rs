//! The one error this crate returns.

/// A configuration Lanthorn cannot run with. `main` prints it and exits 64
/// (`EX_USAGE`) before binding any port.
///
/// `key` names the setting: its flag (`--oidc-issuer-url`) when the bad value
/// came from the command line, the environment or a default, and its YAML key
/// path (`oidc.issuerURL`) when it came from the `--config` file. The message
/// then names the environment variable or file the value came from. Messages
/// never contain a secret's value.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid configuration: {key}: {message}")]
pub struct ConfigError {
    key: String,
    message: String,
}

impl ConfigError {
    pub(crate) fn new(key: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            message: message.into(),
        }
    }

    /// The setting at fault: `--port`, `oidc.issuerURL`, or an unknown flag as typed.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// What is wrong, and where the value came from.
    pub fn message(&self) -> &str {
        &self.message
    }
}
