//! `Sessions` over each store: the same contract against `MemoryStore` and a
//! real `redis-server`, plus Redis-only connection tests.

mod contract;
mod redis_only;

/// One `#[tokio::test]` per contract case and store.
macro_rules! contract_tests {
    ($($case:ident),* $(,)?) => {
        mod memory {
            $(
                #[tokio::test]
                async fn $case() -> anyhow::Result<()> {
                    crate::contract::$case(&crate::contract::Backend::memory()).await
                }
            )*
        }
        mod redis_store {
            $(
                #[tokio::test]
                async fn $case() -> anyhow::Result<()> {
                    crate::contract::$case(&crate::contract::Backend::redis().await?).await
                }
            )*
        }
    };
}

contract_tests!(
    sign_in_then_get_round_trips,
    every_sign_in_issues_a_new_id,
    second_cluster_keeps_the_first,
    absolute_ttl_ends_even_an_active_session,
    idle_timeout_ends_an_unused_session,
    use_keeps_a_session_alive_past_the_idle_timeout,
    token_expiry_drops_only_that_cluster,
    an_expired_sign_in_with_a_refresh_token_stays_for_refresh,
    signing_out_of_the_last_cluster_deletes,
    destroy_removes_the_session,
    tampered_or_foreign_blobs_are_no_session,
    a_blob_copied_to_another_key_does_not_open,
    replicas_share_sessions,
    update_sign_in_keeps_the_id,
    concurrent_updates_are_not_lost,
    replace_is_compare_and_swap,
    the_store_expires_sessions_itself,
    locks_are_exclusive_and_expire,
    malformed_ids_are_rejected,
);

/// Handlers run on a multi-threaded runtime, so every future must be `Send`.
#[test]
fn manager_futures_are_send() -> anyhow::Result<()> {
    use std::sync::Arc;
    use std::time::Duration;

    use lanthorn_session::{
        ClusterSignIn, MemoryStore, SessionId, SessionKey, SessionPolicy, Sessions, SignInMethod,
        SystemClock,
    };

    fn send<T: Send>(_: T) {}
    let sessions = Sessions::new(
        Arc::new(MemoryStore::new()),
        SessionKey::generate()?,
        SessionPolicy {
            ttl: Duration::from_secs(60),
            idle_timeout: Duration::from_secs(60),
        },
        Arc::new(SystemClock),
    );
    let id = SessionId::generate()?;
    let sign_in = || ClusterSignIn {
        method: SignInMethod::Token,
        token: "t".into(),
        refresh_token: None,
        token_expires_at: None,
        username: "u".to_owned(),
        groups: Vec::new(),
        uid: None,
        impersonated: false,
    };
    send(sessions.sign_in(Some(&id), "c", sign_in()));
    send(sessions.get(&id));
    send(sessions.sign_out(&id, "c"));
    send(sessions.update_sign_in(&id, "c", sign_in()));
    send(sessions.destroy(&id));
    send(sessions.active());
    send(sessions.try_lock_sign_in(&id, "c", Duration::from_secs(1)));
    Ok(())
}
