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
use lanthorn_cluster::{ClusterClient, Credential};

use crate::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, Reason};

/// One request to one cluster.
#[derive(Debug)]
pub struct OnCluster {
    /// The cluster's name, as in URLs.
    pub name: String,
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
            name: cluster.to_owned(),
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
