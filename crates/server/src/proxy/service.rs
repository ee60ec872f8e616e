//! `/clusters/{cluster}/serviceproxy/{namespace}/{service}[:port]/{path}`: a Service
//! reached through the API server's `services/proxy` subresource, with the caller's own
//! credential — the request is rewritten to that subresource and goes through the API
//! proxy like any other (same checks, same credential, streaming and audit).

use axum::extract::{Request, State};
use axum::response::Response;
use http::Uri;

use crate::AppState;
use crate::error::{ApiError, Reason};

/// The service proxy handler.
pub async fn handle(
    State(state): State<AppState>,
    mut request: Request,
) -> Result<Response, ApiError> {
    *request.uri_mut() = rewrite(request.uri())?;
    super::handle(State(state), request).await
}

/// `/clusters/C/serviceproxy/NS/SVC/REST?Q` → `/clusters/C/api/v1/namespaces/NS/services/SVC/proxy/REST?Q`.
fn rewrite(uri: &Uri) -> Result<Uri, ApiError> {
    let bad = || {
        ApiError::bad_request(
            Reason::BadPath,
            "expected /clusters/{cluster}/serviceproxy/{namespace}/{service}[:port]/{path}",
        )
    };
    let path = uri.path();
    let rest = path.strip_prefix("/clusters/").ok_or_else(bad)?;
    let (cluster, rest) = rest.split_once('/').ok_or_else(bad)?;
    let rest = rest.strip_prefix("serviceproxy/").ok_or_else(bad)?;
    let mut parts = rest.splitn(3, '/');
    let namespace = parts.next().filter(|s| !s.is_empty()).ok_or_else(bad)?;
    let service = parts.next().filter(|s| !s.is_empty()).ok_or_else(bad)?;
    let tail = parts.next().unwrap_or("");
    let query = uri.query().map(|q| format!("?{q}")).unwrap_or_default();
    format!(
        "/clusters/{cluster}/api/v1/namespaces/{namespace}/services/{service}/proxy/{tail}{query}"
    )
    .parse()
    .map_err(|_| bad())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewritten(path: &str) -> Option<String> {
        rewrite(&path.parse().ok()?).ok().map(|u| u.to_string())
    }

    #[test]
    fn service_paths_become_the_proxy_subresource() {
        assert_eq!(
            rewritten("/clusters/dev/serviceproxy/demo/web:80/index.html?x=1").as_deref(),
            Some("/clusters/dev/api/v1/namespaces/demo/services/web:80/proxy/index.html?x=1")
        );
        assert_eq!(
            rewritten("/clusters/dev/serviceproxy/demo/web").as_deref(),
            Some("/clusters/dev/api/v1/namespaces/demo/services/web/proxy/")
        );
        assert_eq!(rewritten("/clusters/dev/serviceproxy/demo"), None);
        assert_eq!(rewritten("/clusters/dev/serviceproxy//web/"), None);
    }
}
