//! `--service-proxy-origin`: a separate origin that serves only proxied content, at full
//! fidelity (no sandbox), for operators whose tenants' apps need it.
//!
//! On Lanthorn's own origin a page navigation to a proxy path is sent there with a grant:
//! a sealed, single-use, one-minute value naming the session and cluster. The proxy origin
//! turns it into a cookie of its own (`lanthorn-proxy`, HttpOnly), which is honoured only
//! there, only for proxy paths and only for the clusters it names. The proxy origin answers
//! nothing else — no API, no `/config`, no app — so a tenant's page on it can reach other
//! proxied services as the user (as on any shared proxy origin), but never the API.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use http::{HeaderMap, HeaderValue, StatusCode, header};
use lanthorn_session::{Session, SessionId};
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::cookie;
use crate::error::{ApiError, Reason};

/// The proxy origin's own cookie.
pub const COOKIE: &str = "lanthorn-proxy";
/// Where the proxy origin turns a grant into its cookie.
pub const GRANT_PATH: &str = "/.lanthorn/proxy-session";
const GRANT_PURPOSE: &str = "proxy-grant";
const COOKIE_PURPOSE: &str = "proxy-session";
const GRANT_LIFETIME: u64 = 60;

#[derive(Serialize, Deserialize)]
struct Grant {
    sid: String,
    cluster: String,
    path: String,
    expires: u64,
    /// When the session ends (the cookie lives no longer).
    until: u64,
    nonce: String,
}

#[derive(Serialize, Deserialize)]
struct ProxyCookie {
    sid: String,
    clusters: Vec<String>,
}

/// True when the request is addressed to the service proxy origin.
pub fn on_proxy_origin(state: &AppState, headers: &HeaderMap) -> bool {
    let Some(origin) = &state.web.service_proxy_origin else {
        return false;
    };
    let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let wanted = origin.host_str().unwrap_or_default();
    let (name, port) = crate::security::host::split(host);
    let port = match port {
        Some(port) => port.parse::<u16>().ok(),
        None => origin.port_or_known_default(),
    };
    name.eq_ignore_ascii_case(wanted) && port == origin.port_or_known_default()
}

/// A path (after `--base-url`) whose answer is proxied content: the service proxy or a
/// `proxy` subresource of a cluster.
fn is_proxied_path(path: &str) -> Option<String> {
    let (cluster, k8s) = super::split_cluster_path(path)?;
    let proxied = k8s.starts_with("/serviceproxy/") || super::path::is_proxy_subresource(k8s);
    proxied.then_some(cluster)
}

fn after_base<'a>(state: &AppState, path: &'a str) -> &'a str {
    let base = state.base_url.trim_end_matches('/');
    path.strip_prefix(base)
        .filter(|p| p.starts_with('/'))
        .unwrap_or(path)
}

/// Keeps each origin to its own content: the proxy origin serves only proxied paths and
/// its grant; Lanthorn's origin sends page navigations to proxied paths there.
pub async fn route(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if state.web.service_proxy_origin.is_none() {
        return next.run(request).await;
    }
    let path = after_base(&state, request.uri().path()).to_owned();
    if on_proxy_origin(&state, request.headers()) {
        if path == GRANT_PATH {
            let (headers, query) = (request.headers().clone(), query_of(&request));
            return accept_grant(&state, &headers, &query).await.into_response();
        }
        if is_proxied_path(&path).is_none() {
            return ApiError::new(
                StatusCode::NOT_FOUND,
                Reason::NotOnThisOrigin,
                "this origin serves only proxied content; open Lanthorn at its own address",
            )
            .into_response();
        }
        return next.run(request).await;
    }
    // Only a navigation from Lanthorn's own pages or a typed URL gets a grant: another
    // site cannot push a visitor signed in to Lanthorn onto the proxy origin. Anything
    // else is answered here, sandboxed.
    let navigation = request
        .headers()
        .get("sec-fetch-mode")
        .is_some_and(|v| v == "navigate")
        && crate::security::csrf::same_origin(request.headers(), state.served_over_tls);
    if let (true, true, Some(cluster)) = (
        navigation,
        request.method() == http::Method::GET,
        is_proxied_path(&path),
    ) {
        let (headers, query) = (request.headers().clone(), query_of(&request));
        let full_path = request.uri().path().to_owned();
        return issue_grant(&state, &headers, &query, &cluster, &full_path)
            .await
            .into_response();
    }
    next.run(request).await
}

fn query_of(request: &Request) -> String {
    request.uri().query().unwrap_or("").to_owned()
}

/// On Lanthorn's origin: a grant for the signed-in session, sent to the proxy origin.
async fn issue_grant(
    state: &AppState,
    headers: &HeaderMap,
    query: &str,
    cluster: &str,
    path: &str,
) -> Result<Response, ApiError> {
    let caller = crate::caller::Caller::identify(state, headers).await?;
    let Some(session) = caller
        .session
        .as_ref()
        .filter(|s| s.sign_in(cluster).is_some())
    else {
        return Err(ApiError::unauthorized(format!(
            "sign in to cluster {cluster} first; proxied pages open with your sign-in"
        )));
    };
    let query = if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    };
    let grant = Grant {
        sid: session.id.expose_secret(),
        cluster: cluster.to_owned(),
        path: format!("{path}{query}"),
        expires: state.sessions.now() + GRANT_LIFETIME,
        until: state.sessions.expires_at(session),
        nonce: URL_SAFE_NO_PAD.encode(rand_bytes()),
    };
    let sealed = serde_json::to_vec(&grant)
        .ok()
        .and_then(|json| state.sessions.seal_cookie(GRANT_PURPOSE, &json).ok());
    let (Some(sealed), Some(origin)) = (sealed, &state.web.service_proxy_origin) else {
        return Err(ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            Reason::GrantFailed,
            "could not prepare the proxy origin's sign-in",
        ));
    };
    let base = state.base_url.trim_end_matches('/');
    let target = format!(
        "{}{base}{GRANT_PATH}?grant={}",
        origin.as_str().trim_end_matches('/'),
        URL_SAFE_NO_PAD.encode(sealed)
    );
    Ok(Redirect::to(&target).into_response())
}

fn rand_bytes() -> [u8; 16] {
    let mut bytes = [0_u8; 16];
    let _ = getrandom::fill(&mut bytes);
    bytes
}

/// On the proxy origin: a valid, unused grant becomes the proxy cookie.
async fn accept_grant(
    state: &AppState,
    headers: &HeaderMap,
    query: &str,
) -> Result<Response, ApiError> {
    let refused = |why: &str| {
        ApiError::forbidden(
            Reason::GrantRefused,
            format!("{why}; open the page from Lanthorn again"),
        )
    };
    let grant = query
        .split('&')
        .find_map(|p| p.strip_prefix("grant="))
        .and_then(|g| URL_SAFE_NO_PAD.decode(g).ok())
        .and_then(|blob| state.sessions.open_cookie(GRANT_PURPOSE, &blob))
        .and_then(|json| serde_json::from_slice::<Grant>(&json).ok());
    let Some(grant) = grant else {
        return Err(refused("the grant is missing or not Lanthorn's"));
    };
    if grant.expires < state.sessions.now() {
        return Err(refused("the grant has expired"));
    }
    match state
        .sessions
        .claim_once(
            &format!("proxy-grant:{}", grant.nonce),
            std::time::Duration::from_secs(120),
        )
        .await
    {
        Ok(true) => {}
        Ok(false) => return Err(refused("the grant was used already")),
        Err(error) => return Err(ApiError::store_unavailable(&error)),
    }
    if is_proxied_path(after_base(
        state,
        grant.path.split('?').next().unwrap_or(""),
    ))
    .is_none()
    {
        return Err(refused("the grant names no proxied page"));
    }
    let secure = cookie::is_secure(headers, state.served_over_tls);
    // Clusters granted before to the same session stay granted.
    let mut clusters = vec![grant.cluster.clone()];
    if let Some(old) = read_cookie(state, headers, secure)
        && old.sid == grant.sid
    {
        clusters.extend(old.clusters.into_iter().filter(|c| *c != grant.cluster));
    }
    let value = serde_json::to_vec(&ProxyCookie {
        sid: grant.sid.clone(),
        clusters,
    })
    .ok()
    .and_then(|json| state.sessions.seal_cookie(COOKIE_PURPOSE, &json).ok());
    let Some(value) = value else {
        return Err(refused("the proxy cookie could not be made"));
    };
    let mut set = cookie::named_set(
        COOKIE,
        &URL_SAFE_NO_PAD.encode(value),
        grant.until.saturating_sub(state.sessions.now()),
        secure,
    );
    set.set_sensitive(true);
    let mut response = Redirect::to(&grant.path).into_response();
    response.headers_mut().append(header::SET_COOKIE, set);
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

fn read_cookie(state: &AppState, headers: &HeaderMap, secure: bool) -> Option<ProxyCookie> {
    let value = cookie::read_named(headers, COOKIE, secure)?;
    let blob = URL_SAFE_NO_PAD.decode(value).ok()?;
    let json = state.sessions.open_cookie(COOKIE_PURPOSE, &blob)?;
    serde_json::from_slice(&json).ok()
}

/// On the proxy origin, the session its cookie names, holding only the sign-ins of the
/// clusters it was granted for.
pub async fn session(
    state: &AppState,
    headers: &HeaderMap,
    secure: bool,
) -> Result<Option<Session>, ApiError> {
    let Some(granted) = read_cookie(state, headers, secure) else {
        return Ok(None);
    };
    let Ok(id) = SessionId::parse(&granted.sid) else {
        return Ok(None);
    };
    let Some(mut session) = state
        .sessions
        .get(&id)
        .await
        .map_err(|e| ApiError::store_unavailable(&e))?
    else {
        return Ok(None);
    };
    session
        .sign_ins
        .retain(|cluster, _| granted.clusters.contains(cluster));
    Ok((!session.sign_ins.is_empty()).then_some(session))
}
