//! Who is calling: the session behind the cookie (if any, and still valid) and a bearer
//! token sent by an API client. Routes turn this into a [`Credential`] per cluster.

use http::HeaderMap;
use http::header::AUTHORIZATION;
use lanthorn_cluster::{ClusterClient, Credential};
use lanthorn_session::{ClusterSignIn, Session, SessionId};
use secrecy::SecretString;

use crate::AppState;
use crate::cookie;
use crate::error::ApiError;

pub mod on_cluster;

/// [`Caller::key`] of a caller with neither a session nor a bearer token.
pub const AMBIENT: &str = "ambient";

/// The caller of one request.
#[derive(Debug)]
pub struct Caller {
    /// The live session, if the cookie names one.
    pub session: Option<Session>,
    /// A cookie was sent but names no live session (forged, expired, signed out).
    pub stale_cookie: bool,
    /// The browser reached us over HTTPS.
    pub secure: bool,
    /// `Authorization: Bearer …` from an API client.
    bearer: Option<SecretString>,
    /// The request comes from Lanthorn's own pages, a typed URL, or a client that is not
    /// a browser: only then may it act with a credential it did not bring itself (the
    /// kubeconfig's, or the pod's ServiceAccount when explicitly allowed).
    may_use_ambient: bool,
}

impl Caller {
    /// Reads the cookie and the `Authorization` header. A session store failure is a 503;
    /// a cookie that opens no session is simply no session.
    pub async fn identify(state: &AppState, headers: &HeaderMap) -> Result<Self, ApiError> {
        Self::read(state, headers, true).await
    }

    /// Like [`Caller::identify`], without counting as use of the session (and without
    /// refreshing its tokens): for a stream's periodic look at whether its session is
    /// still there, which must not keep an idle session alive.
    pub async fn peek(state: &AppState, headers: &HeaderMap) -> Result<Self, ApiError> {
        Self::read(state, headers, false).await
    }

    async fn read(
        state: &AppState,
        headers: &HeaderMap,
        counts_as_use: bool,
    ) -> Result<Self, ApiError> {
        let secure = cookie::is_secure(headers, state.served_over_tls);
        if crate::proxy::origin::on_proxy_origin(state, headers) {
            // The proxy origin knows only its own cookie: no bearer, no ambient credential.
            return Ok(Self {
                session: crate::proxy::origin::session(state, headers, secure).await?,
                stale_cookie: false,
                secure,
                bearer: None,
                may_use_ambient: false,
            });
        }
        let mut session = None;
        let mut stale_cookie = false;
        if let Some(value) = cookie::read(headers, secure) {
            match SessionId::parse(&value) {
                Ok(id) if counts_as_use => {
                    session = state
                        .sessions
                        .get(&id)
                        .await
                        .map_err(|e| ApiError::store_unavailable(&e))?;
                    if let Some(found) = session.take() {
                        session = crate::refresh::refresh_due(state, found).await;
                    }
                    stale_cookie = session.is_none();
                    if stale_cookie {
                        ended_sessions::report(state, &id);
                    }
                }
                Ok(id) => {
                    session = state
                        .sessions
                        .peek(&id)
                        .await
                        .map_err(|e| ApiError::store_unavailable(&e))?;
                    stale_cookie = session.is_none();
                }
                Err(_) => stale_cookie = true,
            }
        }
        let bearer = headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(|t| SecretString::from(t.to_owned()));
        Ok(Self {
            session,
            stale_cookie,
            secure,
            bearer,
            may_use_ambient: crate::security::csrf::same_origin(headers, state.served_over_tls),
        })
    }

    /// The session's sign-in to `cluster`.
    pub fn sign_in(&self, cluster: &str) -> Option<&ClusterSignIn> {
        self.session.as_ref().and_then(|s| s.sign_in(cluster))
    }

    /// The one credential for a request to `client`'s cluster. Private to this module and
    /// [`on_cluster`], so no route can resolve a credential except through `OnCluster`.
    fn credential(&self, state: &AppState, client: &ClusterClient) -> Credential {
        match self.sign_in(client.spec().name.as_str()) {
            // Signed in, but the token expired and could not be refreshed: nothing is
            // sent rather than the expired token or another identity's fallback.
            Some(sign_in) if sign_in.is_expired(state.sessions.now()) => Credential::none(),
            // Validated by Lanthorn, on a cluster that does not trust the provider:
            // Lanthorn's own credential, as this user and only as this user.
            Some(sign_in) if sign_in.impersonated => {
                match state.issuer_for(client.spec().name.as_str()) {
                    Some(issuer) if state.impersonation.covers(client.spec().name.as_str()) => {
                        crate::impersonation::credential(client, sign_in, issuer)
                    }
                    // Impersonation was turned off since: the sign-in carries nothing.
                    _ => Credential::none(),
                }
            }
            Some(sign_in) => Credential::resolve(
                Some(sign_in.token.clone()),
                self.bearer.clone(),
                client.spec(),
                state.clusters.mode(),
            ),
            None => {
                let credential = Credential::resolve(
                    None,
                    self.bearer.clone(),
                    client.spec(),
                    state.clusters.mode(),
                );
                // A cross-site page (an <img>, a form, a link) never acts with the
                // kubeconfig's credential: it reaches the cluster with none. Nor does
                // anyone on an impersonation-mode cluster, where that credential may
                // impersonate: only a sign-in or the caller's own token acts there.
                let ambient_allowed = self.may_use_ambient
                    && !state.impersonation.covers(client.spec().name.as_str());
                if credential.is_users_own() || ambient_allowed {
                    credential
                } else {
                    Credential::none()
                }
            }
        }
    }

    /// Who this caller is, for per-caller limits: the session (by its store key, never
    /// the id), a digest of the bearer token, or everybody else together.
    pub fn key(&self) -> String {
        use secrecy::ExposeSecret as _;
        use sha2::Digest as _;
        if let Some(session) = &self.session {
            return format!("session:{}", session.id.store_key().digest());
        }
        if let Some(bearer) = &self.bearer {
            let digest = sha2::Sha256::digest(bearer.expose_secret().as_bytes());
            let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
            return format!("bearer:{hex}");
        }
        AMBIENT.to_owned()
    }

    /// The bearer token the client sent, if any.
    pub fn bearer(&self) -> Option<&SecretString> {
        self.bearer.as_ref()
    }
}

/// A browser still presenting a session that has ended (TTL, idle timeout, a failed
/// refresh, sign-out elsewhere) is recorded once per session id and process.
mod ended_sessions {
    use std::collections::HashSet;
    use std::sync::{Mutex, PoisonError};

    use lanthorn_session::SessionId;

    use crate::AppState;
    use crate::audit::AuditEvent;

    /// Ended sessions remembered at once; past that the set starts over.
    const REMEMBERED: usize = 10_000;

    #[derive(Debug, Default)]
    pub struct Reported(Mutex<HashSet<String>>);

    pub fn report(state: &AppState, id: &SessionId) {
        let key = id.store_key().digest().to_owned();
        {
            let mut seen = state
                .ended_sessions
                .0
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            if seen.len() >= REMEMBERED {
                seen.clear();
            }
            if !seen.insert(key.clone()) {
                return;
            }
        }
        let short: String = key.chars().take(12).collect();
        state.audit.record(&AuditEvent {
            event: "session-ended",
            reason: Some(
                "the browser presented a session that has ended (expired, idle or signed out)",
            ),
            session: Some(&short),
            ..AuditEvent::default()
        });
    }
}

pub use ended_sessions::Reported as EndedSessions;
