//! `/healthz` (the process serves), `/readyz` (clusters are loaded and the session store
//! answers) and `/metrics` (Prometheus text format).

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use http::header::{CONTENT_TYPE, HeaderValue};

use crate::AppState;

/// Always 200 while the process serves.
pub async fn healthz() -> &'static str {
    "ok\n"
}

/// 200 once clusters are loaded and the session store answers; 503 otherwise.
pub async fn readyz(State(state): State<AppState>) -> Response {
    if state.clusters.iter().next().is_none() {
        return (StatusCode::SERVICE_UNAVAILABLE, "no cluster is loaded\n").into_response();
    }
    match state.sessions.active().await {
        Ok(_) => "ok\n".into_response(),
        Err(error) => {
            tracing::warn!(%error, "readiness: session store does not answer");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "the session store does not answer\n",
            )
                .into_response()
        }
    }
}

/// Prometheus metrics.
pub async fn metrics(State(state): State<AppState>) -> Response {
    let sessions = state.sessions.active().await.ok();
    let mut response = state.metrics.render(sessions).into_response();
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
    );
    response
}
