//! `Sessions`: the rules (ids, expiry, rotation) on top of a store.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use tracing::debug;

use crate::clock::Clock;
use crate::id::StoreKey;
use crate::key::SessionKey;
use crate::record;
use crate::session::{ClusterSignIn, Session};
use crate::store::{Lock, SessionStore};
use crate::{SessionError, SessionId};

/// `last_seen` is written back at most this often (and at most every half
/// idle timeout, for very short ones), so that reads rarely cost a write.
const MAX_TOUCH_INTERVAL: u64 = 30;
/// Compare-and-swap attempts before [`SessionError::Conflict`].
const ATTEMPTS: u32 = 4;

/// How long sessions live.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionPolicy {
    /// Absolute lifetime from the first sign-in (`--session-ttl`).
    pub ttl: Duration,
    /// A session unused this long ends (`--session-idle-timeout`).
    pub idle_timeout: Duration,
}

/// The session manager. Cheap to share behind an `Arc`; replicas sharing a
/// store and a key see the same sessions.
#[derive(Debug)]
pub struct Sessions {
    store: Arc<dyn SessionStore>,
    key: SessionKey,
    clock: Arc<dyn Clock>,
    /// Seconds, at least 1.
    ttl: u64,
    /// Seconds, between 1 and `ttl`.
    idle: u64,
    touch_interval: u64,
}

/// What an edit of a loaded session wants done with it.
enum Edit {
    /// Nothing changed (the session may still be written if expired
    /// sign-ins were dropped while loading it).
    Keep,
    Write,
    Delete,
    /// Leave the stored session alone and report no session.
    Abandon,
}

struct Loaded {
    blob: Vec<u8>,
    session: Session,
}

impl Sessions {
    /// Durations are used in whole seconds; a TTL under a second counts as
    /// one, and the idle timeout is capped at the TTL.
    pub fn new(
        store: Arc<dyn SessionStore>,
        key: SessionKey,
        policy: SessionPolicy,
        clock: Arc<dyn Clock>,
    ) -> Self {
        let ttl = policy.ttl.as_secs().max(1);
        let idle = policy.idle_timeout.as_secs().clamp(1, ttl);
        Self {
            store,
            key,
            clock,
            ttl,
            idle,
            touch_interval: (idle / 2).min(MAX_TOUCH_INTERVAL),
        }
    }

    /// Signs into `cluster` and returns a session under a NEW id; the caller
    /// sets the cookie to it. Issuing a new id on every sign-in defeats
    /// session fixation: an id planted in the browser before the sign-in is
    /// worthless after it.
    ///
    /// When `previous` is a live session, its other clusters' sign-ins move
    /// to the new id and `previous` is deleted. `created_at` is carried over
    /// too: signing into one more cluster must not extend the absolute
    /// lifetime, or a session could be kept alive forever by re-signing in.
    pub async fn sign_in(
        &self,
        previous: Option<&SessionId>,
        cluster: &str,
        sign_in: ClusterSignIn,
    ) -> Result<Session, SessionError> {
        let now = self.clock.now();
        if sign_in.is_expired(now) {
            return Err(SessionError::TokenExpired {
                cluster: cluster.to_owned(),
            });
        }
        let mut created_at = now;
        let mut sign_ins = BTreeMap::new();
        if let Some(previous) = previous {
            if let Some(Loaded { mut session, .. }) = self.load(previous).await? {
                if self.expire(&mut session, now).is_some() {
                    created_at = session.created_at;
                    sign_ins = session.sign_ins;
                }
            }
        }
        sign_ins.insert(cluster.to_owned(), sign_in);
        let session = Session {
            id: SessionId::generate()?,
            created_at,
            last_seen: now,
            sign_ins,
        };
        let key = session.id.store_key();
        // A live previous session and a fresh sign-in both leave time on the
        // clock; the floor only guards against a clock jumping mid-call.
        let ttl = self
            .store_ttl(&session, now)
            .unwrap_or(Duration::from_secs(1));
        self.store
            .put(&key, self.seal(&key, &session)?, ttl)
            .await?;
        if let Some(previous) = previous {
            self.store.delete(&previous.store_key()).await?;
        }
        debug!(cluster, clusters = session.sign_ins.len(), "session issued");
        Ok(session)
    }

    /// The live session for `id`, or `None` when it is unknown, past its
    /// absolute TTL or idle timeout, unreadable (another key, tampering), or
    /// left without any unexpired sign-in. Sign-ins whose token has reached
    /// its `exp` are removed (and the removal stored), so a token is never
    /// served past its expiry.
    pub async fn get(&self, id: &SessionId) -> Result<Option<Session>, SessionError> {
        self.edit(id, |session, now| {
            if now.saturating_sub(session.last_seen) >= self.touch_interval {
                session.last_seen = now;
                return Ok(Edit::Write);
            }
            Ok(Edit::Keep)
        })
        .await
    }

    /// Like [`Sessions::get`], without counting as use: for a stream that checks its
    /// session is still alive, which must not keep an idle session from ending.
    pub async fn peek(&self, id: &SessionId) -> Result<Option<Session>, SessionError> {
        self.edit(id, |_, _| Ok(Edit::Keep)).await
    }

    /// Signs out of one cluster; returns what is left, deleting the session
    /// when nothing is.
    pub async fn sign_out(
        &self,
        id: &SessionId,
        cluster: &str,
    ) -> Result<Option<Session>, SessionError> {
        self.edit(id, |session, now| {
            if session.sign_ins.remove(cluster).is_none() {
                return Ok(Edit::Keep);
            }
            if session.sign_ins.is_empty() {
                return Ok(Edit::Delete);
            }
            session.last_seen = now;
            Ok(Edit::Write)
        })
        .await
    }

    pub async fn destroy(&self, id: &SessionId) -> Result<(), SessionError> {
        self.store.delete(&id.store_key()).await
    }

    /// Replaces the credential of a cluster the session is signed into (a
    /// token refresh), keeping the id. `None` when the session is gone or no
    /// longer signed into `cluster` — a refresh must not undo a sign-out.
    pub async fn update_sign_in(
        &self,
        id: &SessionId,
        cluster: &str,
        sign_in: ClusterSignIn,
    ) -> Result<Option<Session>, SessionError> {
        if sign_in.is_expired(self.clock.now()) {
            return Err(SessionError::TokenExpired {
                cluster: cluster.to_owned(),
            });
        }
        self.edit(id, |session, now| {
            let Some(slot) = session.sign_ins.get_mut(cluster) else {
                return Ok(Edit::Abandon);
            };
            *slot = sign_in.clone();
            session.last_seen = now;
            Ok(Edit::Write)
        })
        .await
    }

    /// Sessions currently stored (for `/metrics`).
    /// Encrypts a value the browser will hold (e.g. an OIDC transaction cookie) under the
    /// session key, bound to `purpose`; every replica sharing the key can open it.
    pub fn seal_cookie(&self, purpose: &str, plaintext: &[u8]) -> Result<Vec<u8>, SessionError> {
        self.key.seal_for(purpose, plaintext)
    }

    /// Opens a [`Sessions::seal_cookie`] value; `None` for anything forged or tampered.
    pub fn open_cookie(
        &self,
        purpose: &str,
        blob: &[u8],
    ) -> Option<secrecy::zeroize::Zeroizing<Vec<u8>>> {
        self.key.open_for(purpose, blob)
    }

    /// True the first time `name` is claimed within `ttl`, false afterwards, across every
    /// replica sharing the store (one-time use of OIDC `state` values).
    pub async fn claim_once(&self, name: &str, ttl: Duration) -> Result<bool, SessionError> {
        Ok(self
            .store
            .try_lock(&format!("once:{name}"), ttl)
            .await?
            .is_some())
    }

    pub async fn active(&self) -> Result<u64, SessionError> {
        self.store.count().await
    }

    /// Unix seconds at which `session` ends at the latest (its absolute
    /// TTL), e.g. for the cookie's `Max-Age`.
    /// Unix seconds on the clock sessions expire by (so callers compare token expiries
    /// against the same time the store does).
    pub fn now(&self) -> u64 {
        self.clock.now()
    }

    pub fn expires_at(&self, session: &Session) -> u64 {
        session.created_at.saturating_add(self.ttl)
    }

    /// Single-flight lock for refreshing one cluster's token in one session,
    /// shared by all replicas. The lock's name holds the session's store key
    /// hash, never the id.
    pub async fn try_lock_sign_in(
        &self,
        id: &SessionId,
        cluster: &str,
        ttl: Duration,
    ) -> Result<Option<Lock>, SessionError> {
        let name = format!("sign-in:{}:{cluster}", id.store_key().digest());
        self.store.try_lock(&name, ttl).await
    }

    pub async fn unlock(&self, lock: Lock) -> Result<(), SessionError> {
        self.store.unlock(lock).await
    }

    /// Loads the live session, applies `change`, and stores the result with
    /// compare-and-swap, starting over when another writer got in between.
    async fn edit<F>(&self, id: &SessionId, mut change: F) -> Result<Option<Session>, SessionError>
    where
        F: FnMut(&mut Session, u64) -> Result<Edit, SessionError>,
    {
        let key = id.store_key();
        for _ in 0..ATTEMPTS {
            let Some(Loaded { blob, mut session }) = self.load(id).await? else {
                return Ok(None);
            };
            let now = self.clock.now();
            let Some(dropped) = self.expire(&mut session, now) else {
                self.store.delete(&key).await?;
                return Ok(None);
            };
            match change(&mut session, now)? {
                Edit::Keep if !dropped => return Ok(Some(session)),
                Edit::Keep | Edit::Write => {}
                Edit::Delete => {
                    self.store.delete(&key).await?;
                    return Ok(None);
                }
                Edit::Abandon => return Ok(None),
            }
            let Some(ttl) = self.store_ttl(&session, now) else {
                self.store.delete(&key).await?;
                return Ok(None);
            };
            let sealed = self.seal(&key, &session)?;
            if self.store.replace(&key, &blob, sealed, ttl).await? {
                return Ok(Some(session));
            }
            debug!("session changed while being updated; reading it again");
        }
        Err(SessionError::Conflict { attempts: ATTEMPTS })
    }

    async fn load(&self, id: &SessionId) -> Result<Option<Loaded>, SessionError> {
        let key = id.store_key();
        let Some(blob) = self.store.get(&key).await? else {
            return Ok(None);
        };
        // A key change (restart with a generated key, a new secret) or
        // tampering: the user simply has to sign in again.
        let Some(json) = self.key.open(&key, &blob) else {
            debug!("stored session does not decrypt with this key; treating it as absent");
            return Ok(None);
        };
        let Some(session) = record::decode(id, &json) else {
            debug!("stored session does not parse; treating it as absent");
            return Ok(None);
        };
        Ok(Some(Loaded { blob, session }))
    }

    /// `None` when the session is over (absolute TTL, idle timeout, or no
    /// sign-in left); otherwise drops sign-ins whose token expired and that no
    /// refresh token can renew, and tells whether it did.
    fn expire(&self, session: &mut Session, now: u64) -> Option<bool> {
        if now >= session.created_at.saturating_add(self.ttl)
            || now >= session.last_seen.saturating_add(self.idle)
        {
            return None;
        }
        let before = session.sign_ins.len();
        session
            .sign_ins
            .retain(|_, sign_in| !sign_in.is_expired(now) || sign_in.can_refresh());
        if session.sign_ins.is_empty() {
            return None;
        }
        Some(session.sign_ins.len() != before)
    }

    /// Until whichever ends first: the absolute TTL or the idle timeout, so
    /// the store drops stale sessions by itself. `None` when that is now.
    fn store_ttl(&self, session: &Session, now: u64) -> Option<Duration> {
        let end = session
            .created_at
            .saturating_add(self.ttl)
            .min(session.last_seen.saturating_add(self.idle));
        (end > now).then(|| Duration::from_secs(end - now))
    }

    fn seal(&self, key: &StoreKey, session: &Session) -> Result<Vec<u8>, SessionError> {
        self.key.seal(key, &record::encode(session)?)
    }
}
