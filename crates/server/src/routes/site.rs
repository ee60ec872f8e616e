//! This server's own URLs as the browser sees them: its root (scheme, host and
//! `--base-url`), and where a provider sends the browser after signing out.

use http::HeaderMap;

use crate::AppState;

/// Where the provider sends the browser after ending its session: this site's root (next
/// to the callback URL when one is configured).
pub fn post_logout_url(state: &AppState, headers: &HeaderMap, secure: bool) -> String {
    match state
        .oidc_callback_url
        .as_deref()
        .and_then(|u| u.strip_suffix("/oidc-callback"))
    {
        Some(root) => format!("{root}/"),
        None => format!("{}/", own_root(state, headers, secure)),
    }
}

/// `scheme://host[base-url]` as the browser sees this server.
pub(crate) fn own_root(state: &AppState, headers: &HeaderMap, secure: bool) -> String {
    let host = headers
        .get("x-forwarded-host")
        .or_else(|| headers.get(http::header::HOST))
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .unwrap_or("localhost")
        .trim();
    let scheme = if secure { "https" } else { "http" };
    format!("{scheme}://{host}{}", state.base_url.trim_end_matches('/'))
}
