//! OIDC sign-in: `GET /oidc?cluster=NAME&returnTo=/path` starts the authorization-code
//! flow, `GET /oidc-callback` finishes it (Headlamp's paths, so redirect URIs registered
//! at providers keep working). The transaction (state, nonce, PKCE verifier, issuer,
//! return path) travels in an encrypted, HttpOnly, SameSite=Lax cookie, and each `state`
//! can be used once across all replicas.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::time::Duration;

use axum::extract::{ConnectInfo, Query, State};
use axum::response::{Html, IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use http::header::{HeaderValue, LOCATION, SET_COOKIE};
use http::{HeaderMap, StatusCode};
use lanthorn_oidc::{TRANSACTION_LIFETIME, Transaction};
use lanthorn_session::ClusterSignIn;

use crate::AppState;
use crate::audit::AuditEvent;
use crate::caller::Caller;
use crate::cookie;
use crate::error::{ApiError, Reason};

const PURPOSE: &str = "oidc-transaction";

/// `GET /oidc`.
pub async fn start(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
    ConnectInfo(remote): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    let mut provider_failure = None;
    let result = async {
        let cluster = query.get("cluster").map(String::as_str).unwrap_or_default();
        if state.clusters.get(cluster).is_none() {
            return Err(ApiError::unknown_cluster(cluster));
        }
        let provider = state.oidc_for(cluster).ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                Reason::OidcNotConfigured,
                format!("OIDC sign-in is not configured for cluster {cluster}"),
            )
        })?;
        let return_to = match query.get("returnTo") {
            Some(path) => safe_return_path(path).ok_or_else(|| {
                ApiError::bad_request(
                    Reason::BadReturnPath,
                    "returnTo must be a path on this site, such as /c/dev",
                )
            })?,
            None => "/".to_owned(),
        };
        let secure = cookie::is_secure(&headers, state.served_over_tls);
        let redirect_uri = callback_url(&state, &headers, secure);
        let (url, transaction) = provider
            .begin(cluster, &return_to, &redirect_uri)
            .await
            .map_err(|e| {
                provider_failure = Some((cluster.to_owned(), e.to_string()));
                ApiError::new(
                    StatusCode::BAD_GATEWAY,
                    Reason::OidcProviderUnavailable,
                    e.to_string(),
                )
            })?;
        let json = serde_json::to_vec(&transaction)
            .map_err(|e| ApiError::bad_request(Reason::BadRequest, e.to_string()))?;
        let sealed = state
            .sessions
            .seal_cookie(PURPOSE, &json)
            .map_err(|e| ApiError::store_unavailable(&e))?;
        let mut response = StatusCode::FOUND.into_response();
        let location = HeaderValue::from_str(url.as_str())
            .map_err(|e| ApiError::bad_request(Reason::BadRequest, e.to_string()))?;
        response.headers_mut().insert(LOCATION, location);
        response.headers_mut().append(
            SET_COOKIE,
            cookie::named_set(
                cookie::OIDC,
                &URL_SAFE_NO_PAD.encode(sealed),
                TRANSACTION_LIFETIME.as_secs(),
                secure,
            ),
        );
        Ok::<_, ApiError>(response)
    }
    .await;
    match (result, provider_failure) {
        (Ok(response), _) => response,
        // The provider could not start the sign-in: said, logged and audited like a failed
        // callback, and a browser gets the sign-in-failed page rather than JSON.
        (Err(error), Some((cluster, reason))) => {
            tracing::warn!(%reason, %cluster, "OIDC sign-in could not start");
            let remote_text = remote.ip().to_string();
            state.audit.record(&AuditEvent {
                event: "sign-in-failed",
                credential: Some("oidc"),
                cluster: Some(&cluster),
                status: Some(StatusCode::BAD_GATEWAY.as_u16()),
                reason: Some(&reason),
                remote: Some(&remote_text),
                ..AuditEvent::default()
            });
            if wants_page(&headers) {
                (
                    StatusCode::BAD_GATEWAY,
                    Html(error_page(&reason, &state.base_url)),
                )
                    .into_response()
            } else {
                error.into_response()
            }
        }
        (Err(error), None) => error.into_response(),
    }
}

/// A browser's navigation (it asks for HTML), as opposed to a script or an API client.
fn wants_page(headers: &HeaderMap) -> bool {
    let navigate = headers
        .get("sec-fetch-mode")
        .is_some_and(|v| v.as_bytes() == b"navigate");
    let html = headers
        .get(http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    navigate || html
}

/// `GET /oidc-callback`.
pub async fn callback(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
    ConnectInfo(remote): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    let secure = cookie::is_secure(&headers, state.served_over_tls);
    let remote_text = remote.ip().to_string();
    match finish(&state, &query, &headers, secure).await {
        Ok((response, signed_in)) => {
            for entry in &signed_in {
                state.audit.record(&AuditEvent {
                    event: "sign-in",
                    user: Some(&entry.username),
                    groups: &entry.groups,
                    credential: Some(if entry.impersonated {
                        "oidcImpersonated"
                    } else {
                        "oidc"
                    }),
                    cluster: Some(&entry.cluster),
                    status: Some(302),
                    remote: Some(&remote_text),
                    ..AuditEvent::default()
                });
            }
            response
        }
        Err((status, reason, cluster)) => {
            tracing::warn!(%reason, "OIDC sign-in refused");
            state.audit.record(&AuditEvent {
                event: "sign-in-failed",
                credential: Some("oidc"),
                cluster: cluster.as_deref(),
                status: Some(status.as_u16()),
                reason: Some(&reason),
                remote: Some(&remote_text),
                ..AuditEvent::default()
            });
            let mut response = (status, Html(error_page(&reason, &state.base_url))).into_response();
            response
                .headers_mut()
                .append(SET_COOKIE, cookie::named_clear(cookie::OIDC, secure));
            response
        }
    }
}

type Refusal = (StatusCode, String, Option<String>);

async fn finish(
    state: &AppState,
    query: &HashMap<String, String>,
    headers: &HeaderMap,
    secure: bool,
) -> Result<(Response, Vec<SignedIn>), Refusal> {
    let refuse = |status: StatusCode, reason: String| (status, reason, None);
    let sealed = cookie::read_named(headers, cookie::OIDC, secure).ok_or_else(|| {
        refuse(
            StatusCode::BAD_REQUEST,
            "no sign-in is in progress in this browser (the sign-in cookie is missing or expired); start again".into(),
        )
    })?;
    let transaction: Transaction = URL_SAFE_NO_PAD
        .decode(sealed.as_bytes())
        .ok()
        .and_then(|blob| state.sessions.open_cookie(PURPOSE, &blob))
        .and_then(|json| serde_json::from_slice(&json).ok())
        .ok_or_else(|| {
            refuse(
                StatusCode::BAD_REQUEST,
                "the sign-in cookie is not valid; start again".into(),
            )
        })?;
    let cluster = Some(transaction.cluster.clone());
    let refuse = |status: StatusCode, reason: String| (status, reason, cluster.clone());
    let store_down = |e: lanthorn_session::SessionError| {
        refuse(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("session store: {e}"),
        )
    };
    let provider = state.oidc_for(&transaction.cluster).ok_or_else(|| {
        refuse(
            StatusCode::NOT_FOUND,
            format!(
                "OIDC sign-in is not configured for cluster {}",
                transaction.cluster
            ),
        )
    })?;
    if let Some(error) = query.get("error") {
        let detail = query
            .get("error_description")
            .map(|d| format!(": {}", clip(d)))
            .unwrap_or_default();
        return Err(refuse(
            StatusCode::UNAUTHORIZED,
            format!(
                "the identity provider refused the sign-in ({}){detail}",
                clip(error)
            ),
        ));
    }
    let returned_state = query.get("state").map(String::as_str).unwrap_or_default();
    if !transaction.state.matches(returned_state) {
        return Err(refuse(
            StatusCode::BAD_REQUEST,
            "the state does not match this browser's sign-in".into(),
        ));
    }
    let code = query.get("code").filter(|c| !c.is_empty()).ok_or_else(|| {
        refuse(
            StatusCode::BAD_REQUEST,
            "the provider's answer has no authorization code".into(),
        )
    })?;
    let state_hash = transaction.state.digest();
    let first = state
        .sessions
        .claim_once(
            &format!("oidc-state:{state_hash}"),
            TRANSACTION_LIFETIME + Duration::from_secs(60),
        )
        .await
        .map_err(store_down)?;
    if !first {
        return Err(refuse(
            StatusCode::BAD_REQUEST,
            "this sign-in was already used (replayed state)".into(),
        ));
    }
    let tokens = provider
        .finish(&transaction, code)
        .await
        .map_err(|e| refuse(StatusCode::UNAUTHORIZED, e.to_string()))?;
    let client = state.clusters.get(&transaction.cluster).ok_or_else(|| {
        refuse(
            StatusCode::NOT_FOUND,
            format!("there is no cluster named {:?}", transaction.cluster),
        )
    })?;
    let sign_in = crate::fleet::accept(state, client, provider, &tokens)
        .await
        .map_err(|e| refuse(e.status(), e.message().to_owned()))?;
    let caller = Caller::identify(state, headers)
        .await
        .map_err(|e| refuse(e.status(), e.message().to_owned()))?;
    let mut signed_in = vec![SignedIn::from(&transaction.cluster, &sign_in)];
    let mut session = state
        .sessions
        .sign_in(
            caller.session.as_ref().map(|s| &s.id),
            &transaction.cluster,
            sign_in,
        )
        .await
        .map_err(store_down)?;
    // The same sign-in, offered to every other cluster of this provider.
    for (cluster, outcome) in
        crate::fleet::other_clusters(state, provider, &transaction.cluster, &tokens).await
    {
        match outcome {
            Ok(sign_in) => {
                let entry = SignedIn::from(&cluster, &sign_in);
                match state
                    .sessions
                    .sign_in(Some(&session.id), &cluster, sign_in)
                    .await
                {
                    Ok(updated) => {
                        session = updated;
                        signed_in.push(entry);
                    }
                    Err(error) => tracing::warn!(%error, cluster, "storing a fleet sign-in failed"),
                }
            }
            Err(error) => tracing::info!(
                cluster,
                reason = error.message(),
                "the sign-in was not accepted on this cluster too"
            ),
        }
    }
    let lifetime = crate::cookie::session_max_age(state, &session, state.sessions.now());
    let mut response = StatusCode::FOUND.into_response();
    let target = format!(
        "{}{}",
        state.base_url.trim_end_matches('/'),
        transaction.return_to
    );
    let location = HeaderValue::from_str(&target).unwrap_or(HeaderValue::from_static("/"));
    response.headers_mut().insert(LOCATION, location);
    response.headers_mut().append(
        SET_COOKIE,
        cookie::set(&session.id.expose_secret(), lifetime, secure),
    );
    response
        .headers_mut()
        .append(SET_COOKIE, cookie::named_clear(cookie::OIDC, secure));
    Ok((response, signed_in))
}

/// One cluster a callback signed the user in to, for the audit log.
struct SignedIn {
    cluster: String,
    username: String,
    groups: Vec<String>,
    impersonated: bool,
}

impl SignedIn {
    fn from(cluster: &str, sign_in: &ClusterSignIn) -> Self {
        Self {
            cluster: cluster.to_owned(),
            username: sign_in.username.clone(),
            groups: sign_in.groups.clone(),
            impersonated: sign_in.impersonated,
        }
    }
}

/// The redirect URI: `--oidc-callback-url`, else this server's own `/oidc-callback`.
fn callback_url(state: &AppState, headers: &HeaderMap, secure: bool) -> String {
    match &state.oidc_callback_url {
        Some(url) => url.clone(),
        None => format!(
            "{}/oidc-callback",
            super::site::own_root(state, headers, secure)
        ),
    }
}

/// A same-origin relative path, or `None`: refuses `//host`, `/\\host`, schemes and
/// control characters.
pub fn safe_return_path(path: &str) -> Option<String> {
    let ok = path.starts_with('/')
        && !path.starts_with("//")
        && !path.starts_with("/\\")
        && !path.contains('\\')
        && !path.chars().any(char::is_control)
        && path.len() <= 2048;
    ok.then(|| path.to_owned())
}

fn clip(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).take(200).collect()
}

fn error_page(reason: &str, base_url: &str) -> String {
    crate::page::html_page(
        "Sign-in failed",
        &format!(
            "<p class=problem>{}</p><p><a href=\"{}/\">Back to Lanthorn</a></p>",
            crate::page::escape(reason),
            crate::page::escape(base_url.trim_end_matches('/'))
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn return_paths_stay_on_this_site() {
        for ok in ["/", "/c/dev/pods?ns=demo", "/a/b#x"] {
            assert_eq!(safe_return_path(ok).as_deref(), Some(ok));
        }
        for bad in [
            "//evil.example",
            "/\\evil.example",
            "https://evil.example",
            "javascript:alert(1)",
            "relative",
            "/a\nb",
            "/a\\b",
            "",
        ] {
            assert_eq!(safe_return_path(bad), None, "{bad:?}");
        }
    }
}
