//! What Lanthorn knows about one cluster: where its API server is, how to trust it, and
//! which credential its kubeconfig entry carries.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use secrecy::SecretString;
use url::Url;

use crate::impersonation::Impersonation;
use crate::{ClusterError, ClusterName};

/// Where a cluster definition came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A context of a kubeconfig file.
    Kubeconfig {
        /// The file that defines the context.
        file: PathBuf,
    },
    /// The ServiceAccount mount of the pod Lanthorn runs in.
    InCluster,
}

/// The credential a kubeconfig user entry carries (used only in kubeconfig mode).
#[derive(Debug, Clone)]
pub enum KubeconfigAuth {
    /// No credential beyond a possible client certificate.
    None,
    /// A static bearer token.
    Token(SecretString),
    /// A token read from a file on every use (it may be rotated).
    TokenFile(PathBuf),
    /// An exec credential plugin.
    Exec(ExecSpec),
    /// `auth-provider: oidc`: its id-token is the bearer; the rest feeds OIDC sign-in.
    OidcProvider(Box<OidcProviderConfig>),
}

/// A kubeconfig's `auth-provider: oidc` settings (kubectl's names in comments).
#[derive(Debug, Clone, Default)]
pub struct OidcProviderConfig {
    /// `id-token`: used as the bearer in kubeconfig mode.
    pub id_token: Option<SecretString>,
    /// `idp-issuer-url`.
    pub issuer_url: Option<String>,
    /// `client-id`.
    pub client_id: Option<String>,
    /// `client-secret`.
    pub client_secret: Option<SecretString>,
    /// `extra-scopes`, comma-separated.
    pub extra_scopes: Vec<String>,
    /// `idp-certificate-authority-data` or the file `idp-certificate-authority` names.
    pub ca_pem: Option<Vec<u8>>,
}

impl OidcProviderConfig {
    /// True when it names enough (issuer and client id) to sign users in.
    pub fn can_sign_in(&self) -> bool {
        self.issuer_url.as_deref().is_some_and(|u| !u.is_empty())
            && self.client_id.as_deref().is_some_and(|c| !c.is_empty())
    }
}

/// An exec credential plugin, resolved against its kubeconfig's folder.
#[derive(Debug, Clone)]
pub struct ExecSpec {
    /// The program.
    pub command: String,
    /// Its arguments.
    pub args: Vec<String>,
    /// Extra environment.
    pub env: BTreeMap<String, String>,
    /// `client.authentication.k8s.io/…` version it speaks.
    pub api_version: String,
    /// Folder to run it in.
    pub dir: PathBuf,
}

/// One cluster: API server address, trust, and the kubeconfig's own credential.
#[derive(Clone)]
pub struct ClusterSpec {
    /// Name in URLs.
    pub name: ClusterName,
    /// The API server's base URL.
    pub server: Url,
    /// PEM of the CA(s) to trust; `None` means the system's roots.
    pub ca_pem: Option<Vec<u8>>,
    /// `insecure-skip-tls-verify`.
    pub insecure: bool,
    /// Name to verify in the server certificate instead of the URL's host.
    pub tls_server_name: Option<String>,
    /// `proxy-url` (HTTP CONNECT proxies only).
    pub proxy_url: Option<Url>,
    /// Client certificate chain and key (PEM), kubeconfig mode only.
    pub identity_pem: Option<SecretString>,
    /// The kubeconfig's credential.
    pub auth: KubeconfigAuth,
    /// Who that credential acts as (`as`, `as-groups`, …), if the user entry says.
    pub impersonate: Option<Impersonation>,
    /// Where it came from.
    pub origin: Origin,
}

impl std::fmt::Debug for ClusterSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClusterSpec")
            .field("name", &self.name)
            .field("server", &self.server.as_str())
            .field("insecure", &self.insecure)
            .field("has_identity", &self.identity_pem.is_some())
            .field("origin", &self.origin)
            .finish_non_exhaustive()
    }
}

pub(crate) fn read(what: &'static str, path: &Path) -> Result<Vec<u8>, ClusterError> {
    std::fs::read(path).map_err(|source| ClusterError::ReadFile {
        what,
        path: path.to_owned(),
        source,
    })
}

/// Where in-cluster mode finds what the kubelet provides (overridable for tests).
#[derive(Debug, Clone)]
pub struct InClusterPaths {
    /// Folder with `token` and `ca.crt`.
    pub service_account_dir: PathBuf,
    /// `KUBERNETES_SERVICE_HOST`.
    pub host: Option<String>,
    /// `KUBERNETES_SERVICE_PORT`.
    pub port: Option<String>,
}

impl InClusterPaths {
    /// The standard mount (or `LANTHORN_SERVICE_ACCOUNT_DIR`, for running "in-cluster"
    /// against a local API server) and the given environment.
    pub fn from_env(env: &BTreeMap<String, String>) -> Self {
        let dir = env
            .get("LANTHORN_SERVICE_ACCOUNT_DIR")
            .filter(|d| !d.is_empty())
            .map_or_else(
                || PathBuf::from("/var/run/secrets/kubernetes.io/serviceaccount"),
                PathBuf::from,
            );
        Self {
            service_account_dir: dir,
            host: env.get("KUBERNETES_SERVICE_HOST").cloned(),
            port: env.get("KUBERNETES_SERVICE_PORT").cloned(),
        }
    }
}

/// The cluster Lanthorn runs in, named `name`. Its `auth` is the pod's ServiceAccount
/// token file, which the credential resolver only uses when explicitly allowed.
pub fn in_cluster(name: &str, paths: &InClusterPaths) -> Result<ClusterSpec, ClusterError> {
    let (Some(host), Some(port)) = (&paths.host, &paths.port) else {
        return Err(ClusterError::InCluster(
            "KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be set".into(),
        ));
    };
    let host = if host.contains(':') {
        format!("[{host}]")
    } else {
        host.clone()
    };
    let server = Url::parse(&format!("https://{host}:{port}"))
        .map_err(|e| ClusterError::InCluster(format!("API address {host}:{port}: {e}")))?;
    let ca_pem = read("in-cluster CA", &paths.service_account_dir.join("ca.crt"))?;
    Ok(ClusterSpec {
        name: ClusterName::new(name)?,
        server,
        ca_pem: Some(ca_pem),
        insecure: false,
        tls_server_name: None,
        proxy_url: None,
        identity_pem: None,
        auth: KubeconfigAuth::TokenFile(paths.service_account_dir.join("token")),
        impersonate: None,
        origin: Origin::InCluster,
    })
}

#[cfg(test)]
pub(crate) mod tests_support {
    use super::*;

    /// A kubeconfig-mode cluster at `server` with a static token.
    pub(crate) fn spec_for(server: &str) -> ClusterSpec {
        ClusterSpec {
            name: ClusterName::new("c").unwrap_or_else(|e| panic!("{e}")),
            server: Url::parse(server).unwrap_or_else(|e| panic!("{e}")),
            ca_pem: None,
            insecure: false,
            tls_server_name: None,
            proxy_url: None,
            identity_pem: None,
            auth: KubeconfigAuth::Token(SecretString::from("kubeconfig-token")),
            impersonate: None,
            origin: Origin::InCluster,
        }
    }
}
