//! Which headers cross the proxy in each direction.

use http::HeaderMap;
use http::header::{self, HeaderName};

/// Hop-by-hop headers (RFC 9110 §7.6.1) and the proxy's own concerns.
const HOP_BY_HOP: [&str; 9] = [
    "connection",
    "keep-alive",
    "proxy-connection",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
];

/// True when the request asks the cluster to act as someone else.
pub fn has_impersonation(headers: &HeaderMap) -> bool {
    headers
        .keys()
        .any(|k| k.as_str().starts_with("impersonate-"))
}

/// Request headers that claim an identity or a route only a trusted front proxy may state
/// (an authenticating proxy's `X-Remote-*`, `X-Forwarded-*`): a client never sets them
/// for the cluster.
fn claims_identity_or_route(name: &HeaderName) -> bool {
    let name = name.as_str();
    name.starts_with("x-forwarded-")
        || name.starts_with("x-remote-")
        || matches!(name, "forwarded" | "x-real-ip" | "x-client-ip")
}

/// The WebSocket subprotocol that carries a bearer token
/// (`base64url.bearer.authorization.k8s.io.TOKEN`): the credential is Lanthorn's to set.
const BEARER_SUBPROTOCOL: &str = "base64url.bearer.authorization.k8s.io.";

/// Headers sent to the cluster: the client's, minus hop-by-hop ones, those named by
/// `Connection`, our cookie, `Host`, `Authorization` (the credential resolver sets it),
/// identity and route claims (`X-Remote-*`, `X-Forwarded-*`) and a bearer token hidden in
/// `Sec-WebSocket-Protocol`. For a WebSocket upgrade `Connection: Upgrade` and `Upgrade`
/// are kept.
pub fn upstream_request(mut headers: HeaderMap, upgrade: bool) -> HeaderMap {
    remove_connection_listed(&mut headers);
    remove_where(&mut headers, claims_identity_or_route);
    strip_bearer_subprotocol(&mut headers);
    let upgrade_value = headers.get(header::UPGRADE).cloned();
    for name in HOP_BY_HOP {
        headers.remove(name);
    }
    for name in [
        header::COOKIE,
        header::HOST,
        header::AUTHORIZATION,
        header::ORIGIN,
        header::REFERER,
    ] {
        headers.remove(name);
    }
    if upgrade && let Some(value) = upgrade_value {
        headers.insert(
            header::CONNECTION,
            header::HeaderValue::from_static("Upgrade"),
        );
        headers.insert(header::UPGRADE, value);
    }
    headers
}

/// Removes `base64url.bearer.authorization.k8s.io.*` from the offered subprotocols.
fn strip_bearer_subprotocol(headers: &mut HeaderMap) {
    let offered: Vec<String> = headers
        .get_all(header::SEC_WEBSOCKET_PROTOCOL)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect();
    if !offered.iter().any(|p| p.starts_with(BEARER_SUBPROTOCOL)) {
        return;
    }
    headers.remove(header::SEC_WEBSOCKET_PROTOCOL);
    let kept: Vec<&str> = offered
        .iter()
        .map(String::as_str)
        .filter(|p| !p.starts_with(BEARER_SUBPROTOCOL))
        .collect();
    if let Ok(value) = header::HeaderValue::from_str(&kept.join(", "))
        && !kept.is_empty()
    {
        headers.insert(header::SEC_WEBSOCKET_PROTOCOL, value);
    }
}

/// Response headers a cluster (or a tenant's backend behind a proxy subresource) may
/// not send to the browser: they would act on Lanthorn's whole origin.
fn acts_on_the_origin(name: &HeaderName) -> bool {
    let name = name.as_str();
    name.starts_with("access-control-")
        || matches!(
            name,
            "set-cookie"
                | "service-worker-allowed"
                | "clear-site-data"
                | "refresh"
                | "content-security-policy"
                | "content-security-policy-report-only"
                | "strict-transport-security"
                | "permissions-policy"
                | "origin-agent-cluster"
                | "cross-origin-opener-policy"
                | "cross-origin-embedder-policy"
                | "cross-origin-resource-policy"
                | "link"
        )
}

/// Headers returned to the browser: the cluster's, minus hop-by-hop ones and those that
/// act on Lanthorn's origin (cookies, service worker scope, site data, CORS, policies,
/// `Link` preloads). Lanthorn's own security headers are set afterwards
/// (`security::headers`). For a `101 Switching Protocols` the upgrade headers stay.
pub fn downstream_response(headers: &mut HeaderMap, switching: bool) {
    remove_connection_listed(headers);
    let upgrade_value = headers.get(header::UPGRADE).cloned();
    for name in HOP_BY_HOP {
        headers.remove(name);
    }
    remove_where(headers, acts_on_the_origin);
    if switching && let Some(value) = upgrade_value {
        headers.insert(
            header::CONNECTION,
            header::HeaderValue::from_static("Upgrade"),
        );
        headers.insert(header::UPGRADE, value);
    }
}

/// Removes every header whose name `unwanted` picks.
fn remove_where(headers: &mut HeaderMap, unwanted: fn(&HeaderName) -> bool) {
    let names: Vec<HeaderName> = headers.keys().filter(|k| unwanted(k)).cloned().collect();
    for name in names {
        headers.remove(name);
    }
}

fn remove_connection_listed(headers: &mut HeaderMap) {
    let listed: Vec<HeaderName> = headers
        .get_all(header::CONNECTION)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|name| HeaderName::from_bytes(name.trim().as_bytes()).ok())
        .filter(|name| *name != header::UPGRADE)
        .collect();
    for name in listed {
        headers.remove(name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    #[test]
    fn strips_what_must_not_cross() {
        let mut h = HeaderMap::new();
        for (k, v) in [
            ("connection", "keep-alive, x-secret-hop"),
            ("x-secret-hop", "1"),
            ("keep-alive", "5"),
            ("cookie", "lanthorn-session=abc"),
            ("authorization", "Bearer client"),
            ("host", "ui:4466"),
            ("accept", "application/json"),
            ("content-type", "application/apply-patch+yaml"),
        ] {
            h.insert(k, HeaderValue::from_static(v));
        }
        let out = upstream_request(h, false);
        let mut names: Vec<&str> = out.keys().map(HeaderName::as_str).collect();
        names.sort_unstable();
        assert_eq!(names, ["accept", "content-type"]);
    }

    #[test]
    fn identity_and_route_claims_never_reach_the_cluster() {
        let mut h = HeaderMap::new();
        for (k, v) in [
            ("x-remote-user", "system:admin"),
            ("x-remote-group", "system:masters"),
            ("x-remote-extra-scopes", "all"),
            ("x-forwarded-for", "10.0.0.1"),
            ("x-forwarded-host", "evil.example"),
            ("forwarded", "for=1.2.3.4"),
            ("x-real-ip", "1.2.3.4"),
            ("accept", "application/json"),
        ] {
            h.insert(k, HeaderValue::from_static(v));
        }
        let out = upstream_request(h, false);
        let names: Vec<&str> = out.keys().map(HeaderName::as_str).collect();
        assert_eq!(names, ["accept"]);
    }

    #[test]
    fn a_bearer_token_in_the_websocket_subprotocol_is_dropped() {
        let mut h = HeaderMap::new();
        h.insert("connection", HeaderValue::from_static("Upgrade"));
        h.insert("upgrade", HeaderValue::from_static("websocket"));
        h.insert(
            "sec-websocket-protocol",
            HeaderValue::from_static(
                "v5.channel.k8s.io, base64url.bearer.authorization.k8s.io.c2VjcmV0, channel.k8s.io",
            ),
        );
        let out = upstream_request(h, true);
        assert_eq!(
            out.get("sec-websocket-protocol")
                .and_then(|v| v.to_str().ok()),
            Some("v5.channel.k8s.io, channel.k8s.io")
        );
        let mut only = HeaderMap::new();
        only.insert(
            "sec-websocket-protocol",
            HeaderValue::from_static("base64url.bearer.authorization.k8s.io.c2VjcmV0"),
        );
        assert!(!upstream_request(only, true).contains_key("sec-websocket-protocol"));
    }

    #[test]
    fn origin_wide_response_headers_never_reach_the_browser() {
        let mut h = HeaderMap::new();
        for (k, v) in [
            ("service-worker-allowed", "/"),
            ("clear-site-data", "\"*\""),
            ("refresh", "0; url=https://evil.example"),
            ("access-control-allow-origin", "*"),
            ("access-control-allow-credentials", "true"),
            ("set-cookie", "lanthorn-session=planted; Path=/"),
            ("content-security-policy", "script-src *"),
            ("link", "</sw.js>; rel=serviceworker"),
            ("content-type", "text/html"),
            ("etag", "\"1\""),
        ] {
            h.insert(k, HeaderValue::from_static(v));
        }
        downstream_response(&mut h, false);
        let mut names: Vec<&str> = h.keys().map(HeaderName::as_str).collect();
        names.sort_unstable();
        assert_eq!(names, ["content-type", "etag"]);
    }

    #[test]
    fn keeps_the_upgrade_for_websockets() {
        let mut h = HeaderMap::new();
        h.insert("connection", HeaderValue::from_static("Upgrade"));
        h.insert("upgrade", HeaderValue::from_static("websocket"));
        h.insert(
            "sec-websocket-protocol",
            HeaderValue::from_static("v5.channel.k8s.io"),
        );
        let out = upstream_request(h, true);
        assert_eq!(
            out.get("upgrade").and_then(|v| v.to_str().ok()),
            Some("websocket")
        );
        assert_eq!(
            out.get("connection").and_then(|v| v.to_str().ok()),
            Some("Upgrade")
        );
        assert!(out.contains_key("sec-websocket-protocol"));
    }

    #[test]
    fn finds_impersonation_headers() {
        let mut h = HeaderMap::new();
        assert!(!has_impersonation(&h));
        h.insert("impersonate-extra-scopes", HeaderValue::from_static("x"));
        assert!(has_impersonation(&h));
    }
}
