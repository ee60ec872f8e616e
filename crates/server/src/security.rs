//! Browser-facing protections applied to every response and every unsafe request:
//! security headers, and CSRF refusal by `Sec-Fetch-Site` / `Origin`.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::header::{self, HeaderName, HeaderValue};
use http::{HeaderMap, Method};

use crate::AppState;
use crate::cookie::is_secure;
use crate::error::ApiError;

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; \
object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// Adds the security headers to every response that does not set its own.
pub async fn headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    let set = |h: &mut HeaderMap, name: HeaderName, value: &'static str| {
        h.entry(name).or_insert(HeaderValue::from_static(value));
    };
    set(h, header::CONTENT_SECURITY_POLICY, CSP);
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(h, header::REFERRER_POLICY, "no-referrer");
    set(h, header::X_FRAME_OPTIONS, "DENY");
    set(
        h,
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    response
}

/// Refuses cross-site unsafe requests and cross-origin WebSocket upgrades. Clients that
/// are not browsers (no `Origin`, no `Sec-Fetch-Site`) pass: they cannot ride a cookie.
pub async fn csrf(State(state): State<AppState>, request: Request, next: Next) -> Response {
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
        return ApiError::forbidden(
            "CrossOriginRefused",
            format!("cross-origin {what} refused: Lanthorn only accepts these from its own pages"),
        )
        .into_response();
    }
    next.run(request).await
}

fn same_origin(headers: &HeaderMap, tls: bool) -> bool {
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
