//! Refusals Lanthorn makes on its own authority — CSRF, `Host`, service workers, a
//! missing or unusable sign-in (401/403 that Lanthorn decides, not the cluster), rate
//! limits — go to the audit log like the cluster's own answers: an attack that Lanthorn
//! stops is still something an operator wants to see. One layer records every
//! [`ApiError`](crate::error::ApiError) answer with such a status.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::StatusCode;

use crate::AppState;
use crate::audit::AuditEvent;
use crate::error::Refused;

/// Statuses of refusals worth an audit line.
fn audited(status: StatusCode) -> bool {
    matches!(
        status,
        StatusCode::UNAUTHORIZED
            | StatusCode::FORBIDDEN
            | StatusCode::MISDIRECTED_REQUEST
            | StatusCode::TOO_MANY_REQUESTS
    )
}

/// Records Lanthorn's own refusals: method, path (never the query), cluster, address.
pub async fn audit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path: String = request.uri().path().chars().take(300).collect();
    let remote = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip().to_string());
    let response = next.run(request).await;
    if let Some(refused) = response.extensions().get::<Refused>()
        && audited(response.status())
    {
        let cluster = crate::proxy::split_cluster_path(&path).map(|(name, _)| name);
        state.audit.record(&AuditEvent {
            event: "refused",
            cluster: cluster.as_deref(),
            verb: Some(method.as_str()),
            path: Some(&path),
            status: Some(response.status().as_u16()),
            reason: Some(refused.reason),
            remote: remote.as_deref(),
            ..AuditEvent::default()
        });
    }
    response
}
