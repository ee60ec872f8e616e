//! The clusters this server fronts, loaded once at start. A context that cannot be used
//! is kept as an error to show, never a reason to refuse the others.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use lanthorn_cluster::{
    ClusterClient, ClusterError, ClusterName, InClusterPaths, KubeconfigAuth, Mode, in_cluster,
    load_kubeconfigs,
};
use lanthorn_config::ClustersConfig;

/// How long connecting to an API server may take before the request fails with 502/504.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// All clusters, by name.
#[derive(Debug)]
pub struct Clusters {
    by_name: BTreeMap<ClusterName, Arc<ClusterClient>>,
    broken: Vec<String>,
    mode: Mode,
}

/// Why no cluster could be loaded at all.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// A kubeconfig file is unreadable or malformed.
    #[error(transparent)]
    Kubeconfig(ClusterError),
    /// In-cluster settings are missing.
    #[error(transparent)]
    InCluster(ClusterError),
}

impl Clusters {
    /// Loads the clusters `config` names: the in-cluster one and/or every kubeconfig
    /// context. `env` supplies `KUBERNETES_SERVICE_*`.
    pub fn load(
        config: &ClustersConfig,
        env: &BTreeMap<String, String>,
    ) -> Result<Self, LoadError> {
        let mut by_name = BTreeMap::new();
        let mut broken = Vec::new();
        let mode = if config.in_cluster {
            Mode::InCluster {
                unsafe_use_service_account_token: config.unsafe_use_service_account_token,
            }
        } else {
            Mode::Kubeconfig
        };
        if config.in_cluster {
            let spec = in_cluster(
                &config.in_cluster_context_name,
                &InClusterPaths::from_env(env),
            )
            .map_err(LoadError::InCluster)?;
            let client = ClusterClient::new(spec, CONNECT_TIMEOUT).map_err(LoadError::InCluster)?;
            by_name.insert(client.spec().name.clone(), Arc::new(client));
        }
        // Explicit files were checked by the configuration; entries of KUBECONFIG that do
        // not exist are skipped, as kubectl does.
        let files: Vec<PathBuf> = config
            .kubeconfigs
            .iter()
            .filter(|p| p.exists())
            .cloned()
            .collect();
        if !files.is_empty() {
            for spec in load_kubeconfigs(&files).map_err(LoadError::Kubeconfig)? {
                let client = spec.and_then(|spec| ClusterClient::new(spec, CONNECT_TIMEOUT));
                match client {
                    Ok(client) if by_name.contains_key(&client.spec().name) => {
                        broken.push(format!(
                            "context {} is shadowed by the in-cluster cluster of the same name",
                            client.spec().name
                        ))
                    }
                    Ok(client) => {
                        by_name.insert(client.spec().name.clone(), Arc::new(client));
                    }
                    Err(error) => broken.push(error.to_string()),
                }
            }
        }
        for problem in &broken {
            tracing::warn!(%problem, "a cluster could not be loaded");
        }
        Ok(Self {
            by_name,
            broken,
            mode,
        })
    }

    /// The cluster named `name`.
    pub fn get(&self, name: &str) -> Option<&Arc<ClusterClient>> {
        self.by_name.get(name)
    }

    /// Every usable cluster, by name.
    pub fn iter(&self) -> impl Iterator<Item = &Arc<ClusterClient>> {
        self.by_name.values()
    }

    /// Problems with contexts that could not be loaded.
    pub fn broken(&self) -> &[String] {
        &self.broken
    }

    /// Contexts whose kubeconfig entry carries a credential (a token, token file, exec
    /// plugin, ID token or client certificate): what a request without a user's own
    /// credential would act with in kubeconfig mode.
    pub fn with_kubeconfig_credentials(&self) -> Vec<&str> {
        if self.mode != Mode::Kubeconfig {
            return Vec::new();
        }
        self.iter()
            .filter(|c| {
                let spec = c.spec();
                !matches!(spec.auth, KubeconfigAuth::None) || spec.identity_pem.is_some()
            })
            .map(|c| c.spec().name.as_str())
            .collect()
    }

    /// How requests without a user credential are treated.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The kubeconfig `auth-provider: oidc` settings of `name`, when they can sign users in.
    pub fn kubeconfig_oidc(&self, name: &str) -> Option<&lanthorn_cluster::OidcProviderConfig> {
        match &self.get(name)?.spec().auth {
            KubeconfigAuth::OidcProvider(oidc) if oidc.can_sign_in() => Some(oidc),
            _ => None,
        }
    }
}
