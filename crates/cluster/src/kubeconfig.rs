//! Reading and merging kubeconfig files the way kubectl does: for every cluster, user
//! and context name the first file that defines it wins.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::ClusterError;
use crate::spec::ClusterSpec;
use to_spec::spec_from_context;

mod to_spec;

#[derive(Debug, Deserialize, Default)]
pub(crate) struct RawFile {
    #[serde(default)]
    clusters: Vec<Named<RawCluster>>,
    #[serde(default)]
    users: Vec<Named<RawUser>>,
    #[serde(default)]
    contexts: Vec<Named<RawContext>>,
}

#[derive(Debug, Deserialize)]
struct Named<T> {
    name: String,
    #[serde(alias = "cluster", alias = "user", alias = "context")]
    value: T,
}

#[derive(Debug, Deserialize, Clone, Default)]
pub(crate) struct RawCluster {
    pub(crate) server: String,
    #[serde(rename = "certificate-authority")]
    pub(crate) ca_file: Option<PathBuf>,
    #[serde(rename = "certificate-authority-data")]
    pub(crate) ca_data: Option<String>,
    #[serde(rename = "insecure-skip-tls-verify", default)]
    pub(crate) insecure: bool,
    #[serde(rename = "proxy-url")]
    pub(crate) proxy_url: Option<String>,
    #[serde(rename = "tls-server-name")]
    pub(crate) tls_server_name: Option<String>,
}

#[derive(Deserialize, Clone, Default)]
pub(crate) struct RawUser {
    #[serde(rename = "client-certificate")]
    pub(crate) cert_file: Option<PathBuf>,
    #[serde(rename = "client-certificate-data")]
    pub(crate) cert_data: Option<String>,
    #[serde(rename = "client-key")]
    pub(crate) key_file: Option<PathBuf>,
    #[serde(rename = "client-key-data")]
    pub(crate) key_data: Option<String>,
    pub(crate) token: Option<String>,
    #[serde(rename = "tokenFile")]
    pub(crate) token_file: Option<PathBuf>,
    pub(crate) exec: Option<RawExec>,
    #[serde(rename = "auth-provider")]
    pub(crate) auth_provider: Option<RawAuthProvider>,
    #[serde(rename = "as")]
    pub(crate) act_as: Option<String>,
    #[serde(rename = "as-uid")]
    pub(crate) act_as_uid: Option<String>,
    #[serde(rename = "as-groups", default)]
    pub(crate) act_as_groups: Vec<String>,
    #[serde(rename = "as-user-extra", default)]
    pub(crate) act_as_extra: std::collections::BTreeMap<String, Vec<String>>,
    pub(crate) username: Option<String>,
    pub(crate) password: Option<String>,
}

impl std::fmt::Debug for RawUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RawUser")
            .field("has_token", &self.token.is_some())
            .field("exec", &self.exec.as_ref().map(|e| &e.command))
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Deserialize, Clone, Default)]
pub(crate) struct RawExec {
    #[serde(rename = "apiVersion", default)]
    pub(crate) api_version: String,
    pub(crate) command: String,
    #[serde(default)]
    pub(crate) args: Vec<String>,
    #[serde(default)]
    pub(crate) env: Vec<RawEnv>,
}

#[derive(Debug, Deserialize, Clone, Default)]
pub(crate) struct RawEnv {
    pub(crate) name: String,
    pub(crate) value: String,
}

#[derive(Deserialize, Clone, Default)]
pub(crate) struct RawAuthProvider {
    pub(crate) name: String,
    #[serde(default)]
    pub(crate) config: BTreeMap<String, String>,
}

impl std::fmt::Debug for RawAuthProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The config map holds id-token, refresh-token and client-secret.
        f.debug_struct("RawAuthProvider")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Deserialize, Clone)]
pub(crate) struct RawContext {
    pub(crate) cluster: String,
    pub(crate) user: Option<String>,
}

/// Everything the files define, merged, with each entry's source file (relative paths in
/// a kubeconfig are relative to the file that holds them).
#[derive(Debug, Default)]
struct Merged {
    clusters: BTreeMap<String, (RawCluster, PathBuf)>,
    users: BTreeMap<String, (RawUser, PathBuf)>,
    contexts: BTreeMap<String, (RawContext, PathBuf)>,
}

fn parse_file(path: &Path) -> Result<RawFile, ClusterError> {
    let text = std::fs::read_to_string(path).map_err(|source| ClusterError::ReadKubeconfig {
        path: path.to_owned(),
        source,
    })?;
    if text.trim().is_empty() {
        return Ok(RawFile::default());
    }
    serde_yaml_ng::from_str(&text).map_err(|e| ClusterError::MalformedKubeconfig {
        path: path.to_owned(),
        reason: e.to_string(),
    })
}

/// One cluster per context of the given kubeconfig files (merged in order). A file that
/// cannot be read or parsed is an error; a context that cannot be used is returned as an
/// error next to the good ones so one bad entry does not hide the rest.
pub fn load_kubeconfigs(
    paths: &[PathBuf],
) -> Result<Vec<Result<ClusterSpec, ClusterError>>, ClusterError> {
    let mut merged = Merged::default();
    for path in paths {
        let file = parse_file(path)?;
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        for c in file.clusters {
            merged
                .clusters
                .entry(c.name)
                .or_insert((c.value, dir.clone()));
        }
        for u in file.users {
            merged.users.entry(u.name).or_insert((u.value, dir.clone()));
        }
        for c in file.contexts {
            merged
                .contexts
                .entry(c.name)
                .or_insert((c.value, path.clone()));
        }
    }
    Ok(merged
        .contexts
        .iter()
        .map(|(name, (ctx, file))| {
            let bad = |reason: String| ClusterError::BadContext {
                path: file.clone(),
                context: name.clone(),
                reason,
            };
            let (cluster, cluster_dir) = merged
                .clusters
                .get(&ctx.cluster)
                .ok_or_else(|| bad(format!("no cluster named {:?}", ctx.cluster)))?;
            let user = match &ctx.user {
                Some(u) if !u.is_empty() => Some(
                    merged
                        .users
                        .get(u)
                        .ok_or_else(|| bad(format!("no user named {u:?}")))?,
                ),
                _ => None,
            };
            spec_from_context(name, file, cluster, cluster_dir, user).map_err(|e| match e {
                ClusterError::BadContext { .. } | ClusterError::ReadFile { .. } => e,
                other => bad(other.to_string()),
            })
        })
        .collect())
}

#[cfg(test)]
mod tests;
