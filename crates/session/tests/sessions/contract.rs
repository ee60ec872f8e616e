//! The behaviour every store must give `Sessions`, run over each store.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use anyhow::{Context as _, ensure};
use lanthorn_session::{
    Clock, ClusterSignIn, MemoryStore, RedisStore, Session, SessionError, SessionId, SessionKey,
    SessionPolicy, SessionStore, Sessions, SignInMethod,
};
use secrecy::{ExposeSecret as _, SecretString};

use devstack::RedisServer;

const T0: u64 = 1_700_000_000;
const HOUR: u64 = 3600;

/// Two handles on one backing store, as two replicas would have.
pub struct Backend {
    stores: [Arc<dyn SessionStore>; 2],
    _server: Option<RedisServer>,
}

impl Backend {
    pub fn memory() -> Self {
        let store: Arc<dyn SessionStore> = Arc::new(MemoryStore::new());
        Self {
            stores: [store.clone(), store],
            _server: None,
        }
    }

    /// Two separate connections to a fresh server.
    pub async fn redis() -> anyhow::Result<Self> {
        let server = RedisServer::start(None)?;
        let url = SecretString::from(server.url(None));
        let first = RedisStore::connect(&url).await?;
        let second = RedisStore::connect(&url).await?;
        Ok(Self {
            stores: [Arc::new(first), Arc::new(second)],
            _server: Some(server),
        })
    }

    fn store(&self) -> &Arc<dyn SessionStore> {
        &self.stores[0]
    }

    fn sessions(&self, replica: usize, clock: &Arc<TestClock>, policy: SessionPolicy) -> Sessions {
        Sessions::new(self.stores[replica].clone(), key(), policy, clock.clone())
    }
}

#[derive(Debug)]
pub struct TestClock(AtomicU64);

impl TestClock {
    fn at(now: u64) -> Arc<Self> {
        Arc::new(Self(AtomicU64::new(now)))
    }

    fn advance(&self, seconds: u64) {
        self.0.fetch_add(seconds, Ordering::SeqCst);
    }
}

impl Clock for TestClock {
    fn now(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }
}

fn key() -> SessionKey {
    SessionKey::from_bytes([7; 32])
}

fn policy(ttl: u64, idle: u64) -> SessionPolicy {
    SessionPolicy {
        ttl: Duration::from_secs(ttl),
        idle_timeout: Duration::from_secs(idle),
    }
}

/// 8 h absolute, 30 min idle.
fn default_policy() -> SessionPolicy {
    policy(8 * HOUR, HOUR / 2)
}

/// A sign-in no refresh token can renew (a pasted ServiceAccount token).
fn token_sign_in(token: &str, expires_at: Option<u64>) -> ClusterSignIn {
    ClusterSignIn {
        method: SignInMethod::Token,
        refresh_token: None,
        ..sign_in(token, expires_at)
    }
}

fn sign_in(token: &str, expires_at: Option<u64>) -> ClusterSignIn {
    ClusterSignIn {
        method: SignInMethod::Oidc,
        token: SecretString::from(token.to_owned()),
        refresh_token: Some(SecretString::from(format!("refresh-{token}"))),
        token_expires_at: expires_at,
        username: "alice@example.com".to_owned(),
        groups: vec!["devs".to_owned(), "ops".to_owned()],
        uid: Some("uid-alice".to_owned()),
        impersonated: false,
    }
}

fn token<'a>(session: &'a Session, cluster: &str) -> Option<&'a str> {
    session
        .sign_in(cluster)
        .map(|sign_in| sign_in.token.expose_secret())
}

fn clusters(session: &Session) -> Vec<&str> {
    session.sign_ins.keys().map(String::as_str).collect()
}

async fn live(sessions: &Sessions, id: &SessionId) -> anyhow::Result<Session> {
    sessions.get(id).await?.context("expected a live session")
}

async fn raw(backend: &Backend, id: &SessionId) -> anyhow::Result<Vec<u8>> {
    backend
        .store()
        .get(&id.store_key())
        .await?
        .context("expected a stored blob")
}

pub async fn sign_in_then_get_round_trips(backend: &Backend) -> anyhow::Result<()> {
    let clock = TestClock::at(T0);
    let sessions = backend.sessions(0, &clock, default_policy());
    let issued = sessions
        .sign_in(None, "prod", sign_in("tok-1", Some(T0 + HOUR)))
        .await?;
    ensure!(issued.created_at == T0 && issued.last_seen == T0);

    let got = live(&sessions, &issued.id).await?;
    ensure!(got.id == issued.id);
    ensure!(clusters(&got) == ["prod"]);
    let prod = got.sign_in("prod").context("prod")?;
    ensure!(prod.method == SignInMethod::Oidc);
    ensure!(prod.token.expose_secret() == "tok-1");
    ensure!(prod.refresh_token.as_ref().map(|t| t.expose_secret()) == Some("refresh-tok-1"));
    ensure!(prod.token_expires_at == Some(T0 + HOUR));
    ensure!(prod.username == "alice@example.com" && prod.groups == ["devs", "ops"]);
    ensure!(prod.uid.as_deref() == Some("uid-alice"));
    ensure!(sessions.expires_at(&got) == T0 + 8 * HOUR);
    ensure!(sessions.active().await? == 1);

    // The store holds neither the id nor the token in clear.
    let blob = raw(backend, &issued.id).await?;
    let id_text = issued.id.expose_secret();
    for needle in [id_text.as_bytes(), b"tok-1", b"alice"] {
        ensure!(!blob.windows(needle.len()).any(|w| w == needle));
    }
    let unknown = SessionId::generate()?;
    ensure!(sessions.get(&unknown).await?.is_none());
    Ok(())
}

pub async fn every_sign_in_issues_a_new_id(backend: &Backend) -> anyhow::Result<()> {
    let clock = TestClock::at(T0);
    let sessions = backend.sessions(0, &clock, default_policy());
    let first = sessions.sign_in(None, "prod", sign_in("old", None)).await?;
    clock.advance(60);
    let second = sessions
        .sign_in(Some(&first.id), "prod", sign_in("new", None))
        .await?;
    ensure!(second.id != first.id);
    ensure!(
        sessions.get(&first.id).await?.is_none(),
        "old id still works"
    );
    ensure!(backend.store().get(&first.id.store_key()).await?.is_none());
    ensure!(token(&live(&sessions, &second.id).await?, "prod") == Some("new"));
    ensure!(sessions.active().await? == 1);

    // A stale or unknown previous id gives a fresh session, not an error.
    let unknown = SessionId::generate()?;
    let third = sessions
        .sign_in(Some(&unknown), "dev", sign_in("dev", None))
        .await?;
    ensure!(clusters(&third) == ["dev"] && third.created_at == T0 + 60);
    Ok(())
}

pub async fn second_cluster_keeps_the_first(backend: &Backend) -> anyhow::Result<()> {
    let clock = TestClock::at(T0);
    let sessions = backend.sessions(0, &clock, default_policy());
    let first = sessions.sign_in(None, "prod", sign_in("p", None)).await?;
    clock.advance(100);
    let both = sessions
        .sign_in(Some(&first.id), "dev", sign_in("d", None))
        .await?;
    ensure!(clusters(&both) == ["dev", "prod"]);
    ensure!(both.created_at == T0, "absolute TTL must not restart");
    ensure!(both.last_seen == T0 + 100);
    let got = live(&sessions, &both.id).await?;
    ensure!(token(&got, "prod") == Some("p") && token(&got, "dev") == Some("d"));
    Ok(())
}

pub async fn absolute_ttl_ends_even_an_active_session(backend: &Backend) -> anyhow::Result<()> {
    let clock = TestClock::at(T0);
    let sessions = backend.sessions(0, &clock, policy(HOUR, HOUR));
    let mut session = sessions.sign_in(None, "prod", sign_in("p", None)).await?;
    for _ in 0..3 {
        clock.advance(1000);
        live(&sessions, &session.id).await?;
    }
    // Signing into another cluster does not extend the absolute TTL.
    session = sessions
        .sign_in(Some(&session.id), "dev", sign_in("d", None))
        .await?;
    clock.advance(599);
    live(&sessions, &session.id).await?;
    clock.advance(1);
    ensure!(sessions.get(&session.id).await?.is_none());
    ensure!(
        sessions.active().await? == 0,
        "expired session left in the store"
    );
    Ok(())
}

pub async fn idle_timeout_ends_an_unused_session(backend: &Backend) -> anyhow::Result<()> {
    let clock = TestClock::at(T0);
    let sessions = backend.sessions(0, &clock, default_policy());
    let a = sessions.sign_in(None, "prod", sign_in("a", None)).await?;
    let b = sessions.sign_in(None, "prod", sign_in("b", None)).await?;
    clock.advance(HOUR / 2 - 1);
    live(&sessions, &a.id).await?;
    clock.advance(1);
    ensure!(
        sessions.get(&b.id).await?.is_none(),
        "idle session still served"
    );
    ensure!(sessions.active().await? == 1);
    Ok(())
}

pub async fn use_keeps_a_session_alive_past_the_idle_timeout(
    backend: &Backend,
) -> anyhow::Result<()> {
    let clock = TestClock::at(T0);
    let sessions = backend.sessions(0, &clock, default_policy());
    let session = sessions.sign_in(None, "prod", sign_in("p", None)).await?;
    let written = raw(backend, &session.id).await?;

    // Within 30 s of the last write a read writes nothing.
    clock.advance(29);
    ensure!(live(&sessions, &session.id).await?.last_seen == T0);
    ensure!(
        raw(backend, &session.id).await? == written,
        "touched too early"
    );

    clock.advance(1);
    ensure!(live(&sessions, &session.id).await?.last_seen == T0 + 30);
    ensure!(
        raw(backend, &session.id).await? != written,
        "touch not stored"
    );

    // Used every 20 min for 2 h, with a 30 min idle timeout.
    for _ in 0..6 {
        clock.advance(20 * 60);
        live(&sessions, &session.id).await?;
    }
    clock.advance(HOUR / 2);
    ensure!(sessions.get(&session.id).await?.is_none());
    Ok(())
}

pub async fn token_expiry_drops_only_that_cluster(backend: &Backend) -> anyhow::Result<()> {
    let clock = TestClock::at(T0);
    let sessions = backend.sessions(0, &clock, default_policy());
    let first = sessions
        .sign_in(None, "prod", token_sign_in("p", Some(T0 + 600)))
        .await?;
    let session = sessions
        .sign_in(Some(&first.id), "dev", token_sign_in("d", None))
        .await?;
    clock.advance(599);
    ensure!(clusters(&live(&sessions, &session.id).await?) == ["dev", "prod"]);
    clock.advance(1);
    ensure!(clusters(&live(&sessions, &session.id).await?) == ["dev"]);

    // The removal was stored: a replica whose clock lags still does not see it.
    let lagging = backend.sessions(1, &TestClock::at(T0 + 599), default_policy());
    ensure!(clusters(&live(&lagging, &session.id).await?) == ["dev"]);

    // An already-expired token is refused outright.
    match sessions
        .sign_in(
            Some(&session.id),
            "prod",
            token_sign_in("late", Some(T0 + 600)),
        )
        .await
    {
        Err(SessionError::TokenExpired { cluster }) => ensure!(cluster == "prod"),
        other => anyhow::bail!("expected TokenExpired, got {other:?}"),
    }

    // A session whose only token expired is over.
    let only = sessions
        .sign_in(None, "prod", token_sign_in("p", Some(T0 + 700)))
        .await?;
    clock.advance(100);
    ensure!(sessions.get(&only.id).await?.is_none());
    Ok(())
}

pub async fn an_expired_sign_in_with_a_refresh_token_stays_for_refresh(
    backend: &Backend,
) -> anyhow::Result<()> {
    let clock = TestClock::at(T0);
    let sessions = backend.sessions(0, &clock, default_policy());
    let session = sessions
        .sign_in(None, "prod", sign_in("p", Some(T0 + 600)))
        .await?;
    clock.advance(700);
    let live = live(&sessions, &session.id).await?;
    let kept = live
        .sign_in("prod")
        .context("the refreshable sign-in was dropped")?;
    ensure!(kept.is_expired(T0 + 700) && kept.can_refresh());
    // A refresh puts a fresh token in place under the same id.
    let renewed = sessions
        .update_sign_in(&session.id, "prod", sign_in("p2", Some(T0 + 1300)))
        .await?
        .context("session gone")?;
    ensure!(renewed.id == session.id);
    ensure!(
        !renewed
            .sign_in("prod")
            .context("prod")?
            .is_expired(T0 + 700)
    );
    Ok(())
}

pub async fn signing_out_of_the_last_cluster_deletes(backend: &Backend) -> anyhow::Result<()> {
    let clock = TestClock::at(T0);
    let sessions = backend.sessions(0, &clock, default_policy());
    let first = sessions.sign_in(None, "prod", sign_in("p", None)).await?;
    let session = sessions
        .sign_in(Some(&first.id), "dev", sign_in("d", None))
        .await?;
    let unchanged = sessions.sign_out(&session.id, "staging").await?;
    ensure!(unchanged.as_ref().map(clusters) == Some(vec!["dev", "prod"]));
    let left = sessions.sign_out(&session.id, "prod").await?;
    ensure!(left.as_ref().map(clusters) == Some(vec!["dev"]));
    ensure!(clusters(&live(&sessions, &session.id).await?) == ["dev"]);
    ensure!(sessions.sign_out(&session.id, "dev").await?.is_none());
    ensure!(sessions.get(&session.id).await?.is_none());
    ensure!(
        backend
            .store()
            .get(&session.id.store_key())
            .await?
            .is_none()
    );
    ensure!(sessions.active().await? == 0);
    Ok(())
}

pub async fn destroy_removes_the_session(backend: &Backend) -> anyhow::Result<()> {
    let clock = TestClock::at(T0);
    let sessions = backend.sessions(0, &clock, default_policy());
    let keep = sessions.sign_in(None, "prod", sign_in("k", None)).await?;
    let gone = sessions.sign_in(None, "prod", sign_in("g", None)).await?;
    ensure!(sessions.active().await? == 2);
    sessions.destroy(&gone.id).await?;
    ensure!(sessions.get(&gone.id).await?.is_none());
    live(&sessions, &keep.id).await?;
    ensure!(sessions.active().await? == 1);
    // Destroying twice, or an unknown id, is fine.
    sessions.destroy(&gone.id).await?;
    Ok(())
}

pub async fn tampered_or_foreign_blobs_are_no_session(backend: &Backend) -> anyhow::Result<()> {
    let clock = TestClock::at(T0);
    let sessions = backend.sessions(0, &clock, default_policy());
    let session = sessions.sign_in(None, "prod", sign_in("p", None)).await?;
    let key = session.id.store_key();
    let original = raw(backend, &session.id).await?;
    let ttl = Duration::from_secs(HOUR);

    // Another key (a restart with a generated key, a rotated secret).
    let other_key = Sessions::new(
        backend.store().clone(),
        SessionKey::generate()?,
        default_policy(),
        clock.clone(),
    );
    ensure!(other_key.get(&session.id).await?.is_none());

    let mut flipped = original.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x80;
    let mut version = original.clone();
    version[0] = 2;
    for blob in [
        flipped,
        version,
        original[..20].to_vec(),
        b"garbage".to_vec(),
        Vec::new(),
    ] {
        backend.store().put(&key, blob, ttl).await?;
        ensure!(sessions.get(&session.id).await?.is_none());
    }
    // The original still opens: nothing above damaged the key or the format.
    backend.store().put(&key, original, ttl).await?;
    live(&sessions, &session.id).await?;
    Ok(())
}

pub async fn a_blob_copied_to_another_key_does_not_open(backend: &Backend) -> anyhow::Result<()> {
    let clock = TestClock::at(T0);
    let sessions = backend.sessions(0, &clock, default_policy());
    let alice = sessions
        .sign_in(None, "prod", sign_in("alice", None))
        .await?;
    let mallory = sessions
        .sign_in(None, "prod", sign_in("mallory", None))
        .await?;
    let blob = raw(backend, &alice.id).await?;
    backend
        .store()
        .put(&mallory.id.store_key(), blob, Duration::from_secs(HOUR))
        .await?;
    ensure!(sessions.get(&mallory.id).await?.is_none());
    ensure!(token(&live(&sessions, &alice.id).await?, "prod") == Some("alice"));
    Ok(())
}

pub async fn replicas_share_sessions(backend: &Backend) -> anyhow::Result<()> {
    let clock = TestClock::at(T0);
    let one = backend.sessions(0, &clock, default_policy());
    let two = backend.sessions(1, &clock, default_policy());
    let first = one.sign_in(None, "prod", sign_in("p", None)).await?;
    ensure!(token(&live(&two, &first.id).await?, "prod") == Some("p"));

    let both = two
        .sign_in(Some(&first.id), "dev", sign_in("d", None))
        .await?;
    ensure!(one.get(&first.id).await?.is_none());
    ensure!(clusters(&live(&one, &both.id).await?) == ["dev", "prod"]);

    one.sign_out(&both.id, "prod").await?;
    ensure!(clusters(&live(&two, &both.id).await?) == ["dev"]);
    two.destroy(&both.id).await?;
    ensure!(one.get(&both.id).await?.is_none());
    Ok(())
}

pub async fn update_sign_in_keeps_the_id(backend: &Backend) -> anyhow::Result<()> {
    let clock = TestClock::at(T0);
    let sessions = backend.sessions(0, &clock, default_policy());
    let session = sessions
        .sign_in(None, "prod", sign_in("v1", Some(T0 + 300)))
        .await?;
    clock.advance(200);
    let updated = sessions
        .update_sign_in(&session.id, "prod", sign_in("v2", Some(T0 + 900)))
        .await?
        .context("update")?;
    ensure!(updated.id == session.id && updated.created_at == T0);
    clock.advance(400);
    let got = live(&sessions, &session.id).await?;
    ensure!(token(&got, "prod") == Some("v2"));

    // No resurrection of a cluster the user is not (or no longer) signed into.
    ensure!(
        sessions
            .update_sign_in(&session.id, "dev", sign_in("x", None))
            .await?
            .is_none()
    );
    ensure!(clusters(&live(&sessions, &session.id).await?) == ["prod"]);
    sessions.destroy(&session.id).await?;
    ensure!(
        sessions
            .update_sign_in(&session.id, "prod", sign_in("v3", None))
            .await?
            .is_none()
    );
    ensure!(sessions.get(&session.id).await?.is_none());
    Ok(())
}

/// Four replicas refreshing four clusters of one session at once: every
/// update must survive (each writer can lose the compare-and-swap at most
/// three times, once to each other writer).
pub async fn concurrent_updates_are_not_lost(backend: &Backend) -> anyhow::Result<()> {
    let clock = TestClock::at(T0);
    let sessions: Vec<Sessions> = (0..4)
        .map(|i| backend.sessions(i % 2, &clock, default_policy()))
        .collect();
    let mut session = sessions[0]
        .sign_in(None, "c0", sign_in("old", None))
        .await?;
    for cluster in ["c1", "c2", "c3"] {
        session = sessions[0]
            .sign_in(Some(&session.id), cluster, sign_in("old", None))
            .await?;
    }
    let id = &session.id;
    let (a, b, c, d) = tokio::join!(
        sessions[0].update_sign_in(id, "c0", sign_in("new", None)),
        sessions[1].update_sign_in(id, "c1", sign_in("new", None)),
        sessions[2].update_sign_in(id, "c2", sign_in("new", None)),
        sessions[3].update_sign_in(id, "c3", sign_in("new", None)),
    );
    for result in [a, b, c, d] {
        result?.context("update found no session")?;
    }
    let got = live(&sessions[0], id).await?;
    for cluster in ["c0", "c1", "c2", "c3"] {
        ensure!(
            token(&got, cluster) == Some("new"),
            "{cluster} lost its update"
        );
    }
    Ok(())
}

pub async fn replace_is_compare_and_swap(backend: &Backend) -> anyhow::Result<()> {
    let store = backend.store();
    let key = SessionId::generate()?.store_key();
    let ttl = Duration::from_secs(60);
    ensure!(!store.replace(&key, b"one", b"two".to_vec(), ttl).await?);
    ensure!(
        store.get(&key).await?.is_none(),
        "replace created a missing key"
    );
    store.put(&key, b"one".to_vec(), ttl).await?;
    ensure!(!store.replace(&key, b"other", b"two".to_vec(), ttl).await?);
    ensure!(store.get(&key).await?.as_deref() == Some(&b"one"[..]));
    ensure!(store.replace(&key, b"one", b"two".to_vec(), ttl).await?);
    ensure!(backend.stores[1].get(&key).await?.as_deref() == Some(&b"two"[..]));
    ensure!(store.count().await? == 1);
    store.delete(&key).await?;
    ensure!(store.count().await? == 0);
    Ok(())
}

/// Real time, not the test clock: the store itself must forget.
pub async fn the_store_expires_sessions_itself(backend: &Backend) -> anyhow::Result<()> {
    let clock = TestClock::at(T0);
    let sessions = backend.sessions(0, &clock, policy(HOUR, 1));
    let session = sessions.sign_in(None, "prod", sign_in("p", None)).await?;
    ensure!(backend.store().count().await? == 1);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    ensure!(
        backend
            .store()
            .get(&session.id.store_key())
            .await?
            .is_none()
    );
    ensure!(backend.store().count().await? == 0);
    ensure!(sessions.active().await? == 0);
    Ok(())
}

pub async fn locks_are_exclusive_and_expire(backend: &Backend) -> anyhow::Result<()> {
    let [one, two] = &backend.stores;
    let long = Duration::from_secs(30);
    let held = one
        .try_lock("refresh:a", long)
        .await?
        .context("first lock")?;
    ensure!(one.try_lock("refresh:a", long).await?.is_none());
    ensure!(two.try_lock("refresh:a", long).await?.is_none());
    let other = two
        .try_lock("refresh:b", long)
        .await?
        .context("other name")?;
    one.unlock(held).await?;
    let again = two
        .try_lock("refresh:a", long)
        .await?
        .context("after unlock")?;
    two.unlock(again).await?;
    two.unlock(other).await?;

    let short = Duration::from_millis(200);
    let stale = one
        .try_lock("refresh:c", short)
        .await?
        .context("short lock")?;
    tokio::time::sleep(Duration::from_millis(400)).await;
    let _current = two
        .try_lock("refresh:c", long)
        .await?
        .context("after expiry")?;
    // The first holder's late unlock must not free the new holder's lock.
    one.unlock(stale).await?;
    ensure!(one.try_lock("refresh:c", long).await?.is_none());

    // The manager's per-session, per-cluster lock.
    let clock = TestClock::at(T0);
    let a = backend.sessions(0, &clock, default_policy());
    let b = backend.sessions(1, &clock, default_policy());
    let session = a.sign_in(None, "prod", sign_in("p", None)).await?;
    let lock = a
        .try_lock_sign_in(&session.id, "prod", long)
        .await?
        .context("sign-in lock")?;
    ensure!(!lock.name().contains(&session.id.expose_secret()));
    ensure!(
        b.try_lock_sign_in(&session.id, "prod", long)
            .await?
            .is_none()
    );
    ensure!(
        b.try_lock_sign_in(&session.id, "dev", long)
            .await?
            .is_some()
    );
    a.unlock(lock).await?;
    ensure!(
        b.try_lock_sign_in(&session.id, "prod", long)
            .await?
            .is_some()
    );
    Ok(())
}

pub async fn malformed_ids_are_rejected(backend: &Backend) -> anyhow::Result<()> {
    let clock = TestClock::at(T0);
    let sessions = backend.sessions(0, &clock, default_policy());
    let session = sessions.sign_in(None, "prod", sign_in("p", None)).await?;
    let text = session.id.expose_secret();
    for bad in [
        String::new(),
        format!("{text}x"),
        text[1..].to_owned(),
        text.replace(|c: char| c.is_ascii_alphabetic(), "*"),
        format!("{text}; other=1"),
        "../../etc/passwd".to_owned(),
    ] {
        ensure!(
            matches!(SessionId::parse(&bad), Err(SessionError::InvalidId)),
            "accepted {bad:?}"
        );
    }
    let parsed = SessionId::parse(&text)?;
    ensure!(token(&live(&sessions, &parsed).await?, "prod") == Some("p"));
    Ok(())
}
