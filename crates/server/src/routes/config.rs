//! `GET /config`: the clusters, how one signs in to each, whether each answers, and as
//! whom the caller is signed in. Never a secret.

use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use futures_util::future::join_all;
use http::{Method, StatusCode};
use lanthorn_cluster::{ClusterClient, CredentialSource, Origin};
use lanthorn_session::SignInMethod;
use serde::Serialize;

use crate::AppState;
use crate::on_cluster::OnEveryCluster;

/// How long `/config` waits for each cluster's `/version`.
const PROBE_TIMEOUT: Duration = Duration::from_secs(3);

/// `GET /config`.
#[derive(Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "ServerConfig")]
pub(crate) struct ConfigBody {
    clusters: Vec<ClusterBody>,
    /// Contexts that could not be loaded, with the reason.
    cluster_errors: Vec<String>,
    base_url: String,
}

/// One cluster in `/config`.
#[derive(Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "Cluster")]
pub(crate) struct ClusterBody {
    name: String,
    server: String,
    source: ClusterSource,
    sign_in_methods: Vec<lanthorn_session::SignInMethod>,
    signed_in_as: Option<SignedIn>,
    /// The credential this caller's requests carry to the cluster: `none` means every page
    /// of it would be refused, so the app goes to sign-in without asking.
    credential: CredentialSource,
    status: Reachability,
}

/// Where a cluster's settings come from.
#[derive(Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub(crate) enum ClusterSource {
    Kubeconfig,
    InCluster,
}

/// As whom the caller is signed in to a cluster.
#[derive(Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "SignedInAs")]
pub(crate) struct SignedIn {
    username: String,
    groups: Vec<String>,
    method: lanthorn_session::SignInMethod,
}

/// Whether a cluster answers, and its version.
#[derive(Clone, Debug, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "ClusterStatus")]
pub(crate) struct Reachability {
    reachable: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    error: Option<String>,
}

/// The handler.
pub async fn get(
    State(state): State<AppState>,
    OnEveryCluster { caller, clusters }: OnEveryCluster,
) -> Response {
    let who = caller.key();
    let probes = clusters.iter().map(|(client, credential)| {
        let (state, key) = (state.clone(), (client.spec().name.to_string(), who.clone()));
        async move {
            if let Some(known) = state.probes.get(&key) {
                return known;
            }
            let found = probe(client, credential).await;
            state.probes.put(key, found.clone());
            found
        }
    });
    let statuses = join_all(probes).await;
    let clusters = clusters
        .iter()
        .zip(statuses)
        .map(|((client, credential), status)| {
            let name = client.spec().name.to_string();
            let mut methods = vec![SignInMethod::Token];
            if state.oidc_for(&name).is_some() {
                methods.push(SignInMethod::Oidc);
            }
            let signed_in_as = caller.sign_in(&name).map(|s| SignedIn {
                username: s.username.clone(),
                groups: s.groups.clone(),
                method: s.method,
            });
            ClusterBody {
                server: client.spec().server.to_string(),
                source: match client.spec().origin {
                    Origin::InCluster => ClusterSource::InCluster,
                    Origin::Kubeconfig { .. } => ClusterSource::Kubeconfig,
                },
                name,
                sign_in_methods: methods,
                signed_in_as,
                credential: credential.source(),
                status,
            }
        })
        .collect();
    let body = ConfigBody {
        clusters,
        cluster_errors: state.clusters.broken().to_vec(),
        base_url: state.base_url.clone(),
    };
    let mut response = (StatusCode::OK, Json(body)).into_response();
    response.headers_mut().insert(
        http::header::CACHE_CONTROL,
        http::HeaderValue::from_static("no-store"),
    );
    response
}

/// How long a probe's answer is reused for the same caller and cluster: a UI that asks
/// `/config` often (every tab, every reload) does not ask every cluster each time.
const PROBE_REUSE: std::time::Duration = std::time::Duration::from_secs(5);
/// Answers kept at once before old ones are dropped.
const PROBES_KEPT: usize = 4096;

/// Recent probe answers by (cluster, caller key).
#[derive(Debug, Default)]
pub struct ProbeCache {
    answers: std::sync::Mutex<
        std::collections::HashMap<(String, String), (std::time::Instant, Reachability)>,
    >,
}

impl ProbeCache {
    fn get(&self, key: &(String, String)) -> Option<Reachability> {
        let answers = self
            .answers
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        answers
            .get(key)
            .filter(|(at, _)| at.elapsed() < PROBE_REUSE)
            .map(|(_, answer)| answer.clone())
    }

    fn put(&self, key: (String, String), answer: Reachability) {
        let mut answers = self
            .answers
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if answers.len() >= PROBES_KEPT {
            answers.retain(|_, (at, _)| at.elapsed() < PROBE_REUSE);
        }
        if answers.len() < PROBES_KEPT {
            answers.insert(key, (std::time::Instant::now(), answer));
        }
    }
}

async fn probe(client: &ClusterClient, credential: &lanthorn_cluster::Credential) -> Reachability {
    let unreachable = |error: String| Reachability {
        reachable: false,
        version: None,
        error: Some(error),
    };
    let answer = tokio::time::timeout(
        PROBE_TIMEOUT,
        client.call(Method::GET, "/version", None, credential),
    )
    .await;
    match answer {
        Err(_) => unreachable(format!("no answer within {} s", PROBE_TIMEOUT.as_secs())),
        Ok(Err(error)) => unreachable(error.to_string()),
        // The API server answers, even if this caller may not read /version.
        Ok(Ok((status, bytes))) => Reachability {
            reachable: true,
            version: status
                .is_success()
                .then(|| serde_json::from_slice::<serde_json::Value>(&bytes).ok())
                .flatten()
                .and_then(|v| {
                    v.get("gitVersion")
                        .and_then(|g| g.as_str())
                        .map(str::to_owned)
                }),
            error: None,
        },
    }
}
