//! Token sign-in (`POST /clusters/{cluster}/set-token`, Headlamp's route), who-am-I
//! (`GET /clusters/{cluster}/me`) and sign-out (`POST /sign-out`).

use std::net::SocketAddr;

use axum::Json;
use axum::body::Body;
use axum::extract::{ConnectInfo, State};
use axum::response::{IntoResponse, Response};
use http::header::SET_COOKIE;
use http::{HeaderMap, StatusCode};
use lanthorn_cluster::{Credential, CredentialSource};
use lanthorn_session::{ClusterSignIn, SignInMethod};
use secrecy::SecretString;
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::audit::AuditEvent;
use crate::caller::Caller;
use crate::cookie;
use crate::error::{ApiError, Reason};
use crate::identity::{UserInfo, jwt_expiry, review};
use crate::on_cluster::OnCluster;

/// Largest accepted set-token body; ServiceAccount tokens are about 1 KiB.
const MAX_BODY: usize = 64 * 1024;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SetToken {
    token: String,
}

/// Who the caller is on a cluster: `GET …/me` and the answer to a token sign-in.
#[derive(Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Me<'a> {
    cluster: &'a str,
    #[serde(flatten)]
    user: &'a UserInfo,
    credential: CredentialSource,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "number")]
    expires_at: Option<u64>,
}

/// Token sign-ins one client address may try per minute.
pub const SIGN_INS_PER_MINUTE: u32 = 30;

/// `POST /clusters/{cluster}/set-token` with `{"token": "…"}`. An empty token signs
/// that cluster out.
pub async fn set_token(
    State(state): State<AppState>,
    ConnectInfo(remote): ConnectInfo<SocketAddr>,
    on: OnCluster,
    body: Body,
) -> Result<Response, ApiError> {
    sign_in(&state, on, remote, body).await
}

async fn sign_in(
    state: &AppState,
    on: OnCluster,
    remote: SocketAddr,
    body: Body,
) -> Result<Response, ApiError> {
    if let Err(wait) = state
        .sign_in_attempts
        .check(&remote.ip().to_string(), std::time::Instant::now())
    {
        let refusal = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            Reason::TooManySignIns,
            format!("too many sign-in attempts from this address; try again in {wait} seconds"),
        );
        return Err(refusal);
    }
    // The credential the request would carry is not used: the pasted token is what is
    // checked, with the cluster's client.
    let OnCluster {
        name,
        client,
        caller,
        ..
    } = on;
    let cluster = name.as_str();
    let bytes = axum::body::to_bytes(body, MAX_BODY).await.map_err(|_| {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            Reason::TooLarge,
            format!("the request body is larger than {MAX_BODY} bytes"),
        )
    })?;
    let request: SetToken = serde_json::from_slice(&bytes).map_err(|e| {
        ApiError::bad_request(
            Reason::BadBody,
            format!("expected JSON {{\"token\": \"…\"}}: {e}"),
        )
    })?;
    let token = request.token.trim();
    if token.is_empty() {
        return sign_out_cluster(state, &caller, cluster, remote).await;
    }
    let remote_text = remote.ip().to_string();
    let fail = |error: ApiError| {
        state.audit.record(&AuditEvent {
            event: "sign-in-failed",
            cluster: Some(cluster),
            credential: Some("token"),
            status: Some(error.status().as_u16()),
            reason: Some(error.message()),
            remote: Some(&remote_text),
            ..AuditEvent::default()
        });
        error
    };
    let now = state.sessions.now();
    let expires_at = jwt_expiry(token);
    if expires_at.is_some_and(|exp| exp <= now) {
        return Err(fail(ApiError::unauthorized(format!(
            "the token for cluster {cluster} has expired; create a new one (kubectl create token …)"
        ))));
    }
    let token = SecretString::from(token.to_owned());
    let credential = Credential::signing_in(token.clone());
    let user = review(&client, &credential).await.map_err(fail)?;
    let previous = caller.session.as_ref().map(|s| &s.id);
    let sign_in = ClusterSignIn {
        method: SignInMethod::Token,
        token,
        refresh_token: None,
        token_expires_at: expires_at,
        username: user.username.clone(),
        groups: user.groups.clone(),
        uid: user.uid.clone(),
        impersonated: false,
    };
    let session = state
        .sessions
        .sign_in(previous, cluster, sign_in)
        .await
        .map_err(|e| ApiError::store_unavailable(&e))?;
    state.audit.record(&AuditEvent {
        event: "sign-in",
        user: Some(&user.username),
        groups: &user.groups,
        credential: Some("token"),
        cluster: Some(cluster),
        status: Some(200),
        remote: Some(&remote_text),
        ..AuditEvent::default()
    });
    let lifetime = crate::cookie::session_max_age(state, &session, now);
    let body = Me {
        cluster,
        user: &user,
        credential: CredentialSource::Session,
        expires_at: Some(now + lifetime),
    };
    let mut response = (StatusCode::OK, Json(body)).into_response();
    let id = session.id.expose_secret();
    response
        .headers_mut()
        .insert(SET_COOKIE, cookie::set(&id, lifetime, caller.secure));
    Ok(response)
}

async fn sign_out_cluster(
    state: &AppState,
    caller: &Caller,
    cluster: &str,
    remote: SocketAddr,
) -> Result<Response, ApiError> {
    let Some(session) = &caller.session else {
        return Ok(StatusCode::NO_CONTENT.into_response());
    };
    let user = session
        .sign_in(cluster)
        .map(|s| (s.username.clone(), s.groups.clone()));
    let left = state
        .sessions
        .sign_out(&session.id, cluster)
        .await
        .map_err(|e| ApiError::store_unavailable(&e))?;
    // Streams the session opened end (those to other clusters are opened again by the
    // client with the sign-ins that are left).
    state.streams.end(&session.id);
    if let Some((username, groups)) = user {
        state.audit.record(&AuditEvent {
            event: "sign-out",
            user: Some(&username),
            groups: &groups,
            cluster: Some(cluster),
            remote: Some(&remote.ip().to_string()),
            ..AuditEvent::default()
        });
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    if left.is_none() {
        response
            .headers_mut()
            .insert(SET_COOKIE, cookie::clear(caller.secure));
    }
    Ok(response)
}

/// `POST /sign-out`: ends the whole session. OIDC sign-ins are also ended at the provider:
/// the refresh token is revoked where possible, and the answer's `endSessionUrl` (when
/// the provider has one) is where the browser should go next.
pub async fn sign_out(
    State(state): State<AppState>,
    ConnectInfo(remote): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let caller = Caller::identify(&state, &headers).await?;
    let mut end_session_url = None;
    if let Some(session) = &caller.session {
        state
            .sessions
            .destroy(&session.id)
            .await
            .map_err(|e| ApiError::store_unavailable(&e))?;
        state.streams.end(&session.id);
        for (cluster, s) in &session.sign_ins {
            state.audit.record(&AuditEvent {
                event: "sign-out",
                user: Some(&s.username),
                groups: &s.groups,
                cluster: Some(cluster),
                remote: Some(&remote.ip().to_string()),
                ..AuditEvent::default()
            });
            if let (SignInMethod::Oidc, Some(provider)) = (s.method, state.oidc_for(cluster)) {
                let back = crate::routes::site::post_logout_url(&state, &headers, caller.secure);
                let url = provider.sign_out(s.refresh_token.as_ref(), &back).await;
                end_session_url = end_session_url.or(url.map(String::from));
            }
        }
    }
    let mut response =
        Json(serde_json::json!({ "endSessionUrl": end_session_url })).into_response();
    response
        .headers_mut()
        .insert(SET_COOKIE, cookie::clear(caller.secure));
    Ok(response)
}

/// `GET /clusters/{cluster}/me`: who the cluster says the caller is. A cookie that names
/// no live session is cleared, also when the answer is a refusal.
pub async fn me(on: OnCluster) -> Response {
    let (stale, secure) = (on.caller.stale_cookie, on.caller.secure);
    let mut response = who_is(on).await.into_response();
    if stale {
        response
            .headers_mut()
            .append(SET_COOKIE, cookie::clear(secure));
    }
    response
}

async fn who_is(on: OnCluster) -> Result<Response, ApiError> {
    if on.credential.source() == CredentialSource::None {
        return Err(ApiError::unauthorized(format!(
            "not signed in to cluster {}",
            on.name
        )));
    }
    let OnCluster {
        name: cluster,
        client,
        caller,
        credential,
    } = on;
    let user = review(&client, &credential).await?;
    let expires_at = caller
        .sign_in(cluster.as_str())
        .and_then(|s| s.token_expires_at);
    let mut response = Json(Me {
        cluster: cluster.as_str(),
        user: &user,
        credential: credential.source(),
        expires_at,
    })
    .into_response();
    response.headers_mut().insert(
        http::header::CACHE_CONTROL,
        http::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}
