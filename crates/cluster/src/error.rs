//! What can go wrong loading clusters or reaching them.

use std::path::PathBuf;

/// Errors of this crate. Messages never carry a credential.
#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    /// A kubeconfig file could not be read.
    #[error("cannot read kubeconfig {path}")]
    ReadKubeconfig {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A kubeconfig file is not valid YAML of the expected shape.
    #[error("kubeconfig {path} is malformed: {reason}")]
    MalformedKubeconfig {
        /// The file.
        path: PathBuf,
        /// What is wrong (from the YAML parser, with its line).
        reason: String,
    },
    /// A context refers to something that does not exist or is unusable.
    #[error("context {context:?} in {path}: {reason}")]
    BadContext {
        /// The file.
        path: PathBuf,
        /// The context.
        context: String,
        /// What is wrong.
        reason: String,
    },
    /// A cluster name that cannot stand in a URL.
    #[error("cluster name {0:?} cannot be used in a URL")]
    BadName(String),
    /// A file a cluster needs (CA, certificate, token) could not be read.
    #[error("cannot read {what} {path}")]
    ReadFile {
        /// What the file is for.
        what: &'static str,
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A kubeconfig feature Lanthorn does not support.
    #[error("{0}")]
    Unsupported(String),
    /// A `*-data` field that is not base64.
    #[error("{what}-data is not base64")]
    NotBase64 {
        /// Which field.
        what: &'static str,
    },
    /// TLS material that rustls refuses.
    #[error("TLS setup for cluster {cluster}: {reason}")]
    Tls {
        /// The cluster.
        cluster: String,
        /// What rustls said.
        reason: String,
    },
    /// In-cluster mode without the environment the kubelet provides.
    #[error("in-cluster mode: {0}")]
    InCluster(String),
    /// A kubeconfig exec credential plugin failed.
    #[error("exec credential plugin {command:?} failed: {reason}")]
    Exec {
        /// The plugin's command.
        command: String,
        /// What went wrong (its stderr, trimmed).
        reason: String,
    },
    /// The API server could not be reached.
    #[error("cluster {cluster} is unreachable: {reason}")]
    Unreachable {
        /// The cluster.
        cluster: String,
        /// The connection error.
        reason: String,
    },
    /// The API server did not answer in time.
    #[error("cluster {cluster} did not answer within {seconds} s")]
    Timeout {
        /// The cluster.
        cluster: String,
        /// The limit.
        seconds: u64,
    },
    /// A token that cannot be sent in an HTTP header.
    #[error("the token contains characters that cannot be sent in an HTTP header")]
    BadToken,
}
