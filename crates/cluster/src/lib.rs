//! Clusters Lanthorn fronts, and the one path every request to them takes.
//!
//! A [`ClusterSpec`] comes from a kubeconfig context or from the in-cluster
//! ServiceAccount mount. [`ClusterClient`] holds the pooled TLS connections to its API
//! server. Every request carries exactly one [`Credential`], chosen by
//! [`Credential::resolve`]: the user's own when there is one, the kubeconfig's in
//! kubeconfig mode, and otherwise none — never the server's ServiceAccount unless the
//! operator asked for it.

mod call;
mod client;
mod credential;
mod error;
mod exec;
mod export;
mod impersonation;
mod kubeconfig;
mod name;
mod names;
mod portforward;
mod spec;
mod tls;

pub use call::{CallError, UserInfo};
pub use client::{
    BoxError, ClusterClient, ClusterResponse, HyperTransport, Transport, UpstreamBody,
    is_long_running,
};
pub use credential::{Credential, CredentialSource, Mode};
pub use error::ClusterError;
pub use impersonation::Impersonation;
pub use kubeconfig::load_kubeconfigs;
pub use name::ClusterName;
pub use names::{KubeName, Named, Namespace, NotAName, is_kube_name};
pub use spec::{
    ClusterSpec, InClusterPaths, KubeconfigAuth, OidcProviderConfig, Origin, in_cluster,
};
