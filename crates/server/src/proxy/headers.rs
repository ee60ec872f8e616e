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

/// Headers sent to the cluster: the client's, minus hop-by-hop ones, those named by
/// `Connection`, our cookie, `Host` and `Authorization` (the credential resolver sets it).
/// For a WebSocket upgrade `Connection: Upgrade` and `Upgrade` are kept.
pub fn upstream_request(mut headers: HeaderMap, upgrade: bool) -> HeaderMap {
    remove_connection_listed(&mut headers);
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

/// Headers returned to the browser: the cluster's, minus hop-by-hop ones and cookies.
/// For a `101 Switching Protocols` the upgrade headers stay.
pub fn downstream_response(headers: &mut HeaderMap, switching: bool) {
    remove_connection_listed(headers);
    let upgrade_value = headers.get(header::UPGRADE).cloned();
    for name in HOP_BY_HOP {
        headers.remove(name);
    }
    headers.remove(header::SET_COOKIE);
    if switching && let Some(value) = upgrade_value {
        headers.insert(
            header::CONNECTION,
            header::HeaderValue::from_static("Upgrade"),
        );
        headers.insert(header::UPGRADE, value);
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
