//! Server-side refresh of OIDC sign-ins shortly before their token expires, single-flight
//! per session and cluster across replicas (a rotating refresh token is spent once).
//! A refresh that fails ends that sign-in; an expired token is never forwarded.

use std::time::Duration;

use lanthorn_session::{ClusterSignIn, Session, SessionId, SignInMethod};
use secrecy::{ExposeSecret, SecretString};

use crate::AppState;

/// Refresh this long before the token expires, unless configured otherwise.
pub const DEFAULT_MARGIN: u64 = 60;
const LOCK_TTL: Duration = Duration::from_secs(30);
const WAIT_FOR_OTHER: Duration = Duration::from_secs(5);

fn due(sign_in: &ClusterSignIn, margin: u64, now: u64) -> bool {
    sign_in.method == SignInMethod::Oidc
        && sign_in.refresh_token.is_some()
        && sign_in
            .token_expires_at
            .is_some_and(|exp| exp <= now + margin)
}

/// Refreshes every sign-in of `session` that is due; returns the session as it is now
/// (`None` when it ended).
pub async fn refresh_due(state: &AppState, session: Session) -> Option<Session> {
    let due: Vec<String> = session
        .sign_ins
        .iter()
        .filter(|(_, s)| due(s, state.refresh_margin, state.sessions.now()))
        .map(|(c, _)| c.clone())
        .collect();
    if due.is_empty() {
        return Some(session);
    }
    for cluster in &due {
        refresh_one(state, &session.id, cluster).await;
    }
    state.sessions.get(&session.id).await.ok().flatten()
}

async fn refresh_one(state: &AppState, id: &SessionId, cluster: &str) {
    let Some(provider) = state.oidc_for(cluster) else {
        return;
    };
    let lock = match state.sessions.try_lock_sign_in(id, cluster, LOCK_TTL).await {
        Ok(Some(lock)) => lock,
        Ok(None) => return wait_for_other(state, id, cluster).await,
        Err(error) => return tracing::warn!(%error, "refresh lock failed"),
    };
    // Another replica may have refreshed while we waited for the lock.
    let current = state.sessions.get(id).await.ok().flatten();
    let sign_in = current.as_ref().and_then(|s| s.sign_in(cluster)).cloned();
    if let Some(sign_in) = sign_in.filter(|s| due(s, state.refresh_margin, state.sessions.now()))
        && let Some(refresh_token) = sign_in.refresh_token.clone()
    {
        match provider.refresh(&refresh_token).await {
            Ok(tokens) => {
                // One sign-in may serve several clusters (the fleet): every sign-in that
                // held this refresh token gets the new tokens, so a rotating refresh
                // token is spent once per provider, not once per cluster.
                let sharing: Vec<(String, ClusterSignIn)> = current
                    .iter()
                    .flat_map(|s| s.sign_ins.iter())
                    .filter(|(_, other)| same_refresh_token(other, &refresh_token))
                    .map(|(name, other)| (name.clone(), other.clone()))
                    .collect();
                for (name, previous) in sharing {
                    renew(state, id, &name, previous, &tokens).await;
                }
            }
            Err(error) => {
                tracing::info!(%error, cluster, "OIDC refresh failed; that sign-in ends");
                end(state, id, cluster, &sign_in, &error.to_string()).await;
            }
        }
    }
    if let Err(error) = state.sessions.unlock(lock).await {
        tracing::debug!(%error, "refresh unlock failed (the lock expires by itself)");
    }
}

fn same_refresh_token(sign_in: &ClusterSignIn, token: &SecretString) -> bool {
    sign_in
        .refresh_token
        .as_ref()
        .is_some_and(|held| held.expose_secret() == token.expose_secret())
}

/// Stores `tokens` in the sign-in to `cluster`. An impersonated sign-in takes its user
/// and groups from the new ID token's claims (groups change at the provider); claims that
/// no longer map end it.
async fn renew(
    state: &AppState,
    id: &SessionId,
    cluster: &str,
    mut sign_in: ClusterSignIn,
    tokens: &lanthorn_oidc::Tokens,
) {
    if sign_in.impersonated && !tokens.claims.is_empty() {
        let issuer = state.issuer_for(cluster).unwrap_or_default();
        match state.impersonation.mapping().map(&tokens.claims, issuer) {
            Ok(user) => {
                sign_in.username = user.username;
                sign_in.groups = user.groups;
                sign_in.uid = user.uid;
            }
            Err(reason) => return end(state, id, cluster, &sign_in, &reason).await,
        }
    }
    sign_in.token = tokens.bearer.clone();
    sign_in.refresh_token = tokens.refresh_token.clone();
    sign_in.token_expires_at = tokens.expires_at;
    if let Err(error) = state.sessions.update_sign_in(id, cluster, sign_in).await {
        tracing::warn!(%error, cluster, "storing the refreshed token failed");
    }
}

/// Ends the sign-in to `cluster`, audited with why.
async fn end(state: &AppState, id: &SessionId, cluster: &str, sign_in: &ClusterSignIn, why: &str) {
    state.audit.record(&crate::audit::AuditEvent {
        event: "sign-in-expired",
        user: Some(&sign_in.username),
        groups: &sign_in.groups,
        cluster: Some(cluster),
        reason: Some(why),
        ..Default::default()
    });
    let _ = state.sessions.sign_out(id, cluster).await;
}

/// Another request holds the refresh: wait until the token changes or time runs out.
async fn wait_for_other(state: &AppState, id: &SessionId, cluster: &str) {
    let deadline = tokio::time::Instant::now() + WAIT_FOR_OTHER;
    while tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
        match state.sessions.get(id).await {
            Ok(Some(s))
                if s.sign_in(cluster)
                    .is_some_and(|s| !due(s, state.refresh_margin, state.sessions.now())) =>
            {
                return;
            }
            Ok(Some(s)) if s.sign_in(cluster).is_none() => return,
            Ok(None) | Err(_) => return,
            Ok(Some(_)) => {}
        }
    }
}
