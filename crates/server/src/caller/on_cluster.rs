//! [`OnCluster`]: this request, on this cluster, as this caller. The one place that
//! turns a request into the cluster client, the caller (session, bearer token) and the
//! credential the resolver chooses, and refuses an unknown cluster (404). Every route that
//! talks to a cluster takes it — as an extractor, or through [`OnCluster::resolve`] where
//! the cluster's name comes from the body or the query — so no handler resolves a
//! credential by itself.

use std::sync::Arc;

use axum::extract::FromRequestParts;
use http::HeaderMap;
use http::request::Parts;
use lanthorn_cluster::{ClusterClient, ClusterName, Credential};

use super::Caller;
use crate::AppState;
use crate::error::{ApiError, Reason};

/// One request to one cluster.
#[derive(Debug)]
pub struct OnCluster {
    /// The cluster's name, as in URLs.
    pub name: ClusterName,
    /// Its client.
    pub client: Arc<ClusterClient>,
    /// Who is calling.
    pub caller: Caller,
    /// The credential the request carries to the cluster.
    pub credential: Credential,
}

impl OnCluster {
    /// Resolves `cluster` for a request with `headers`.
    pub async fn resolve(
        state: &AppState,
        cluster: &str,
        headers: &HeaderMap,
    ) -> Result<Self, ApiError> {
        let client = state
            .clusters
            .get(cluster)
            .ok_or_else(|| ApiError::unknown_cluster(cluster))?
            .clone();
        let caller = Caller::identify(state, headers).await?;
        let credential = caller.credential(state, &client);
        Ok(Self {
            name: client.spec().name.clone(),
            client,
            caller,
            credential,
        })
    }
}

impl FromRequestParts<AppState> for OnCluster {
    type Rejection = ApiError;

    /// The cluster is the path's `/clusters/{cluster}/…` segment.
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let (cluster, _) = crate::proxy::split_cluster_path(parts.uri.path()).ok_or_else(|| {
            ApiError::bad_request(Reason::BadPath, "expected /clusters/{cluster}/…")
        })?;
        Self::resolve(state, &cluster, &parts.headers).await
    }
}

/// This request, on every cluster Lanthorn fronts (`/config`): the caller, identified
/// once, and the credential the resolver chooses for each cluster.
#[derive(Debug)]
pub struct OnEveryCluster {
    /// Who is calling.
    pub caller: Caller,
    /// Each cluster's client with the credential for it, in the configured order.
    pub clusters: Vec<(Arc<ClusterClient>, Credential)>,
}

impl FromRequestParts<AppState> for OnEveryCluster {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let caller = Caller::identify(state, &parts.headers).await?;
        let clusters = state
            .clusters
            .iter()
            .map(|client| (client.clone(), caller.credential(state, client)))
            .collect();
        Ok(Self { caller, clusters })
    }
}
