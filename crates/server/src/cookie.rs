//! The session cookie: only an opaque id, HttpOnly, SameSite=Lax, and `Secure` with the
//! `__Host-` prefix whenever the browser reached us over HTTPS.

use http::HeaderMap;
use http::header::{COOKIE, HeaderValue};

/// The session cookie's base name (`__Host-` is prefixed over HTTPS).
pub const SESSION: &str = "lanthorn-session";
/// The OIDC transaction cookie's base name.
pub const OIDC: &str = "lanthorn-oidc";

/// True when the browser talks HTTPS to us: we serve TLS, or a proxy in front says so.
pub fn is_secure(headers: &HeaderMap, served_over_tls: bool) -> bool {
    served_over_tls
        || headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .is_some_and(|proto| proto.trim().eq_ignore_ascii_case("https"))
}

/// The session cookie's value, if the request carries one. Over HTTPS only the
/// `__Host-` cookie counts, so a cookie planted by a sibling domain is ignored.
pub fn read(headers: &HeaderMap, secure: bool) -> Option<String> {
    read_named(headers, SESSION, secure)
}

/// `Set-Cookie` for a new session id living `max_age` seconds.
pub fn set(id: &str, max_age: u64, secure: bool) -> HeaderValue {
    let mut value = named_set(SESSION, id, max_age, secure);
    value.set_sensitive(true);
    value
}

/// `Set-Cookie` that removes the session cookie.
pub fn clear(secure: bool) -> HeaderValue {
    named_clear(SESSION, secure)
}

/// The cookie called `base` (with `__Host-` over HTTPS), if the request carries it.
pub fn read_named(headers: &HeaderMap, base: &str, secure: bool) -> Option<String> {
    let wanted = if secure {
        format!("__Host-{base}")
    } else {
        base.to_owned()
    };
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == wanted)
        .map(|(_, v)| v.trim_matches('"').to_owned())
}

/// `Set-Cookie` for cookie `base` with `value`: `Path=/`, HttpOnly, SameSite=Lax, and
/// `Secure` with the `__Host-` prefix over HTTPS.
pub fn named_set(base: &str, value: &str, max_age: u64, secure: bool) -> HeaderValue {
    let (prefix, secure_attr) = if secure {
        ("__Host-", "; Secure")
    } else {
        ("", "")
    };
    let text = format!(
        "{prefix}{base}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure_attr}"
    );
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// `Set-Cookie` removing cookie `base`.
pub fn named_clear(base: &str, secure: bool) -> HeaderValue {
    named_set(base, "", 0, secure)
}

/// Seconds the session can live (the cookie's `Max-Age`).
pub(crate) fn session_max_age(
    state: &crate::AppState,
    session: &lanthorn_session::Session,
    now: u64,
) -> u64 {
    // The session lives while any sign-in does: a sign-in without a refresh token ends
    // at its token's expiry, the others can be renewed until the absolute TTL.
    let absolute = state.sessions.expires_at(session);
    let last = session
        .sign_ins
        .values()
        .map(|s| match s.token_expires_at {
            Some(exp) if !s.can_refresh() => exp.min(absolute),
            _ => absolute,
        })
        .max()
        .unwrap_or(absolute);
    last.saturating_sub(now).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(
                *k,
                HeaderValue::from_str(v).unwrap_or_else(|e| panic!("{e}")),
            );
        }
        h
    }

    #[test]
    fn https_is_detected_from_tls_or_the_forwarded_proto() {
        assert!(is_secure(&HeaderMap::new(), true));
        assert!(!is_secure(&HeaderMap::new(), false));
        assert!(is_secure(
            &headers(&[("x-forwarded-proto", "https")]),
            false
        ));
        assert!(is_secure(
            &headers(&[("x-forwarded-proto", "HTTPS, http")]),
            false
        ));
        assert!(!is_secure(
            &headers(&[("x-forwarded-proto", "http")]),
            false
        ));
    }

    #[test]
    fn reads_only_the_cookie_for_the_scheme() {
        let h = headers(&[
            ("cookie", "a=b; lanthorn-session=plain"),
            ("cookie", "__Host-lanthorn-session=host"),
        ]);
        assert_eq!(read(&h, false).as_deref(), Some("plain"));
        assert_eq!(read(&h, true).as_deref(), Some("host"));
        assert_eq!(
            read(&headers(&[("cookie", "lanthorn-session=plain")]), true),
            None
        );
    }

    #[test]
    fn cookies_are_http_only_lax_and_secure_over_https() {
        let plain = set("abc", 60, false);
        assert_eq!(
            plain.to_str().ok(),
            Some("lanthorn-session=abc; Path=/; Max-Age=60; HttpOnly; SameSite=Lax")
        );
        let secure = set("abc", 60, true);
        assert_eq!(
            secure.to_str().ok(),
            Some("__Host-lanthorn-session=abc; Path=/; Max-Age=60; HttpOnly; SameSite=Lax; Secure")
        );
        assert!(clear(true).to_str().is_ok_and(|v| v.contains("Max-Age=0")));
    }
}
