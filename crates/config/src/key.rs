//! The settings Lanthorn knows, how each is spelled in every source, and the raw
//! (not yet typed) values collected from those sources.

use std::collections::BTreeMap;
use std::path::PathBuf;

use secrecy::{ExposeSecret, SecretString};

use crate::ConfigError;

/// One setting, whatever source it comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Key {
    Config,
    Port,
    ListenAddress,
    BaseUrl,
    InCluster,
    InClusterContextName,
    Kubeconfig,
    UnsafeUseServiceAccountToken,
    UnsafeUseKubeconfigCredential,
    PublicUrl,
    AllowedHosts,
    ServiceProxyOrigin,
    SecureCookies,
    EnableHelm,
    DisableHelm,
    HelmBinary,
    HelmRepositories,
    OidcClientId,
    OidcClientSecret,
    OidcClientSecretFile,
    OidcIssuerUrl,
    OidcScopes,
    OidcUsePkce,
    OidcCallbackUrl,
    OidcUseAccessToken,
    OidcCaFile,
    OidcUsernameClaim,
    OidcGroupsClaim,
    OidcUsernamePrefix,
    OidcGroupsPrefix,
    OidcImpersonate,
    SessionTtl,
    SessionIdleTimeout,
    SessionStore,
    SessionSecretFile,
    TlsCertFile,
    TlsKeyFile,
    AuditLog,
    LogLevel,
}

/// How a setting is spelled: its flag (without dashes), the flag's aliases, and
/// its key path in the YAML file (`None` when the file cannot set it).
pub(crate) struct Spelling {
    pub flag: &'static str,
    pub aliases: &'static [&'static str],
    pub yaml: Option<&'static str>,
}

const fn spelled(
    flag: &'static str,
    aliases: &'static [&'static str],
    yaml: &'static str,
) -> Spelling {
    Spelling {
        flag,
        aliases,
        yaml: Some(yaml),
    }
}

impl Key {
    pub(crate) const ALL: [Key; 39] = [
        Key::Config,
        Key::Port,
        Key::ListenAddress,
        Key::BaseUrl,
        Key::InCluster,
        Key::InClusterContextName,
        Key::Kubeconfig,
        Key::UnsafeUseServiceAccountToken,
        Key::UnsafeUseKubeconfigCredential,
        Key::PublicUrl,
        Key::AllowedHosts,
        Key::ServiceProxyOrigin,
        Key::SecureCookies,
        Key::EnableHelm,
        Key::DisableHelm,
        Key::HelmBinary,
        Key::HelmRepositories,
        Key::OidcClientId,
        Key::OidcClientSecret,
        Key::OidcClientSecretFile,
        Key::OidcIssuerUrl,
        Key::OidcScopes,
        Key::OidcUsePkce,
        Key::OidcCallbackUrl,
        Key::OidcUseAccessToken,
        Key::OidcCaFile,
        Key::OidcUsernameClaim,
        Key::OidcGroupsClaim,
        Key::OidcUsernamePrefix,
        Key::OidcGroupsPrefix,
        Key::OidcImpersonate,
        Key::SessionTtl,
        Key::SessionIdleTimeout,
        Key::SessionStore,
        Key::SessionSecretFile,
        Key::TlsCertFile,
        Key::TlsKeyFile,
        Key::AuditLog,
        Key::LogLevel,
    ];

    pub(crate) fn spelling(self) -> Spelling {
        match self {
            Key::Config => Spelling {
                flag: "config",
                aliases: &[],
                yaml: None,
            },
            Key::Port => spelled("port", &[], "port"),
            // `listen-addr` is Headlamp's spelling.
            Key::ListenAddress => spelled("listen-address", &["listen-addr"], "listenAddress"),
            Key::BaseUrl => spelled("base-url", &[], "baseURL"),
            Key::InCluster => spelled("in-cluster", &[], "inCluster"),
            Key::InClusterContextName => {
                spelled("in-cluster-context-name", &[], "inClusterContextName")
            }
            Key::Kubeconfig => spelled("kubeconfig", &[], "kubeconfig"),
            Key::UnsafeUseServiceAccountToken => spelled(
                "unsafe-use-service-account-token",
                &[],
                "unsafeUseServiceAccountToken",
            ),
            Key::UnsafeUseKubeconfigCredential => spelled(
                "unsafe-use-kubeconfig-credential",
                &[],
                "unsafeUseKubeconfigCredential",
            ),
            Key::PublicUrl => spelled("public-url", &[], "publicURL"),
            Key::AllowedHosts => spelled("allowed-host", &[], "allowedHosts"),
            Key::ServiceProxyOrigin => spelled("service-proxy-origin", &[], "serviceProxyOrigin"),
            Key::SecureCookies => spelled("secure-cookies", &[], "secureCookies"),
            Key::EnableHelm => spelled("enable-helm", &[], "enableHelm"),
            Key::DisableHelm => spelled("disable-helm", &[], "disableHelm"),
            Key::HelmBinary => spelled("helm-binary", &[], "helm.binary"),
            Key::HelmRepositories => spelled("helm-repository", &[], "helm.repositories"),
            Key::OidcClientId => spelled("oidc-client-id", &[], "oidc.clientID"),
            Key::OidcClientSecret => spelled("oidc-client-secret", &[], "oidc.clientSecret"),
            Key::OidcClientSecretFile => {
                spelled("oidc-client-secret-file", &[], "oidc.clientSecretFile")
            }
            // `oidc-idp-issuer-url` is Headlamp's spelling.
            Key::OidcIssuerUrl => spelled(
                "oidc-issuer-url",
                &["oidc-idp-issuer-url"],
                "oidc.issuerURL",
            ),
            Key::OidcScopes => spelled("oidc-scopes", &[], "oidc.scopes"),
            Key::OidcUsePkce => spelled("oidc-use-pkce", &[], "oidc.usePKCE"),
            Key::OidcCallbackUrl => spelled("oidc-callback-url", &[], "oidc.callbackURL"),
            Key::OidcUseAccessToken => spelled("oidc-use-access-token", &[], "oidc.useAccessToken"),
            Key::OidcCaFile => spelled("oidc-ca-file", &[], "oidc.caFile"),
            Key::OidcUsernameClaim => spelled("oidc-username-claim", &[], "oidc.usernameClaim"),
            Key::OidcGroupsClaim => spelled("oidc-groups-claim", &[], "oidc.groupsClaim"),
            Key::OidcUsernamePrefix => spelled("oidc-username-prefix", &[], "oidc.usernamePrefix"),
            Key::OidcGroupsPrefix => spelled("oidc-groups-prefix", &[], "oidc.groupsPrefix"),
            Key::OidcImpersonate => spelled("oidc-impersonate", &[], "oidc.impersonate"),
            Key::SessionTtl => spelled("session-ttl", &[], "sessionTTL"),
            Key::SessionIdleTimeout => spelled("session-idle-timeout", &[], "sessionIdleTimeout"),
            Key::SessionStore => spelled("session-store", &[], "sessionStore"),
            Key::SessionSecretFile => spelled("session-secret-file", &[], "sessionSecretFile"),
            // `tls-cert-path` / `tls-key-path` are Headlamp's spellings.
            Key::TlsCertFile => spelled("tls-cert-file", &["tls-cert-path"], "tlsCertFile"),
            Key::TlsKeyFile => spelled("tls-key-file", &["tls-key-path"], "tlsKeyFile"),
            Key::AuditLog => spelled("audit-log", &[], "auditLog"),
            Key::LogLevel => spelled("log-level", &[], "logLevel"),
        }
    }

    /// `--port`: how errors name a setting that did not come from the file.
    pub(crate) fn flag_name(self) -> String {
        format!("--{}", self.spelling().flag)
    }

    /// Settings that may hold a list (a YAML sequence or a repeated flag).
    pub(crate) fn is_list(self) -> bool {
        matches!(
            self,
            Key::Kubeconfig
                | Key::OidcScopes
                | Key::HelmRepositories
                | Key::AllowedHosts
                | Key::OidcImpersonate
        )
    }

    /// Settings whose value may hold a credential and so is kept in a
    /// redacting type from the moment it is read.
    pub(crate) fn is_secret(self) -> bool {
        matches!(self, Key::OidcClientSecret | Key::SessionStore)
    }

    pub(crate) fn from_yaml(path: &str) -> Option<Key> {
        Key::ALL
            .into_iter()
            .find(|key| key.spelling().yaml == Some(path))
    }

    /// Environment variables for this key, best first, with their tier.
    pub(crate) fn env_vars(self) -> Vec<(String, Source)> {
        let spelling = self.spelling();
        let names: Vec<&str> = std::iter::once(spelling.flag)
            .chain(spelling.aliases.iter().copied())
            .collect();
        let mut vars = Vec::new();
        for (prefix, tier) in [
            (LANTHORN_PREFIX, EnvTier::Lanthorn),
            (HEADLAMP_PREFIX, EnvTier::Headlamp),
        ] {
            for name in &names {
                let var = format!("{prefix}{}", upper_snake(name));
                vars.push((var.clone(), Source::Env { var, tier }));
            }
        }
        if self == Key::OidcClientSecret {
            let var = OIDC_CLIENT_SECRET_VAR.to_owned();
            vars.push((
                var.clone(),
                Source::Env {
                    var,
                    tier: EnvTier::Plain,
                },
            ));
        }
        vars
    }
}

pub(crate) const LANTHORN_PREFIX: &str = "LANTHORN_";
pub(crate) const HEADLAMP_PREFIX: &str = "HEADLAMP_CONFIG_";
/// The variable Headlamp's chart documentation fills from a Secret.
pub(crate) const OIDC_CLIENT_SECRET_VAR: &str = "OIDC_CLIENT_SECRET";

pub(crate) fn upper_snake(flag: &str) -> String {
    flag.to_ascii_uppercase().replace('-', "_")
}

/// Environment variables rank below flags and above the file; among
/// themselves `LANTHORN_` beats `HEADLAMP_CONFIG_` beats a plain name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EnvTier {
    Plain,
    Headlamp,
    Lanthorn,
}

/// Where a value came from, used both for precedence and in error messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Source {
    File(PathBuf),
    Env { var: String, tier: EnvTier },
    Flag,
}

impl Source {
    pub(crate) fn precedence(&self) -> u8 {
        match self {
            Source::File(_) => 1,
            Source::Env {
                tier: EnvTier::Plain,
                ..
            } => 2,
            Source::Env {
                tier: EnvTier::Headlamp,
                ..
            } => 3,
            Source::Env {
                tier: EnvTier::Lanthorn,
                ..
            } => 4,
            Source::Flag => 5,
        }
    }

    /// How errors name `key` when its value came from here: by its YAML key
    /// path (`oidc.issuerURL`) for the file, else by its flag (`--oidc-issuer-url`).
    pub(crate) fn label(&self, key: Key) -> String {
        match (self, key.spelling().yaml) {
            (Source::File(_), Some(yaml)) => yaml.to_owned(),
            _ => key.flag_name(),
        }
    }

    /// Says where a value came from, for the end of an error message.
    pub(crate) fn origin(&self) -> String {
        match self {
            Source::File(path) => format!(" (in config file {})", path.display()),
            Source::Env { var, .. } => format!(" (from environment variable {var})"),
            Source::Flag => String::new(),
        }
    }

    /// The error for a bad value of `key` that came from here.
    pub(crate) fn error(&self, key: Key, message: impl Into<String>) -> ConfigError {
        ConfigError::new(
            self.label(key),
            format!("{}{}", message.into(), self.origin()),
        )
    }

    /// The error for `missing`, which must be set because `present` is.
    pub(crate) fn requires(&self, present: Key, missing: Key) -> ConfigError {
        ConfigError::new(
            self.label(missing),
            format!(
                "required when {} is set{}",
                self.label(present),
                self.origin()
            ),
        )
    }
}

/// A value as read, before it is typed and validated.
#[derive(Clone, Debug)]
pub(crate) enum Raw {
    Text(String),
    List(Vec<String>),
    Secret(SecretString),
}

#[derive(Clone, Debug)]
pub(crate) struct Sourced {
    pub raw: Raw,
    pub source: Source,
}

/// Every value given, one per key: the one from the highest-precedence source.
#[derive(Debug, Default)]
pub(crate) struct Settings(BTreeMap<Key, Sourced>);

impl Settings {
    /// Records `raw` unless a value from a source of equal or higher
    /// precedence is already there. Empty values count as not given: charts
    /// often render unset values as `""`.
    pub(crate) fn set(&mut self, key: Key, raw: Raw, source: Source) {
        let raw = match raw {
            Raw::Text(text) if text.trim().is_empty() => return,
            Raw::Text(text) if key.is_secret() => Raw::Secret(text.into()),
            Raw::List(items) => {
                let items: Vec<String> = items
                    .into_iter()
                    .filter(|item| !item.trim().is_empty())
                    .collect();
                if items.is_empty() {
                    return;
                }
                Raw::List(items)
            }
            Raw::Secret(secret) if secret.expose_secret().trim().is_empty() => return,
            other => other,
        };
        if let Some(existing) = self.0.get(&key)
            && existing.source.precedence() >= source.precedence()
        {
            return;
        }
        self.0.insert(key, Sourced { raw, source });
    }

    pub(crate) fn get(&self, key: Key) -> Option<&Sourced> {
        self.0.get(&key)
    }
}
