//! Request-side browser protections: CSRF refusal by `Sec-Fetch-Site` / `Origin`, and no
//! service worker script, ever (Lanthorn has none, so any such request is content trying
//! to take over the origin).

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::header;
use http::{HeaderMap, Method};

use crate::AppState;
use crate::cookie::is_secure;
use crate::error::{ApiError, Reason};

/// Refuses cross-site unsafe requests, cross-origin WebSocket upgrades and service worker
/// script fetches. Clients that are not browsers (no `Origin`, no `Sec-Fetch-Site`) pass
/// the CSRF rule: they cannot ride a cookie.
pub async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if request
        .headers()
        .get("service-worker")
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"script"))
    {
        let refusal = ApiError::forbidden(
            Reason::ServiceWorkerRefused,
            "Lanthorn serves no service worker scripts; a page may not install one on this origin",
        );
        return refusal.into_response();
    }
    let unsafe_method = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let upgrade = request.headers().contains_key(header::UPGRADE);
    if (unsafe_method || upgrade) && !same_origin(request.headers(), state.served_over_tls) {
        let what = if upgrade {
            "WebSocket connection"
        } else {
            "request"
        };
        let refusal = ApiError::forbidden(
            Reason::CrossOriginRefused,
            format!("cross-origin {what} refused: Lanthorn only accepts these from its own pages"),
        );
        return refusal.into_response();
    }
    next.run(request).await
}

pub fn same_origin(headers: &HeaderMap, tls: bool) -> bool {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = text("sec-fetch-site") {
        // A WebSocket from our own page reports same-origin; `none` is a typed URL.
        return matches!(site, "same-origin" | "none");
    }
    let Some(origin) = text("origin") else {
        return true;
    };
    let scheme = if is_secure(headers, tls) {
        "https"
    } else {
        "http"
    };
    let hosts = [text("x-forwarded-host"), text("host")];
    hosts
        .into_iter()
        .flatten()
        .filter_map(|h| h.split(',').next())
        .any(|host| origin.eq_ignore_ascii_case(&format!("{scheme}://{}", host.trim())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn h(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut m = HeaderMap::new();
        for (k, v) in pairs {
            m.insert(*k, HeaderValue::from_static(v));
        }
        m
    }

    #[test]
    fn same_origin_rules() {
        assert!(same_origin(&h(&[]), false), "scripts without Origin pass");
        assert!(same_origin(&h(&[("sec-fetch-site", "same-origin")]), false));
        assert!(!same_origin(&h(&[("sec-fetch-site", "cross-site")]), false));
        assert!(!same_origin(&h(&[("sec-fetch-site", "same-site")]), false));
        assert!(same_origin(
            &h(&[("origin", "http://ui:4466"), ("host", "ui:4466")]),
            false
        ));
        assert!(!same_origin(
            &h(&[("origin", "https://evil.example"), ("host", "ui:4466")]),
            false
        ));
        assert!(
            !same_origin(
                &h(&[("origin", "http://ui:4466"), ("host", "ui:4466")]),
                true
            ),
            "scheme counts"
        );
        assert!(same_origin(
            &h(&[
                ("origin", "https://ui.example"),
                ("host", "lanthorn:4466"),
                ("x-forwarded-host", "ui.example"),
                ("x-forwarded-proto", "https")
            ]),
            false
        ));
        assert!(!same_origin(
            &h(&[("origin", "null"), ("host", "ui:4466")]),
            false
        ));
    }
}
