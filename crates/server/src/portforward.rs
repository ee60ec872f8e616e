//! Port-forward from the UI, for people running Lanthorn on their own machine: a local
//! port (127.0.0.1) forwarded to a pod's port — or a Service's, through one of its ready
//! pods — with the caller's own credential, each TCP connection over its own WebSocket to
//! the pod's `portforward` subresource (`ClusterClient::forward_port`). Off when Lanthorn fronts the cluster
//! it runs in. A forward belongs to who started it; it stops when they stop it, and
//! refuses new connections once their session has ended.
//!
//! - `GET /clusters/{c}/portforward` → `{"available", "forwards": [...]}` (the caller's)
//! - `POST /clusters/{c}/portforward` `{namespace, pod | service, port, localPort?}` → 201
//! - `DELETE /clusters/{c}/portforward/{id}` → 204

mod target;

use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Mutex;
use std::time::SystemTime;

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use lanthorn_cluster::{CredentialSource, Origin};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sha2::{Digest as _, Sha256};
use tokio::net::TcpListener;
use tokio::task::{AbortHandle, JoinSet};

use crate::AppState;
use crate::audit::AuditEvent;
use crate::caller::Caller;
use crate::error::{ApiError, Reason};
use crate::identity::Who;
use crate::on_cluster::OnCluster;

/// Forwards one caller may hold at once.
const MAX_PER_OWNER: usize = 20;

/// A running forward, as the API shows it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "PortForward")]
pub struct Forward {
    id: String,
    namespace: String,
    pod: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    service: Option<String>,
    port: u16,
    local_port: u16,
    address: String,
    started_at: String,
}

struct Running {
    cluster: String,
    owner: Owner,
    forward: Forward,
    task: AbortHandle,
}

/// Who started a forward: their session, or the bearer token they sent.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Owner {
    Session(lanthorn_session::SessionId),
    Token([u8; 32]),
}

/// The forwards of this server.
#[derive(Default)]
pub struct Forwards {
    running: Mutex<HashMap<String, Running>>,
}

impl std::fmt::Debug for Forwards {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Forwards")
    }
}

impl Forwards {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Running>> {
        self.running
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn mine(&self, cluster: &str, owner: &Owner) -> Vec<Forward> {
        let mut list: Vec<Forward> = self
            .lock()
            .values()
            .filter(|r| r.cluster == cluster && &r.owner == owner)
            .map(|r| r.forward.clone())
            .collect();
        list.sort_by(|a, b| a.started_at.cmp(&b.started_at));
        list
    }

    fn stop(&self, id: &str) {
        if let Some(running) = self.lock().remove(id) {
            running.task.abort();
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StartRequest {
    namespace: String,
    #[serde(default)]
    pod: Option<String>,
    #[serde(default)]
    service: Option<String>,
    port: u16,
    #[serde(default)]
    local_port: Option<u16>,
}

fn owner_of(caller: &Caller) -> Option<Owner> {
    if let Some(session) = &caller.session {
        return Some(Owner::Session(session.id.clone()));
    }
    caller.bearer().map(|token| {
        use secrecy::ExposeSecret as _;
        Owner::Token(Sha256::digest(token.expose_secret().as_bytes()).into())
    })
}

fn unavailable() -> ApiError {
    ApiError::forbidden(
        Reason::PortForwardUnavailable,
        "port-forward is only offered when Lanthorn runs outside the cluster, on your own machine",
    )
}

/// `GET /clusters/{cluster}/portforward`.
pub async fn list(
    State(state): State<AppState>,
    OnCluster {
        name: cluster,
        client,
        caller,
        ..
    }: OnCluster,
) -> Json<serde_json::Value> {
    let available = client.spec().origin != Origin::InCluster;
    let forwards =
        owner_of(&caller).map_or_else(Vec::new, |o| state.forwards.mine(cluster.as_str(), &o));
    Json(json!({"available": available, "forwards": forwards}))
}

/// `POST /clusters/{cluster}/portforward`.
pub async fn start(
    State(state): State<AppState>,
    on: OnCluster,
    body: Result<Json<StartRequest>, JsonRejection>,
) -> Result<Response, ApiError> {
    let state = &state;
    let Json(request) =
        body.map_err(|r| ApiError::new(r.status(), Reason::BadRequest, r.body_text()))?;
    let OnCluster {
        name,
        client,
        caller,
        credential,
    } = on;
    let cluster = name.as_str();
    if client.spec().origin == Origin::InCluster {
        return Err(unavailable());
    }
    let owner = owner_of(&caller)
        .filter(|_| credential.source() != CredentialSource::None)
        .ok_or_else(|| {
            ApiError::unauthorized(format!("sign in to cluster {cluster} to forward ports"))
        })?;
    if state.forwards.mine(cluster, &owner).len() >= MAX_PER_OWNER {
        return Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            Reason::TooManyForwards,
            format!("at most {MAX_PER_OWNER} forwards at once; stop one first"),
        ));
    }
    let resolved = target::resolve(&client, &credential, &request).await?;
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, request.local_port.unwrap_or(0)))
        .await
        .map_err(|e| {
            ApiError::new(
                StatusCode::CONFLICT,
                Reason::LocalPortUnavailable,
                format!(
                    "cannot listen on 127.0.0.1:{}: {e}",
                    request.local_port.unwrap_or(0)
                ),
            )
        })?;
    let local: SocketAddr = listener.local_addr().map_err(|e| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            Reason::Listen,
            e.to_string(),
        )
    })?;
    let id = {
        let mut raw = [0u8; 8];
        getrandom::fill(&mut raw).map_err(|e| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                Reason::Random,
                e.to_string(),
            )
        })?;
        raw.iter().map(|b| format!("{b:02x}")).collect::<String>()
    };
    let forward = Forward {
        id: id.clone(),
        namespace: resolved.namespace.to_string(),
        pod: resolved.pod.to_string(),
        service: request.service.clone(),
        port: request.port,
        local_port: local.port(),
        address: format!("http://{local}"),
        started_at: crate::audit::rfc3339(SystemTime::now()),
    };
    let (user, groups) = Who::of(&caller, cluster)
        .resolve(state, &client, &credential)
        .await;
    state.audit.record(&AuditEvent {
        event: "request",
        user: Some(&user),
        groups: &groups,
        credential: Some(credential.source().as_str()),
        cluster: Some(cluster),
        verb: Some("connect"),
        group: Some(""),
        resource: Some("pods/portforward"),
        namespace: Some(&resolved.namespace),
        name: Some(&resolved.pod),
        status: Some(201),
        ..AuditEvent::default()
    });

    let session = match &owner {
        Owner::Session(session) => Some(session.clone()),
        Owner::Token(_) => None,
    };
    let lease = crate::streams::Lease::new(state, caller.session.as_ref(), cluster);
    let (task_state, namespace, pod, port, forward_id) = (
        state.clone(),
        resolved.namespace,
        resolved.pod,
        resolved.port,
        id.clone(),
    );
    let task = tokio::spawn(async move {
        let mut connections = JoinSet::new();
        let ended = lease.ended(task_state.clone());
        tokio::pin!(ended);
        loop {
            let accepted = tokio::select! {
                accepted = listener.accept() => accepted,
                // The session ended: the listener closes and, as `connections` is
                // dropped, every open connection with it.
                () = &mut ended => {
                    task_state.forwards.lock().remove(&forward_id);
                    break;
                }
            };
            let Ok((tcp, _)) = accepted else { break };
            // A forward outlives no session: once its owner signed out, it stops.
            if let Some(session) = &session
                && !session_alive(&task_state, session).await
            {
                task_state.forwards.lock().remove(&forward_id);
                break;
            }
            let (client, credential, namespace, pod) =
                (client.clone(), credential.clone(), namespace.clone(), pod.clone());
            connections.spawn(async move {
                if let Err(error) = client.forward_port(&credential, &namespace, &pod, port, tcp).await {
                    tracing::info!(%error, %namespace, %pod, port, "a forwarded connection ended with an error");
                }
            });
            while connections.try_join_next().is_some() {}
        }
    })
    .abort_handle();
    state.forwards.lock().insert(
        id,
        Running {
            cluster: cluster.to_owned(),
            owner,
            forward: forward.clone(),
            task,
        },
    );
    Ok((StatusCode::CREATED, Json(forward)).into_response())
}

async fn session_alive(state: &AppState, session: &lanthorn_session::SessionId) -> bool {
    matches!(state.sessions.get(session).await, Ok(Some(_)))
}

/// `DELETE /clusters/{cluster}/portforward/{id}`.
pub async fn stop(
    State(state): State<AppState>,
    Path((_, id)): Path<(String, String)>,
    OnCluster {
        name: cluster,
        caller,
        ..
    }: OnCluster,
) -> Result<Response, ApiError> {
    {
        let owner = owner_of(&caller).ok_or_else(|| ApiError::unauthorized("not signed in"))?;
        let mine = state
            .forwards
            .lock()
            .get(&id)
            .is_some_and(|r| r.cluster == cluster.as_str() && r.owner == owner);
        if !mine {
            return Err(ApiError::new(
                StatusCode::NOT_FOUND,
                Reason::ForwardNotFound,
                format!("no forward {id:?} of yours on cluster {cluster}"),
            ));
        }
        state.forwards.stop(&id);
        Ok(StatusCode::NO_CONTENT.into_response())
    }
}
