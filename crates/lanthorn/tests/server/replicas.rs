//! Two replicas sharing a Redis session store and a session key: a sign-in on one is a
//! session on the other.

use anyhow::{Result, ensure};
use devstack::RedisServer;
use reqwest::{Method, StatusCode};

use crate::support::{Server, TempDir, stack};

#[tokio::test]
async fn replicas_share_sessions_through_redis() -> Result<()> {
    let env = stack()?;
    let redis = RedisServer::start(None)?;
    let dir = TempDir::new("replicas")?;
    let key = dir.write(
        "session.key",
        "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=\n",
    )?;
    let key = key.display().to_string();
    let store = redis.url(None);
    let args = [
        "--session-store",
        store.as_str(),
        "--session-secret-file",
        key.as_str(),
    ];
    let a = Server::start(&env, &args).await?;
    let b = Server::start(&env, &args).await?;
    let cookie = a
        .set_token("dev", env.get("DEV_VIEWER_TOKEN")?, None)
        .await?
        .session_cookie()
        .unwrap_or_default();
    let me = b
        .call(Method::GET, "/clusters/dev/me", Some(&cookie), None)
        .await?;
    ensure!(
        me.status == StatusCode::OK
            && me.body["username"] == "system:serviceaccount:demo:demo-viewer",
        "{}",
        me.text
    );
    let out = b
        .call(Method::POST, "/sign-out", Some(&cookie), None)
        .await?;
    ensure!(out.status == StatusCode::OK, "{}", out.text);
    let me = a
        .call(Method::GET, "/clusters/dev/me", Some(&cookie), None)
        .await?;
    ensure!(
        me.status == StatusCode::UNAUTHORIZED,
        "signed out on b, still in on a: {}",
        me.text
    );
    // A replica with another key cannot open the sessions.
    let other_key = dir.write(
        "other.key",
        "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=\n",
    )?;
    let other_key = other_key.display().to_string();
    let c = Server::start(
        &env,
        &[
            "--session-store",
            store.as_str(),
            "--session-secret-file",
            other_key.as_str(),
        ],
    )
    .await?;
    let cookie = a
        .set_token("dev", env.get("DEV_VIEWER_TOKEN")?, None)
        .await?
        .session_cookie()
        .unwrap_or_default();
    let me = c
        .call(Method::GET, "/clusters/dev/me", Some(&cookie), None)
        .await?;
    ensure!(me.status == StatusCode::UNAUTHORIZED, "{}", me.text);
    Ok(())
}
