//! Token sign-in, the session cookie, several clusters per session, sign-out, expiry.

use std::time::Duration;

use anyhow::{Result, ensure};
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::support::{Server, stack};

const VIEWER: &str = "system:serviceaccount:demo:demo-viewer";

#[tokio::test]
async fn a_token_sign_in_keeps_the_token_server_side_and_sets_an_opaque_cookie() -> Result<()> {
    let env = stack()?;
    let server = Server::start(&env, &[]).await?;
    let token = env.get("DEV_VIEWER_TOKEN")?;
    let reply = server.set_token("dev", token, None).await?;
    ensure!(reply.status == StatusCode::OK, "{}", reply.text);
    ensure!(reply.body["username"] == VIEWER, "{}", reply.text);
    let set_cookie = reply.header("set-cookie").unwrap_or_default();
    ensure!(set_cookie.starts_with("lanthorn-session="), "{set_cookie}");
    ensure!(
        set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"),
        "{set_cookie}"
    );
    ensure!(
        !set_cookie.contains("Secure"),
        "plain HTTP cannot set Secure: {set_cookie}"
    );
    ensure!(
        !set_cookie.contains(token) && !reply.text.contains(token),
        "the token went back to the browser"
    );
    let cookie = reply.session_cookie().unwrap_or_default();

    let me = server
        .call(Method::GET, "/clusters/dev/me", Some(&cookie), None)
        .await?;
    ensure!(
        me.status == StatusCode::OK && me.body["username"] == VIEWER,
        "{}",
        me.text
    );
    ensure!(me.body["credential"] == "session", "{}", me.text);
    let groups = me.body["groups"].as_array().cloned().unwrap_or_default();
    ensure!(
        groups.contains(&json!("system:serviceaccounts:demo")),
        "{}",
        me.text
    );

    let config = server
        .call(Method::GET, "/config", Some(&cookie), None)
        .await?;
    let clusters = config.body["clusters"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let signed_in = |name: &str| {
        clusters
            .iter()
            .find(|c| c["name"] == name)
            .map(|c| c["signedInAs"].clone())
    };
    ensure!(
        signed_in("dev").is_some_and(|s| s["username"] == VIEWER),
        "{}",
        config.text
    );
    ensure!(
        signed_in("dev2").is_some_and(|s| s.is_null()),
        "{}",
        config.text
    );
    let lines = server.audit_lines(1).await?;
    ensure!(
        lines
            .iter()
            .any(|l| l["event"] == "sign-in" && l["user"] == VIEWER && l["cluster"] == "dev"),
        "{lines:?}"
    );
    Ok(())
}

#[tokio::test]
async fn behind_an_https_proxy_the_cookie_is_secure_and_host_only() -> Result<()> {
    let env = stack()?;
    let server = Server::start(&env, &[]).await?;
    let reply = server
        .http
        .post(format!("{}/clusters/dev/set-token", server.url))
        .header("x-forwarded-proto", "https")
        .json(&json!({"token": env.get("DEV_VIEWER_TOKEN")?}))
        .send()
        .await?;
    let set_cookie = reply
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    ensure!(
        set_cookie.starts_with("__Host-lanthorn-session="),
        "{set_cookie}"
    );
    ensure!(
        set_cookie.contains("; Secure") && set_cookie.contains("Path=/"),
        "{set_cookie}"
    );
    Ok(())
}

#[tokio::test]
async fn bad_tokens_and_bad_bodies_get_clear_errors_and_no_session() -> Result<()> {
    let env = stack()?;
    let server = Server::start(&env, &[]).await?;
    let invalid = server.set_token("dev", "not-a-real-token", None).await?;
    ensure!(
        invalid.status == StatusCode::UNAUTHORIZED,
        "{}",
        invalid.text
    );
    ensure!(
        invalid.text.contains("did not accept the token"),
        "{}",
        invalid.text
    );
    ensure!(
        invalid.session_cookie().is_none(),
        "a failed sign-in set a cookie"
    );
    // A JWT whose exp is in 2001: refused before the cluster is asked.
    let expired = "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjEwMDAwMDAwMDAsInN1YiI6IngifQ.c2ln";
    let reply = server.set_token("dev", expired, None).await?;
    ensure!(
        reply.status == StatusCode::UNAUTHORIZED && reply.text.contains("expired"),
        "{}",
        reply.text
    );
    let unknown = server.set_token("nope", "x", None).await?;
    ensure!(
        unknown.status == StatusCode::NOT_FOUND && unknown.body["reason"] == "ClusterNotFound",
        "{}",
        unknown.text
    );
    for body in [json!({"tokn": "x"}), json!("token"), json!({"token": 5})] {
        let reply = server
            .call(Method::POST, "/clusters/dev/set-token", None, Some(&body))
            .await?;
        ensure!(
            reply.status == StatusCode::BAD_REQUEST,
            "{body}: {}",
            reply.text
        );
    }
    let huge = json!({"token": "x".repeat(100_000)});
    let reply = server
        .call(Method::POST, "/clusters/dev/set-token", None, Some(&huge))
        .await?;
    ensure!(
        reply.status == StatusCode::PAYLOAD_TOO_LARGE,
        "{}",
        reply.status
    );
    let lines = server.audit_lines(2).await?;
    ensure!(
        lines
            .iter()
            .filter(|l| l["event"] == "sign-in-failed")
            .count()
            >= 2,
        "{lines:?}"
    );
    ensure!(
        !server.audit_text().contains("not-a-real-token"),
        "a token reached the audit log"
    );
    Ok(())
}

#[tokio::test]
async fn one_session_holds_several_clusters_with_a_new_id_at_every_sign_in() -> Result<()> {
    let env = stack()?;
    let server = Server::start(&env, &[]).await?;
    let first = server
        .set_token("dev", env.get("DEV_VIEWER_TOKEN")?, None)
        .await?
        .session_cookie()
        .unwrap_or_default();
    let second = server
        .set_token("dev2", env.get("DEV_ADMIN_TOKEN")?, Some(&first))
        .await?
        .session_cookie()
        .unwrap_or_default();
    ensure!(
        !second.is_empty() && second != first,
        "the id was not renewed"
    );
    let old = server
        .call(Method::GET, "/clusters/dev/me", Some(&first), None)
        .await?;
    ensure!(
        old.status == StatusCode::UNAUTHORIZED,
        "the old id still works: {}",
        old.text
    );
    ensure!(
        old.header("set-cookie")
            .is_some_and(|c| c.contains("Max-Age=0")),
        "stale cookie not cleared"
    );
    let dev = server
        .call(Method::GET, "/clusters/dev/me", Some(&second), None)
        .await?;
    let dev2 = server
        .call(Method::GET, "/clusters/dev2/me", Some(&second), None)
        .await?;
    ensure!(dev.body["username"] == VIEWER, "{}", dev.text);
    ensure!(
        dev2.body["username"] == "system:serviceaccount:kube-system:lanthorn-admin",
        "{}",
        dev2.text
    );

    // An empty token signs out of that cluster only.
    let out = server.set_token("dev2", "", Some(&second)).await?;
    ensure!(out.status == StatusCode::NO_CONTENT, "{}", out.text);
    let dev2 = server
        .call(Method::GET, "/clusters/dev2/me", Some(&second), None)
        .await?;
    ensure!(dev2.status == StatusCode::UNAUTHORIZED, "{}", dev2.text);
    let dev = server
        .call(Method::GET, "/clusters/dev/me", Some(&second), None)
        .await?;
    ensure!(dev.body["username"] == VIEWER, "{}", dev.text);

    // Sign-out destroys the session.
    let out = server
        .call(Method::POST, "/sign-out", Some(&second), None)
        .await?;
    ensure!(
        out.status == StatusCode::OK && out.body["endSessionUrl"].is_null(),
        "{}",
        out.text
    );
    let dev = server
        .call(Method::GET, "/clusters/dev/me", Some(&second), None)
        .await?;
    ensure!(dev.status == StatusCode::UNAUTHORIZED, "{}", dev.text);
    let lines = server.audit_lines(4).await?;
    ensure!(
        lines.iter().filter(|l| l["event"] == "sign-out").count() >= 2,
        "{lines:?}"
    );
    Ok(())
}

#[tokio::test]
async fn forged_cookies_count_as_no_session() -> Result<()> {
    let env = stack()?;
    let server = Server::start(&env, &[]).await?;
    for forged in [
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "short",
        "../../etc",
        "%00",
    ] {
        let me = server
            .call(Method::GET, "/clusters/dev/me", Some(forged), None)
            .await?;
        ensure!(
            me.status == StatusCode::UNAUTHORIZED,
            "{forged}: {}",
            me.text
        );
        ensure!(
            me.header("set-cookie")
                .is_some_and(|c| c.contains("Max-Age=0")),
            "{forged}: not cleared"
        );
    }
    Ok(())
}

#[tokio::test]
async fn sessions_end_at_their_ttl_and_after_idling() -> Result<()> {
    let env = stack()?;
    let token = env.get("DEV_VIEWER_TOKEN")?;
    let ttl = Server::start(&env, &["--session-ttl", "4"]).await?;
    let idle = Server::start(
        &env,
        &["--session-ttl", "60", "--session-idle-timeout", "2"],
    )
    .await?;
    let ttl_cookie = ttl
        .set_token("dev", token, None)
        .await?
        .session_cookie()
        .unwrap_or_default();
    let idle_cookie = idle
        .set_token("dev", token, None)
        .await?
        .session_cookie()
        .unwrap_or_default();
    // Used within its TTL, the TTL session still ends.
    // Times are whole seconds, so the checks keep a second of margin either side.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let alive = ttl
        .call(Method::GET, "/clusters/dev/me", Some(&ttl_cookie), None)
        .await?;
    ensure!(alive.status == StatusCode::OK, "{}", alive.text);
    tokio::time::sleep(Duration::from_millis(4000)).await;
    let me = ttl
        .call(Method::GET, "/clusters/dev/me", Some(&ttl_cookie), None)
        .await?;
    ensure!(
        me.status == StatusCode::UNAUTHORIZED,
        "past its TTL: {}",
        me.text
    );
    let me = idle
        .call(Method::GET, "/clusters/dev/me", Some(&idle_cookie), None)
        .await?;
    ensure!(me.status == StatusCode::UNAUTHORIZED, "idle: {}", me.text);
    Ok(())
}
