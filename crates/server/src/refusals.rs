//! Refusals Lanthorn makes on its own authority (CSRF, Host, service workers, missing or
//! unusable credentials, rate limits) go to the audit log like the cluster's own answers:
//! an attack that Lanthorn stops is still something an operator wants to see.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Request};

use crate::AppState;
use crate::audit::AuditEvent;
use crate::error::ApiError;

/// Records `refusal` of `request`: method, path (never the query), cluster, client address.
pub fn record(state: &AppState, request: &Request, refusal: &ApiError) {
    let path = request.uri().path();
    let cluster = crate::proxy::split_cluster_path(path).map(|(name, _)| name);
    let remote = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip().to_string());
    let shown: String = path.chars().take(300).collect();
    state.audit.record(&AuditEvent {
        event: "refused",
        cluster: cluster.as_deref(),
        verb: Some(request.method().as_str()),
        path: Some(&shown),
        status: Some(refusal.status().as_u16()),
        reason: Some(refusal.reason()),
        remote: remote.as_deref(),
        ..AuditEvent::default()
    });
}
