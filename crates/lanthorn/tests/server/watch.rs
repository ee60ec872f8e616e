//! `GET /watch`, the watch multiplexer: several watches over one WebSocket, each as the
//! signed-in user, opened and closed by message.

use std::time::Duration;

use anyhow::{Context as _, Result, bail, ensure};
use devstack::KubeClient;
use futures_util::{SinkExt as _, StreamExt as _};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::client::IntoClientRequest as _;
use tokio_tungstenite::tungstenite::{Error as WsError, Message};

use crate::support::{Server, stack};

const VIEWER: &str = "system:serviceaccount:demo:demo-viewer";

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// The upgrade request for `/watch`, with a session cookie and an `Origin`.
fn upgrade_request(
    server: &Server,
    cookie: &str,
    origin: &str,
) -> Result<tokio_tungstenite::tungstenite::handshake::client::Request> {
    let mut request = format!("ws://127.0.0.1:{}/watch", server.port).into_client_request()?;
    let headers = request.headers_mut();
    headers.insert("cookie", format!("lanthorn-session={cookie}").parse()?);
    headers.insert("origin", origin.parse()?);
    Ok(request)
}

async fn connect(server: &Server, cookie: &str) -> Result<Socket> {
    let request = upgrade_request(server, cookie, &server.url)?;
    let (socket, _) = tokio_tungstenite::connect_async(request).await?;
    Ok(socket)
}

async fn send(socket: &mut Socket, message: &Value) -> Result<()> {
    socket
        .send(Message::Text(message.to_string().into()))
        .await?;
    Ok(())
}

/// The next JSON message, skipping pings; fails after `within`.
async fn next(socket: &mut Socket, within: Duration) -> Result<Value> {
    loop {
        let message = tokio::time::timeout(within, socket.next())
            .await
            .context("no message in time")?
            .context("socket closed")??;
        if let Message::Text(text) = message {
            return Ok(serde_json::from_str(text.as_str())?);
        }
    }
}

/// The next message for subscription `id` that is not a BOOKMARK.
async fn next_for(socket: &mut Socket, id: &str) -> Result<Value> {
    loop {
        let message = next(socket, Duration::from_secs(10)).await?;
        if message["id"] == id && message["event"]["type"] != "BOOKMARK" {
            return Ok(message);
        }
    }
}

#[tokio::test]
async fn one_socket_carries_several_watches_as_the_signed_in_user() -> Result<()> {
    let env = stack()?;
    let server = Server::start(&env, &[]).await?;
    let admin = KubeClient::admin(&env)?;
    let cookie = server
        .set_token("dev", env.get("DEV_VIEWER_TOKEN")?, None)
        .await?
        .session_cookie()
        .context("no session cookie")?;
    let mut socket = connect(&server, &cookie).await?;

    let (status, list) = admin.get("/api/v1/namespaces/demo/configmaps").await?;
    ensure!(status == StatusCode::OK, "{list}");
    let version = list["metadata"]["resourceVersion"].clone();
    send(
        &mut socket,
        &json!({"type": "subscribe", "id": "cms", "cluster": "dev",
                "path": "/api/v1/namespaces/demo/configmaps", "resourceVersion": version, "table": true}),
    )
    .await?;
    // The viewer may not read Secrets in staging: the cluster's refusal names the viewer.
    send(
        &mut socket,
        &json!({"type": "subscribe", "id": "secrets", "cluster": "dev",
                "path": "/api/v1/namespaces/staging/secrets"}),
    )
    .await?;
    let refused = next_for(&mut socket, "secrets").await?;
    ensure!(
        refused["type"] == "error" && refused["status"] == 403,
        "{refused}"
    );
    ensure!(
        refused["message"].as_str().unwrap_or("").contains(VIEWER),
        "not refused as the viewer: {refused}"
    );

    let name = format!("mux-probe-{}", std::process::id());
    let cm = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name}});
    let (status, body) = admin
        .post("/api/v1/namespaces/demo/configmaps", &cm)
        .await?;
    ensure!(status == StatusCode::CREATED, "{body}");
    let added = next_for(&mut socket, "cms").await?;
    ensure!(added["event"]["type"] == "ADDED", "{added}");
    let object = &added["event"]["object"];
    ensure!(object["kind"] == "Table", "not a Table row: {added}");
    ensure!(
        object["rows"][0]["object"]["metadata"]["name"] == name.as_str(),
        "{added}"
    );

    // After unsubscribing, changes no longer arrive on this socket.
    send(&mut socket, &json!({"type": "unsubscribe", "id": "cms"})).await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    admin
        .delete(&format!("/api/v1/namespaces/demo/configmaps/{name}"))
        .await?;
    match next(&mut socket, Duration::from_secs(2)).await {
        Err(_) => {}
        Ok(message) => bail!("a message after unsubscribing: {message}"),
    }

    // Malformed and impossible subscriptions get an error that names the problem.
    socket.send(Message::Text("{not json".into())).await?;
    let bad = next(&mut socket, Duration::from_secs(5)).await?;
    ensure!(
        bad["type"] == "error" && bad["status"] == 400 && bad["id"].is_null(),
        "{bad}"
    );
    send(
        &mut socket,
        &json!({"type": "subscribe", "id": "x", "cluster": "nope", "path": "/api/v1/pods"}),
    )
    .await?;
    let unknown = next_for(&mut socket, "x").await?;
    ensure!(
        unknown["status"] == 404 && unknown["message"].as_str().unwrap_or("").contains("nope"),
        "{unknown}"
    );
    send(
        &mut socket,
        &json!({"type": "subscribe", "id": "y", "cluster": "dev", "path": "/api/v1/../../etc"}),
    )
    .await?;
    let traversal = next_for(&mut socket, "y").await?;
    ensure!(traversal["status"] == 400, "{traversal}");

    // Signing out ends the session for the socket's next subscription too.
    let out = server
        .call(Method::POST, "/sign-out", Some(&cookie), None)
        .await?;
    ensure!(out.status.is_success(), "{}", out.text);
    send(
        &mut socket,
        &json!({"type": "subscribe", "id": "after", "cluster": "dev",
                "path": "/api/v1/namespaces/demo/configmaps"}),
    )
    .await?;
    let after = next_for(&mut socket, "after").await?;
    ensure!(
        after["type"] == "error" && (after["status"] == 401 || after["status"] == 403),
        "a signed-out socket still watches: {after}"
    );
    Ok(())
}

#[tokio::test]
async fn cross_origin_sockets_are_refused() -> Result<()> {
    let env = stack()?;
    let server = Server::start(&env, &[]).await?;
    let request = upgrade_request(&server, "none", "https://elsewhere.example")?;
    match tokio_tungstenite::connect_async(request).await {
        Err(WsError::Http(response)) => {
            ensure!(response.status() == 403, "{:?}", response.status());
        }
        Err(other) => bail!("unexpected error: {other}"),
        Ok(_) => bail!("a cross-origin socket was accepted"),
    }
    Ok(())
}

#[tokio::test]
async fn container_logs_stream_over_the_same_socket() -> Result<()> {
    let env = stack()?;
    let server = Server::start(&env, &[]).await?;
    let cookie = server
        .set_token("dev", env.get("DEV_VIEWER_TOKEN")?, None)
        .await?
        .session_cookie()
        .context("no session cookie")?;
    let pod = crate::proxy::first_web_pod(&env).await?;
    let path = format!("/api/v1/namespaces/demo/pods/{pod}/log");
    let mut socket = connect(&server, &cookie).await?;

    // A bounded read: some lines, then the end.
    send(
        &mut socket,
        &json!({"type": "subscribe", "id": "tail", "cluster": "dev", "path": path,
                "logs": {"tailLines": 3, "timestamps": true}}),
    )
    .await?;
    let mut lines: Vec<String> = Vec::new();
    loop {
        let message = next_for(&mut socket, "tail").await?;
        match message["type"].as_str() {
            Some("log") => lines.extend(
                message["lines"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|l| l.as_str().map(str::to_owned)),
            ),
            Some("ended") => break,
            _ => bail!("unexpected: {message}"),
        }
    }
    ensure!(!lines.is_empty() && lines.len() <= 3, "{lines:?}");
    ensure!(
        lines
            .iter()
            .all(|l| l.starts_with("20") && !l.ends_with('\n')),
        "not timestamped lines: {lines:?}"
    );

    // Following keeps the stream open until unsubscribed.
    send(
        &mut socket,
        &json!({"type": "subscribe", "id": "follow", "cluster": "dev", "path": path,
                "logs": {"follow": true, "tailLines": 1}}),
    )
    .await?;
    let first = next_for(&mut socket, "follow").await?;
    ensure!(first["type"] == "log", "{first}");
    send(&mut socket, &json!({"type": "unsubscribe", "id": "follow"})).await?;

    // The cluster's own refusal for a previous container that never ran, as an error.
    send(
        &mut socket,
        &json!({"type": "subscribe", "id": "previous", "cluster": "dev", "path": path,
                "logs": {"previous": true}}),
    )
    .await?;
    let previous = next_for(&mut socket, "previous").await?;
    ensure!(
        previous["type"] == "error" && previous["status"].as_u64().is_some_and(|s| s >= 400),
        "{previous}"
    );

    // Logs outside what the viewer may read: the cluster refuses as the viewer.
    send(
        &mut socket,
        &json!({"type": "subscribe", "id": "staging", "cluster": "dev",
                "path": "/api/v1/namespaces/staging/pods/whatever/log", "logs": {}}),
    )
    .await?;
    let refused = next_for(&mut socket, "staging").await?;
    ensure!(
        refused["status"] == 403 && refused.to_string().contains(VIEWER),
        "{refused}"
    );
    Ok(())
}
