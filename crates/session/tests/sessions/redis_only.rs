//! Connecting to Redis: passwords, unreachable servers, TLS misconfiguration.

use std::net::{Ipv4Addr, TcpListener};
use std::time::{Duration, Instant};

use anyhow::{bail, ensure};
use lanthorn_session::{RedisStore, SessionError, SessionId, SessionStore};
use secrecy::SecretString;

use devstack::RedisServer;

const PASSWORD: &str = "s3cret-Pa55word";

fn expect_store_error(result: Result<RedisStore, SessionError>) -> anyhow::Result<SessionError> {
    match result {
        Err(error @ SessionError::Store(_)) => Ok(error),
        Err(other) => bail!("expected a store error, got {other:?}"),
        Ok(store) => bail!("connected unexpectedly: {store:?}"),
    }
}

/// Neither the message chain nor `Debug` may carry the password.
fn assert_no_password(error: &SessionError) -> anyhow::Result<()> {
    let mut text = format!("{error:?}");
    let mut source: Option<&dyn std::error::Error> = Some(error);
    while let Some(current) = source {
        text.push_str(&current.to_string());
        source = current.source();
    }
    ensure!(!text.contains(PASSWORD), "password leaked: {text}");
    Ok(())
}

#[tokio::test]
async fn password_in_the_url_is_used() -> anyhow::Result<()> {
    let server = RedisServer::start(Some(PASSWORD))?;
    let store = RedisStore::connect(&SecretString::from(server.url(Some(PASSWORD)))).await?;
    let key = SessionId::generate()?.store_key();
    store
        .put(&key, b"blob".to_vec(), Duration::from_secs(60))
        .await?;
    ensure!(store.get(&key).await?.as_deref() == Some(&b"blob"[..]));
    ensure!(!format!("{store:?}").contains(PASSWORD));

    for url in [
        SecretString::from(server.url(None)),
        SecretString::from(server.url(Some("wrong-password"))),
    ] {
        let error = expect_store_error(RedisStore::connect(&url).await)?;
        assert_no_password(&error)?;
    }
    Ok(())
}

#[tokio::test]
async fn an_unreachable_server_fails_promptly() -> anyhow::Result<()> {
    // A port that was free a moment ago, with nothing listening.
    let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?
        .local_addr()?
        .port();
    let url = SecretString::from(format!("redis://:{PASSWORD}@127.0.0.1:{port}/0"));
    let started = Instant::now();
    let error = expect_store_error(RedisStore::connect(&url).await)?;
    assert_no_password(&error)?;
    ensure!(started.elapsed() < Duration::from_secs(30));
    Ok(())
}

#[tokio::test]
async fn tls_to_a_plain_server_is_an_error_not_a_panic() -> anyhow::Result<()> {
    let server = RedisServer::start(None)?;
    let url = SecretString::from(format!("rediss://127.0.0.1:{}/0", server.port()));
    expect_store_error(RedisStore::connect(&url).await)?;
    Ok(())
}

#[tokio::test]
async fn a_bad_url_is_an_error() -> anyhow::Result<()> {
    for url in ["not a url", "http://127.0.0.1:6379", ""] {
        let error = expect_store_error(RedisStore::connect(&SecretString::from(url)).await)?;
        ensure!(!error.to_string().is_empty());
    }
    Ok(())
}
