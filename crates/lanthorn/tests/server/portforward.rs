//! Port-forward started from the UI: a local port to a pod (or a Service's pod) with the
//! caller's credential. The stack's kwok pods answer port-forwards with `cat`, an echo.

use std::time::Duration;

use anyhow::{Context as _, Result, bail, ensure};
use reqwest::{Method, StatusCode};
use serde_json::json;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;

use crate::proxy::first_web_pod;
use crate::support::{Server, stack};

/// Sends a line through the forward and expects it back.
async fn echoes(local_port: u16, text: &str) -> Result<()> {
    let mut tcp = TcpStream::connect(("127.0.0.1", local_port)).await?;
    tcp.write_all(text.as_bytes()).await?;
    let mut got = vec![0u8; text.len()];
    tokio::time::timeout(Duration::from_secs(10), tcp.read_exact(&mut got))
        .await
        .context("no echo within 10 s")??;
    ensure!(
        got == text.as_bytes(),
        "echo {:?}",
        String::from_utf8_lossy(&got)
    );
    Ok(())
}

#[tokio::test]
async fn a_forward_carries_connections_to_the_pod_as_the_signed_in_user() -> Result<()> {
    let env = stack()?;
    let server = Server::start(&env, &[]).await?;
    let admin = server
        .set_token("dev", env.get("DEV_ADMIN_TOKEN")?, None)
        .await?
        .session_cookie()
        .unwrap_or_default();
    let pod = first_web_pod(&env).await?;
    let started = server
        .call(
            Method::POST,
            "/clusters/dev/portforward",
            Some(&admin),
            Some(&json!({"namespace": "demo", "pod": pod, "port": 80})),
        )
        .await?;
    ensure!(started.status == StatusCode::CREATED, "{}", started.text);
    let local = started.body["localPort"]
        .as_u64()
        .and_then(|p| u16::try_from(p).ok())
        .context("no localPort")?;
    echoes(local, "hello through lanthorn\n").await?;
    echoes(local, "a second connection\n").await?;

    let listed = server
        .call(Method::GET, "/clusters/dev/portforward", Some(&admin), None)
        .await?;
    ensure!(listed.body["available"] == true, "{}", listed.text);
    ensure!(
        listed.body["forwards"][0]["pod"] == pod.as_str(),
        "{}",
        listed.text
    );

    // Through a Service: one of its ready pods.
    let via_service = server
        .call(
            Method::POST,
            "/clusters/dev/portforward",
            Some(&admin),
            Some(&json!({"namespace": "demo", "service": "web", "port": 80})),
        )
        .await?;
    ensure!(
        via_service.status == StatusCode::CREATED,
        "{}",
        via_service.text
    );
    ensure!(
        via_service.body["pod"]
            .as_str()
            .is_some_and(|p| p.starts_with("web-")),
        "{}",
        via_service.text
    );
    let service_port = via_service.body["localPort"].as_u64().unwrap_or_default();
    echoes(u16::try_from(service_port)?, "to the service\n").await?;

    // Another user neither sees nor stops it; its owner stops it and the port closes.
    let viewer = server
        .set_token("dev", env.get("DEV_VIEWER_TOKEN")?, None)
        .await?
        .session_cookie()
        .unwrap_or_default();
    let theirs = server
        .call(
            Method::GET,
            "/clusters/dev/portforward",
            Some(&viewer),
            None,
        )
        .await?;
    ensure!(
        theirs.body["forwards"]
            .as_array()
            .is_some_and(Vec::is_empty),
        "{}",
        theirs.text
    );
    let id = started.body["id"].as_str().unwrap_or_default();
    let path = format!("/clusters/dev/portforward/{id}");
    let not_theirs = server
        .call(Method::DELETE, &path, Some(&viewer), None)
        .await?;
    ensure!(
        not_theirs.status == StatusCode::NOT_FOUND,
        "{}",
        not_theirs.text
    );
    let stopped = server
        .call(Method::DELETE, &path, Some(&admin), None)
        .await?;
    ensure!(stopped.status == StatusCode::NO_CONTENT, "{}", stopped.text);
    tokio::time::sleep(Duration::from_millis(200)).await;
    if TcpStream::connect(("127.0.0.1", local)).await.is_ok() {
        bail!("the stopped forward still listens on {local}");
    }
    let audit = server.audit_text();
    ensure!(
        audit.contains("pods/portforward") && audit.contains(&pod),
        "{audit}"
    );
    Ok(())
}

#[tokio::test]
async fn forwards_are_refused_without_permission_or_credential() -> Result<()> {
    let env = stack()?;
    let server = Server::start(&env, &[]).await?;
    let viewer = server
        .set_token("dev", env.get("DEV_VIEWER_TOKEN")?, None)
        .await?
        .session_cookie()
        .unwrap_or_default();
    let pod = first_web_pod(&env).await?;
    let body = json!({"namespace": "demo", "pod": pod, "port": 80});
    let refused = server
        .call(
            Method::POST,
            "/clusters/dev/portforward",
            Some(&viewer),
            Some(&body),
        )
        .await?;
    ensure!(
        refused.status == StatusCode::FORBIDDEN && refused.text.contains("may not forward"),
        "{}",
        refused.text
    );
    let anonymous = server
        .call(Method::POST, "/clusters/dev/portforward", None, Some(&body))
        .await?;
    ensure!(
        anonymous.status == StatusCode::UNAUTHORIZED,
        "{}",
        anonymous.text
    );
    let both = server
        .call(
            Method::POST,
            "/clusters/dev/portforward",
            Some(&viewer),
            Some(&json!({"namespace": "demo", "pod": "a", "service": "b", "port": 80})),
        )
        .await?;
    ensure!(
        both.status == StatusCode::BAD_REQUEST && both.text.contains("either pod or service"),
        "{}",
        both.text
    );
    Ok(())
}
