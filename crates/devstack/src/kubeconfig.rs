//! Just enough of a kubeconfig to reach the stack: the current context's cluster and
//! user, with inline (`*-data`) certificates as `dev/stack` writes them.

use anyhow::{Context, Result};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Named<T> {
    name: String,
    #[serde(alias = "cluster", alias = "user", alias = "context")]
    value: T,
}

#[derive(Debug, Deserialize)]
struct ClusterEntry {
    server: String,
    #[serde(rename = "certificate-authority-data")]
    ca_data: Option<String>,
}

#[derive(Deserialize, Default)]
struct UserEntry {
    #[serde(rename = "client-certificate-data")]
    cert_data: Option<String>,
    #[serde(rename = "client-key-data")]
    key_data: Option<String>,
    token: Option<String>,
}

impl std::fmt::Debug for UserEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserEntry")
            .field("has_certificate", &self.cert_data.is_some())
            .field("has_token", &self.token.is_some())
            .finish()
    }
}

#[derive(Debug, Deserialize)]
struct ContextEntry {
    cluster: String,
    user: String,
}

#[derive(Debug, Deserialize)]
struct File {
    clusters: Vec<Named<ClusterEntry>>,
    users: Vec<Named<UserEntry>>,
    contexts: Vec<Named<ContextEntry>>,
    #[serde(rename = "current-context")]
    current_context: String,
}

/// The current context of a kubeconfig, resolved to server, CA and credential.
pub struct Kubeconfig {
    /// The API server's URL.
    pub server: String,
    /// PEM of the CA that signed the API server's certificate.
    pub ca_pem: Option<Vec<u8>>,
    /// PEM of the client certificate followed by its key.
    pub identity_pem: Option<Vec<u8>>,
    /// A bearer token.
    pub token: Option<String>,
}

impl std::fmt::Debug for Kubeconfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Kubeconfig")
            .field("server", &self.server)
            .field("has_identity", &self.identity_pem.is_some())
            .field("has_token", &self.token.is_some())
            .finish()
    }
}

impl Kubeconfig {
    /// Reads and resolves the kubeconfig at `path`.
    pub fn load(path: &str) -> Result<Self> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read kubeconfig {path}"))?;
        Self::parse(&text).with_context(|| format!("kubeconfig {path}"))
    }

    /// Resolves the current context of a kubeconfig document.
    pub fn parse(text: &str) -> Result<Self> {
        let file: File = serde_yaml_ng::from_str(text).context("not a kubeconfig")?;
        let context = find(&file.contexts, &file.current_context, "context")?;
        let cluster = find(&file.clusters, &context.cluster, "cluster")?;
        let user = find(&file.users, &context.user, "user")?;
        let identity_pem = match (&user.cert_data, &user.key_data) {
            (Some(cert), Some(key)) => {
                let mut pem = decode(cert, "client-certificate-data")?;
                pem.extend(decode(key, "client-key-data")?);
                Some(pem)
            }
            _ => None,
        };
        Ok(Self {
            server: cluster.server.clone(),
            ca_pem: cluster
                .ca_data
                .as_deref()
                .map(|d| decode(d, "certificate-authority-data"))
                .transpose()?,
            identity_pem,
            token: user.token.clone(),
        })
    }
}

fn find<'a, T>(entries: &'a [Named<T>], name: &str, kind: &str) -> Result<&'a T> {
    entries
        .iter()
        .find(|e| e.name == name)
        .map(|e| &e.value)
        .with_context(|| format!("no {kind} named {name:?}"))
}

fn decode(data: &str, field: &str) -> Result<Vec<u8>> {
    STANDARD
        .decode(data.trim())
        .with_context(|| format!("{field} is not base64"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "apiVersion: v1\nkind: Config\nclusters:\n- name: dev\n  cluster:\n    server: https://127.0.0.1:16443\n    certificate-authority-data: Q0E=\nusers:\n- name: admin\n  user:\n    token: abc\ncontexts:\n- name: dev\n  context:\n    cluster: dev\n    user: admin\ncurrent-context: dev\n";

    #[test]
    fn resolves_the_current_context() -> Result<()> {
        let kc = Kubeconfig::parse(SAMPLE)?;
        assert_eq!(kc.server, "https://127.0.0.1:16443");
        assert_eq!(kc.ca_pem.as_deref(), Some(&b"CA"[..]));
        assert_eq!(kc.token.as_deref(), Some("abc"));
        assert!(kc.identity_pem.is_none());
        Ok(())
    }

    #[test]
    fn names_a_missing_context() {
        let broken = SAMPLE.replace("current-context: dev", "current-context: prod");
        let err = Kubeconfig::parse(&broken).err().map(|e| e.to_string());
        assert_eq!(err.as_deref(), Some("no context named \"prod\""));
    }
}
