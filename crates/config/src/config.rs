//! The validated configuration handed to the rest of Lanthorn.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use url::Url;

/// Everything Lanthorn needs to start, validated. Its `Debug` output never
/// shows the OIDC client secret or a Redis password.
#[derive(Clone, Debug)]
pub struct Config {
    pub server: ServerConfig,
    pub clusters: ClustersConfig,
    /// `Some` when both `--oidc-client-id` and `--oidc-issuer-url` are set.
    pub oidc: Option<OidcConfig>,
    pub session: SessionConfig,
    pub audit_log: AuditTarget,
    /// Helm features.
    pub helm: HelmConfig,
    /// A `tracing` filter directive such as `info` or `info,lanthorn=debug`.
    pub log_level: String,
    /// Headlamp-only flags that were given and are ignored (for a warning at start).
    pub ignored_flags: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct ServerConfig {
    pub port: u16,
    pub listen_address: IpAddr,
    /// Path prefix the UI is served under: empty, or `/x` without a trailing slash.
    pub base_url: String,
    /// `Some` when both a certificate and a key file are given.
    pub tls: Option<TlsConfig>,
    /// `--public-url`: where users reach Lanthorn; its host is an allowed `Host`.
    pub public_url: Option<Url>,
    /// `--allowed-host`: more allowed `Host` values, lower-case, `name` or `name:port`.
    pub allowed_hosts: Vec<String>,
    /// `--service-proxy-origin`: a separate origin that serves only proxied content.
    pub service_proxy_origin: Option<Url>,
    /// `--secure-cookies`: treat every request as HTTPS (cookies `Secure`, HSTS).
    pub secure_cookies: bool,
}

impl ServerConfig {
    pub fn socket_addr(&self) -> SocketAddr {
        SocketAddr::new(self.listen_address, self.port)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TlsConfig {
    pub cert_file: PathBuf,
    pub key_file: PathBuf,
}

/// Helm features: release lists read natively, changes through the `helm` program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HelmConfig {
    /// Off with `--disable-helm` or `--enable-helm=false`.
    pub enabled: bool,
    /// The `helm` program (a bare name is looked up on `PATH`).
    pub binary: PathBuf,
    /// Chart repositories users may install from, set by the operator.
    pub repositories: Vec<ChartRepository>,
}

impl Default for HelmConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            binary: PathBuf::from("helm"),
            repositories: Vec::new(),
        }
    }
}

/// A chart repository (`index.yaml` over HTTP or HTTPS).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChartRepository {
    /// How charts from it are named: `NAME/chart`.
    pub name: String,
    /// Its address.
    pub url: url::Url,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClustersConfig {
    pub in_cluster: bool,
    pub in_cluster_context_name: String,
    /// Kubeconfig files in order; may be empty (e.g. in-cluster only).
    pub kubeconfigs: Vec<PathBuf>,
    /// Use the pod's ServiceAccount token for users who bring no credential.
    pub unsafe_use_service_account_token: bool,
    /// Allow the kubeconfig's own credentials while listening beyond loopback.
    pub unsafe_use_kubeconfig_credential: bool,
}

#[derive(Clone, Debug)]
pub struct OidcConfig {
    pub client_id: String,
    pub client_secret: Option<SecretString>,
    pub issuer_url: ExactUrl,
    /// Always starts with `openid`, no duplicates.
    pub scopes: Vec<String>,
    /// `--oidc-use-pkce`: `Some(true)` forces PKCE, `Some(false)` turns it off, `None`
    /// uses it when the provider's discovery document lists S256.
    pub use_pkce: Option<bool>,
    pub callback_url: Option<ExactUrl>,
    pub use_access_token: bool,
    pub ca_file: Option<PathBuf>,
    pub username_claim: String,
    pub groups_claim: String,
    /// `--oidc-username-prefix`: `None` when not given (none for the `email` claim,
    /// otherwise the issuer and `#`, as kube-apiserver does); `-` is given as `Some("")`.
    pub username_prefix: Option<String>,
    /// `--oidc-groups-prefix`, empty when not given.
    pub groups_prefix: String,
    /// `--oidc-impersonate`: the clusters reached by impersonation, in the order given.
    pub impersonate: Vec<String>,
}

/// A URL kept exactly as written next to its parsed form. OIDC compares the
/// issuer and `redirect_uri` as strings, and parsing alone would change them
/// (`https://dex.example.com` becomes `https://dex.example.com/`).
#[derive(Clone, PartialEq, Eq)]
pub struct ExactUrl {
    text: String,
    url: Url,
}

impl ExactUrl {
    pub(crate) fn new(text: String, url: Url) -> Self {
        Self { text, url }
    }

    /// The URL as the user wrote it.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn url(&self) -> &Url {
        &self.url
    }
}

impl fmt::Debug for ExactUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ExactUrl").field(&self.text).finish()
    }
}

impl fmt::Display for ExactUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[derive(Clone, Debug)]
pub struct SessionConfig {
    /// Absolute lifetime of a session (`--session-ttl`).
    pub ttl: Duration,
    /// A session unused this long ends; never more than `ttl`.
    pub idle_timeout: Duration,
    pub store: SessionStore,
    /// File holding the key that encrypts session data; generated when `None`.
    pub secret_file: Option<PathBuf>,
}

/// Where sessions live.
#[derive(Clone)]
pub enum SessionStore {
    /// In this process; fine for one replica.
    Memory,
    /// A `redis://` or `rediss://` URL, which may carry a password.
    Redis(SecretString),
}

impl fmt::Debug for SessionStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SessionStore::Memory => f.write_str("Memory"),
            SessionStore::Redis(url) => f
                .debug_tuple("Redis")
                .field(&redact_url(url.expose_secret()))
                .finish(),
        }
    }
}

/// Shows where a Redis URL points without its password.
fn redact_url(text: &str) -> String {
    match Url::parse(text) {
        Ok(mut url) => {
            if url.password().is_some() && url.set_password(Some("REDACTED")).is_err() {
                return "[REDACTED]".to_owned();
            }
            url.to_string()
        }
        Err(_) => "[REDACTED]".to_owned(),
    }
}

/// Where audit lines go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuditTarget {
    Stdout,
    File(PathBuf),
}

pub(crate) const DEFAULT_PORT: u16 = 4466;
pub(crate) const DEFAULT_SESSION_TTL: Duration = Duration::from_secs(86_400);
pub(crate) const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(3_600);
pub(crate) const DEFAULT_CONTEXT_NAME: &str = "main";
pub(crate) const DEFAULT_LOG_LEVEL: &str = "info";
pub(crate) const DEFAULT_USERNAME_CLAIM: &str = "email";
pub(crate) const DEFAULT_GROUPS_CLAIM: &str = "groups";
/// Headlamp's default scopes; `openid` is always added in front.
pub(crate) const DEFAULT_SCOPES: &[&str] = &["profile", "email"];

impl Default for Config {
    /// The built-in defaults: no kubeconfig, no OIDC, in-memory sessions.
    /// Handy for other crates' tests; `load` is how a real `Config` is made.
    fn default() -> Self {
        Self {
            server: ServerConfig {
                port: DEFAULT_PORT,
                listen_address: IpAddr::V4(Ipv4Addr::LOCALHOST),
                base_url: String::new(),
                tls: None,
                public_url: None,
                allowed_hosts: Vec::new(),
                service_proxy_origin: None,
                secure_cookies: false,
            },
            clusters: ClustersConfig {
                in_cluster: false,
                in_cluster_context_name: DEFAULT_CONTEXT_NAME.to_owned(),
                kubeconfigs: Vec::new(),
                unsafe_use_service_account_token: false,
                unsafe_use_kubeconfig_credential: false,
            },
            oidc: None,
            session: SessionConfig {
                ttl: DEFAULT_SESSION_TTL,
                idle_timeout: DEFAULT_IDLE_TIMEOUT,
                store: SessionStore::Memory,
                secret_file: None,
            },
            audit_log: AuditTarget::Stdout,
            helm: HelmConfig::default(),
            log_level: DEFAULT_LOG_LEVEL.to_owned(),
            ignored_flags: Vec::new(),
        }
    }
}
