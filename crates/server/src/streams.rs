//! Streams end with the session that opened them. A watch or followed log through the
//! proxy, an exec/attach/port-forward WebSocket and a port-forward listener each hold a
//! [`Lease`]: it ends at sign-out on this replica at once, at the deadline
//! min(session TTL, token expiry), or when a periodic look (which does not count as use)
//! finds the session gone — signed out on another replica, idle, or its refresh failed.
//! Streams that are not a session's (bearer header, kubeconfig) have no lease end.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use lanthorn_session::{Session, SessionId};
use tokio::sync::watch;

use crate::AppState;

/// How often a stream checks that its session is still alive.
const CHECK_EVERY: Duration = Duration::from_secs(5);

/// Sign-outs on this replica, announced to the streams of that session.
#[derive(Debug, Default)]
pub struct SessionStreams {
    by_session: Mutex<HashMap<String, watch::Sender<bool>>>,
}

impl SessionStreams {
    fn subscribe(&self, key: &str) -> watch::Receiver<bool> {
        let mut map = self
            .by_session
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        map.retain(|_, sender| sender.receiver_count() > 0);
        map.entry(key.to_owned())
            .or_insert_with(|| watch::channel(false).0)
            .subscribe()
    }

    /// Ends every stream `id` opened on this replica.
    pub fn end(&self, id: &SessionId) {
        let key = id.store_key();
        let sender = self
            .by_session
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .remove(key.as_str());
        if let Some(sender) = sender {
            let _ = sender.send(true);
        }
    }
}

/// What ends one stream.
#[derive(Debug)]
pub struct Lease {
    session: Option<(SessionId, watch::Receiver<bool>)>,
    cluster: String,
    /// Unix seconds.
    deadline: Option<u64>,
}

impl Lease {
    /// The lease of a stream to `cluster` opened by `session` (if any).
    pub fn new(state: &AppState, session: Option<&Session>, cluster: &str) -> Self {
        let Some(session) = session else {
            return Self {
                session: None,
                cluster: cluster.to_owned(),
                deadline: None,
            };
        };
        let ends = state.sessions.expires_at(session);
        let token = session.sign_in(cluster).and_then(|s| s.token_expires_at);
        let key = session.id.store_key();
        Self {
            session: Some((session.id.clone(), state.streams.subscribe(key.as_str()))),
            cluster: cluster.to_owned(),
            deadline: Some(token.map_or(ends, |t| t.min(ends))),
        }
    }

    /// Resolves when the stream must end; never, for a stream without a session.
    pub async fn ended(self, state: AppState) {
        let Some((id, mut signed_out)) = self.session else {
            return std::future::pending().await;
        };
        let deadline = self.deadline.unwrap_or(u64::MAX);
        loop {
            let now = state.sessions.now();
            if now >= deadline {
                return;
            }
            let wait = CHECK_EVERY.min(Duration::from_secs(deadline - now));
            tokio::select! {
                changed = signed_out.changed() => {
                    if changed.is_err() || *signed_out.borrow() {
                        return;
                    }
                }
                () = tokio::time::sleep(wait) => {
                    // A store that does not answer is not a sign-out: keep going.
                    match state.sessions.peek(&id).await {
                        Ok(Some(session)) if session.sign_in(&self.cluster).is_some() => {}
                        Ok(_) => return,
                        Err(_) => {}
                    }
                }
            }
        }
    }
}
