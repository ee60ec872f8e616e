//! `/clusters/{cluster}/{kubernetes path}`: every verb, streamed both ways, WebSocket
//! upgrades piped through, with the one credential the resolver chooses.

mod headers;
pub mod origin;
pub mod path;
pub mod service;
mod upgrade;

use std::time::Instant;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::response::Response;
use http::{StatusCode, Uri};
use http_body_util::BodyExt;
use lanthorn_cluster::{BoxError, Credential, UpstreamBody};
use percent_encoding::percent_decode_str;

use crate::AppState;
use crate::audit::AuditEvent;
use crate::caller::Caller;
use crate::error::{ApiError, Reason};
use crate::on_cluster::OnCluster;
use crate::security::Upstream;
use crate::streams::Lease;
use futures_util::StreamExt as _;

/// Long-running upstream streams one caller may hold open at once (watches, followed
/// logs, exec/attach/port-forward, proxied pages).
pub const STREAMS_PER_CALLER: usize = 256;

/// How long an ordinary (not long-running) request waits for the cluster's answer;
/// longer than kube-apiserver's own 60-second request timeout, so its answer comes first.
const ANSWER_DEADLINE: std::time::Duration = std::time::Duration::from_secs(75);

/// Splits `/clusters/{cluster}/{rest}` (raw, still encoded) into the decoded cluster name
/// and the raw rest.
pub fn split_cluster_path(path: &str) -> Option<(String, &str)> {
    let rest = path.strip_prefix("/clusters/")?;
    let (name, k8s) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let name = percent_decode_str(name).decode_utf8().ok()?.into_owned();
    Some((name, k8s))
}

/// The proxy handler.
pub async fn handle(State(state): State<AppState>, request: Request) -> Result<Response, ApiError> {
    forward(&state, request).await
}

async fn forward(state: &AppState, mut request: Request) -> Result<Response, ApiError> {
    let uri = request.uri().clone();
    let (cluster_name, k8s_path) = split_cluster_path(uri.path()).ok_or_else(|| {
        ApiError::bad_request(Reason::BadPath, "expected /clusters/{cluster}/{path}")
    })?;
    path::check(k8s_path).map_err(|m| ApiError::bad_request(Reason::BadPath, m))?;
    let OnCluster {
        client,
        caller,
        credential,
        ..
    } = OnCluster::resolve(state, &cluster_name, request.headers()).await?;
    if headers::has_impersonation(request.headers()) && !credential.is_users_own() {
        return Err(ApiError::forbidden(
            Reason::ImpersonationRefused,
            "Impersonate-* headers are only forwarded with your own credential (sign in or send a bearer token)",
        ));
    }
    let upgrade = request.headers().contains_key(http::header::UPGRADE);
    let client_upgrade = if upgrade {
        let on = request
            .extensions_mut()
            .remove::<hyper::upgrade::OnUpgrade>();
        Some(on.ok_or_else(|| {
            ApiError::bad_request(
                Reason::UpgradeUnsupported,
                "WebSocket upgrades need HTTP/1.1",
            )
        })?)
    } else {
        None
    };
    let target = path::Target::parse(k8s_path);
    // Exec, attach and port-forward are audited as `connect` (admission's name for them).
    let verb = if upgrade {
        Some("connect")
    } else {
        path::mutating_verb(request.method(), &target)
    };
    let streaming = lanthorn_cluster::is_long_running(k8s_path, uri.query());
    let path_and_query = match uri.query() {
        Some(q) => format!("{k8s_path}?{q}"),
        None => k8s_path.to_owned(),
    };
    let (parts, body) = request.into_parts();
    let mut upstream = http::Request::builder()
        .method(parts.method.clone())
        .uri(
            path_and_query
                .parse::<Uri>()
                .map_err(|e| ApiError::bad_request(Reason::BadPath, e.to_string()))?,
        )
        .body::<UpstreamBody>(body.map_err(BoxError::from).boxed_unsync())
        .map_err(|e| ApiError::bad_request(Reason::BadRequest, e.to_string()))?;
    *upstream.headers_mut() = headers::upstream_request(parts.headers, upgrade);

    // A long-running stream takes one of the caller's slots for as long as it is open;
    // an ordinary request has a deadline for the cluster's answer.
    let slot = if streaming || upgrade {
        Some(state.stream_caps.take(caller.key()).ok_or_else(|| {
            ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                Reason::TooManyStreams,
                format!(
                    "you have {} watches, logs or terminals open already; close some first",
                    STREAMS_PER_CALLER
                ),
            )
        })?)
    } else {
        None
    };
    let started = Instant::now();
    let sent: Result<_, ApiError> = if slot.is_some() {
        client.send(upstream, &credential).await.map_err(Into::into)
    } else {
        match tokio::time::timeout(ANSWER_DEADLINE, client.send(upstream, &credential)).await {
            Ok(sent) => sent.map_err(Into::into),
            Err(_) => Err(ApiError::new(
                StatusCode::GATEWAY_TIMEOUT,
                Reason::UpstreamTimeout,
                format!(
                    "cluster {cluster_name} did not answer within {} seconds",
                    ANSWER_DEADLINE.as_secs()
                ),
            )),
        }
    };
    state
        .metrics
        .upstream(cluster_name.as_str(), started.elapsed());
    // Every change is audited, also one that never reached the cluster.
    if let Some(verb) = verb {
        let outcome = match &sent {
            Ok(response) => Outcome::Answered {
                status: response.status().as_u16(),
                audit_id: response
                    .headers()
                    .get("audit-id")
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned),
            },
            Err(error) => Outcome::Refused {
                status: error.status().as_u16(),
                reason: error.reason().to_owned(),
            },
        };
        audit_request(state, &caller, &client, &credential, verb, &target, outcome);
    }
    let mut response = sent?;
    let status = response.status();
    let switching = status == StatusCode::SWITCHING_PROTOCOLS;
    let lease = || Lease::new(state, caller.session.as_ref(), &cluster_name);
    let mut slot = slot;
    if let (true, Some(client_upgrade)) = (switching, client_upgrade) {
        let upstream_upgrade = hyper::upgrade::on(&mut response);
        upgrade::pipe(
            state,
            client_upgrade,
            upstream_upgrade,
            lease(),
            slot.take(),
        );
    }
    let (mut parts, body) = response.into_parts();
    headers::downstream_response(&mut parts.headers, switching);
    let body = if switching {
        Body::empty()
    } else if streaming {
        // Ends with the caller's session (see `streams`); frames pass as they come.
        let guards = (state.metrics.stream_opened(), slot);
        let ended = Box::pin(lease().ended(state.clone()));
        let frames = http_body_util::BodyStream::new(body)
            .take_until(ended)
            .map(move |frame| {
                let _open = &guards;
                frame
            });
        Body::new(http_body_util::StreamBody::new(frames))
    } else {
        Body::new(body)
    };
    let mut out = Response::from_parts(parts, body);
    out.extensions_mut()
        .insert(if path::is_proxy_subresource(k8s_path) {
            Upstream::Proxied
        } else {
            Upstream::Api
        });
    if caller.stale_cookie {
        out.headers_mut().append(
            http::header::SET_COOKIE,
            crate::cookie::clear(caller.secure),
        );
    }
    Ok(out)
}

/// How a change ended: the cluster's answer, or Lanthorn's error when none came.
enum Outcome {
    Answered {
        status: u16,
        audit_id: Option<String>,
    },
    Refused {
        status: u16,
        reason: String,
    },
}

/// Records a mutating request. Session users are known at once; for other credentials
/// the identity is looked up (and cached) off the request path.
fn audit_request(
    state: &AppState,
    caller: &Caller,
    client: &std::sync::Arc<lanthorn_cluster::ClusterClient>,
    credential: &Credential,
    verb: &'static str,
    target: &path::Target,
    outcome: Outcome,
) {
    let (status, audit_id, reason) = match outcome {
        Outcome::Answered { status, audit_id } => (status, audit_id, None),
        Outcome::Refused { status, reason } => (status, None, Some(reason)),
    };
    let cluster = client.spec().name.to_string();
    let who = crate::identity::Who::of(caller, &cluster);
    let (state, client, credential) = (state.clone(), client.clone(), credential.clone());
    let target = target.clone();
    tokio::spawn(async move {
        let (user, groups) = who.resolve(&state, &client, &credential).await;
        state.audit.record(&AuditEvent {
            event: "request",
            user: Some(&user),
            groups: &groups,
            credential: Some(credential.source().as_str()),
            cluster: Some(&cluster),
            verb: Some(verb),
            group: target.group.as_deref(),
            resource: target.resource.as_deref(),
            namespace: target.namespace.as_deref(),
            name: target.name.as_deref(),
            status: Some(status),
            audit_id: audit_id.as_deref(),
            reason: reason.as_deref(),
            ..AuditEvent::default()
        });
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_cluster_and_path() {
        assert_eq!(
            split_cluster_path("/clusters/dev/api/v1/pods"),
            Some(("dev".into(), "/api/v1/pods"))
        );
        assert_eq!(
            split_cluster_path("/clusters/a%40b/version"),
            Some(("a@b".into(), "/version"))
        );
        assert_eq!(
            split_cluster_path("/clusters/dev"),
            Some(("dev".into(), "/"))
        );
        assert_eq!(split_cluster_path("/config"), None);
    }
}
