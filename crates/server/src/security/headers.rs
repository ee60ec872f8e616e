//! Security headers. Lanthorn's own always replace whatever a handler or a cluster put
//! there. A response whose body came from a cluster is marked with [`Upstream`] by the
//! proxy and gets a `sandbox` policy: as a document it runs in an opaque origin, so a
//! tenant's page served through a proxy subresource cannot read Lanthorn's API with the
//! viewer's cookie, pass the CSRF check, or register a service worker.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::HeaderMap;
use http::header::{self, HeaderName, HeaderValue};

use crate::AppState;
use crate::cookie::is_secure;

/// Where a response's body came from, set as a response extension by the proxy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Upstream {
    /// The Kubernetes API itself (JSON, YAML, logs).
    Api,
    /// A proxy subresource (`services/…/proxy`, `pods/…/proxy`, `nodes/…/proxy`): content
    /// a tenant controls.
    Proxied,
}

/// The web app's own policy. `https:` images are the chart catalog's icons.
const APP_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
img-src 'self' data: https:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; \
object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
/// API answers are data: opened as a document they run nothing and load nothing.
const API_CSP: &str = "sandbox; default-src 'none'; frame-ancestors 'none'";
/// Proxied pages may run their scripts, but only in an opaque origin (no
/// `allow-same-origin`), so they never act as Lanthorn or its signed-in user.
const PROXIED_CSP: &str = "sandbox allow-scripts allow-forms allow-popups allow-modals allow-downloads; \
frame-ancestors 'none'";
/// On the separate `--service-proxy-origin`, proxied pages keep their own origin (which
/// holds nothing of Lanthorn's) and run at full fidelity; they still may not be framed.
const ISOLATED_ORIGIN_CSP: &str = "frame-ancestors 'none'";
/// HSTS for a year once the browser has reached us over HTTPS.
const HSTS: &str = "max-age=31536000";

/// Sets the security headers on every response (see the module comment).
pub async fn headers(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let secure = is_secure(request.headers(), state.served_over_tls);
    let isolated = crate::proxy::origin::on_proxy_origin(&state, request.headers());
    let mut response = next.run(request).await;
    let upstream = response.extensions().get::<Upstream>().copied();
    apply(response.headers_mut(), upstream, secure);
    if isolated && upstream == Some(Upstream::Proxied) {
        response.headers_mut().insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(ISOLATED_ORIGIN_CSP),
        );
    }
    response
}

/// The header rules, for one response.
pub fn apply(h: &mut HeaderMap, upstream: Option<Upstream>, secure: bool) {
    let set = |h: &mut HeaderMap, name: HeaderName, value: &'static str| {
        h.insert(name, HeaderValue::from_static(value));
    };
    let csp = match upstream {
        None => APP_CSP,
        Some(Upstream::Api) => API_CSP,
        Some(Upstream::Proxied) => PROXIED_CSP,
    };
    h.remove(HeaderName::from_static(
        "content-security-policy-report-only",
    ));
    set(h, header::CONTENT_SECURITY_POLICY, csp);
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(h, header::REFERRER_POLICY, "no-referrer");
    set(h, header::X_FRAME_OPTIONS, "DENY");
    set(
        h,
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    if upstream != Some(Upstream::Proxied) {
        // Other sites may not load our answers into their pages; a sandboxed proxied
        // page (an opaque origin) must still load its own images and scripts.
        set(
            h,
            HeaderName::from_static("cross-origin-resource-policy"),
            "same-origin",
        );
    }
    if secure {
        set(h, header::STRICT_TRANSPORT_SECURITY, HSTS);
    } else {
        h.remove(header::STRICT_TRANSPORT_SECURITY);
    }
    // Dynamic answers (sessions, Secrets, Helm values, anything from a cluster) are
    // never stored by a browser or a shared cache; static assets set their own.
    if upstream.is_some() || !h.contains_key(header::CACHE_CONTROL) {
        set(h, header::CACHE_CONTROL, "no-store");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hostile_upstream() -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in [
            ("content-security-policy", "script-src *"),
            ("content-security-policy-report-only", "default-src *"),
            ("x-frame-options", "ALLOWALL"),
            ("cache-control", "public, max-age=99999"),
            ("strict-transport-security", "max-age=0"),
        ] {
            h.insert(k, HeaderValue::from_static(v));
        }
        h
    }

    fn get<'a>(h: &'a HeaderMap, name: &str) -> Option<&'a str> {
        h.get(name).and_then(|v| v.to_str().ok())
    }

    #[test]
    fn lanthorns_headers_replace_the_upstreams() {
        let mut h = hostile_upstream();
        apply(&mut h, Some(Upstream::Proxied), false);
        let csp = get(&h, "content-security-policy").unwrap_or_default();
        assert!(csp.starts_with("sandbox "), "{csp}");
        assert!(!csp.contains("allow-same-origin"), "{csp}");
        assert_eq!(h.get_all("content-security-policy").iter().count(), 1);
        assert!(h.get("content-security-policy-report-only").is_none());
        assert_eq!(get(&h, "x-frame-options"), Some("DENY"));
        assert_eq!(get(&h, "cache-control"), Some("no-store"));
        assert!(h.get("strict-transport-security").is_none());
        assert!(h.get("cross-origin-resource-policy").is_none());
    }

    #[test]
    fn api_answers_are_sandboxed_without_scripts() {
        let mut h = hostile_upstream();
        apply(&mut h, Some(Upstream::Api), true);
        let csp = get(&h, "content-security-policy").unwrap_or_default();
        assert!(csp.starts_with("sandbox;"), "{csp}");
        assert!(csp.contains("default-src 'none'"), "{csp}");
        assert_eq!(get(&h, "strict-transport-security"), Some(HSTS));
        assert_eq!(get(&h, "cross-origin-resource-policy"), Some("same-origin"));
    }

    #[test]
    fn the_app_keeps_its_policy_and_its_own_caching() {
        let mut h = HeaderMap::new();
        h.insert(
            "cache-control",
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        );
        h.insert("content-security-policy", HeaderValue::from_static("x"));
        apply(&mut h, None, false);
        assert_eq!(get(&h, "content-security-policy"), Some(APP_CSP));
        assert_eq!(
            get(&h, "cache-control"),
            Some("public, max-age=31536000, immutable")
        );
        let mut bare = HeaderMap::new();
        apply(&mut bare, None, false);
        assert_eq!(get(&bare, "cache-control"), Some("no-store"));
    }
}
