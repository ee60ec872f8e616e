//! `GET /watch`, the watch multiplexer: several watches over one WebSocket, each as the
//! signed-in user, opened and closed by message; only collections and pod logs; the
//! socket ends with its session and never watches as anyone else; sockets per session and
//! bytes per socket are bounded.

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

/// Signs the viewer in to `cluster`; the session cookie.
async fn viewer_session(server: &Server, env: &devstack::DevEnv, cluster: &str) -> Result<String> {
    server
        .set_token(cluster, env.get("DEV_VIEWER_TOKEN")?, None)
        .await?
        .session_cookie()
        .context("no session cookie")
}

/// Reads until the server closes the socket: the messages before, and the close frame's
/// code and reason. Fails when nothing closes it within `within`.
async fn until_closed(socket: &mut Socket, within: Duration) -> Result<(Vec<Value>, u16, String)> {
    let deadline = tokio::time::Instant::now() + within;
    let mut seen = Vec::new();
    loop {
        let message = tokio::time::timeout_at(deadline, socket.next())
            .await
            .with_context(|| format!("the socket stayed open; saw {seen:?}"))?;
        match message {
            Some(Ok(Message::Text(text))) => seen.push(serde_json::from_str(text.as_str())?),
            Some(Ok(Message::Close(frame))) => {
                let (code, reason) = frame
                    .map(|f| (u16::from(f.code), f.reason.to_string()))
                    .unwrap_or((0, String::new()));
                return Ok((seen, code, reason));
            }
            Some(Ok(_)) => {}
            Some(Err(error)) => {
                bail!("the socket failed instead of closing: {error}; saw {seen:?}")
            }
            None => bail!("the socket ended without a close frame; saw {seen:?}"),
        }
    }
}

#[tokio::test]
async fn only_collections_and_pod_logs_can_be_subscribed() -> Result<()> {
    let env = stack()?;
    let server = Server::start(&env, &[]).await?;
    let cookie = viewer_session(&server, &env, "dev-admin").await?;
    let mut socket = connect(&server, &cookie).await?;
    let pod = crate::proxy::first_web_pod(&env).await?;
    let refused = [
        (
            "svc-proxy",
            "/api/v1/namespaces/demo/services/web:80/proxy/".to_owned(),
            None,
        ),
        (
            "pod-proxy",
            format!("/api/v1/namespaces/demo/pods/{pod}/proxy/"),
            None,
        ),
        ("version", "/version".to_owned(), None),
        (
            "exec",
            format!("/api/v1/namespaces/demo/pods/{pod}/exec"),
            None,
        ),
        (
            "one-object",
            format!("/api/v1/namespaces/demo/pods/{pod}"),
            None,
        ),
        (
            "legacy-watch",
            "/api/v1/watch/namespaces/demo/pods".to_owned(),
            None,
        ),
        ("words", "hello".to_owned(), None),
        (
            "log-proxy",
            "/api/v1/namespaces/demo/services/web/proxy/log".to_owned(),
            Some(json!({})),
        ),
    ];
    for (id, path, logs) in &refused {
        let mut message =
            json!({"type": "subscribe", "id": id, "cluster": "dev-admin", "path": path});
        if let Some(logs) = logs {
            message["logs"] = logs.clone();
        }
        send(&mut socket, &message).await?;
        let answer = next_for(&mut socket, id).await?;
        ensure!(
            answer["type"] == "error" && answer["status"] == 400 && answer["reason"] == "BadPath",
            "{path} was not refused by Lanthorn: {answer}"
        );
        let text = answer["message"].as_str().unwrap_or("");
        ensure!(
            text.contains("collection") || text.contains("/log"),
            "the refusal of {path} does not say what may be subscribed: {answer}"
        );
    }
    // A collection narrowed to one name by a field selector is fine.
    send(
        &mut socket,
        &json!({"type": "subscribe", "id": "one", "cluster": "dev-admin",
                "path": "/api/v1/namespaces/demo/pods", "fieldSelector": format!("metadata.name={pod}")}),
    )
    .await?;
    let added = next_for(&mut socket, "one").await?;
    ensure!(
        added["type"] == "event" && added["event"]["object"]["metadata"]["name"] == pod.as_str(),
        "{added}"
    );
    Ok(())
}

#[tokio::test]
async fn signing_out_ends_the_sockets_watches_within_seconds() -> Result<()> {
    let env = stack()?;
    let server = Server::start(&env, &[]).await?;
    let cookie = viewer_session(&server, &env, "dev").await?;
    let mut socket = connect(&server, &cookie).await?;
    send(
        &mut socket,
        &json!({"type": "subscribe", "id": "cms", "cluster": "dev",
                "path": "/api/v1/namespaces/demo/configmaps"}),
    )
    .await?;
    // Watching as the viewer: the existing ConfigMaps arrive.
    let first = next_for(&mut socket, "cms").await?;
    ensure!(first["type"] == "event", "{first}");

    let out = server
        .call(Method::POST, "/sign-out", Some(&cookie), None)
        .await?;
    ensure!(out.status.is_success(), "{}", out.text);
    let started = std::time::Instant::now();
    let (seen, code, reason) = until_closed(&mut socket, Duration::from_secs(12)).await?;
    ensure!(
        started.elapsed() < Duration::from_secs(10),
        "closed only after {:?}",
        started.elapsed()
    );
    ensure!(
        code == 4001 && reason.contains("session"),
        "closed with {code} {reason:?}"
    );
    let ended = seen
        .iter()
        .find(|m| m["id"] == "cms" && m["type"] == "error")
        .with_context(|| format!("no end for the watch: {seen:?}"))?;
    ensure!(
        ended["status"] == 401 && ended["reason"] == "SessionEnded",
        "{ended}"
    );
    Ok(())
}

#[tokio::test]
async fn a_socket_whose_session_ended_never_watches_with_the_kubeconfig_credential() -> Result<()> {
    let env = stack()?;
    let server = Server::start(&env, &[]).await?;
    // `dev-admin`'s kubeconfig context carries the admin token; the viewer signs in over it.
    let cookie = viewer_session(&server, &env, "dev-admin").await?;
    let mut socket = connect(&server, &cookie).await?;
    let out = server
        .call(Method::POST, "/sign-out", Some(&cookie), None)
        .await?;
    ensure!(out.status.is_success(), "{}", out.text);
    // Straight away, before any periodic check could have closed the socket.
    send(
        &mut socket,
        &json!({"type": "subscribe", "id": "secrets", "cluster": "dev-admin",
                "path": "/api/v1/namespaces/staging/secrets"}),
    )
    .await?;
    let answer = next_for(&mut socket, "secrets").await?;
    ensure!(
        answer["type"] == "error" && answer["status"] == 401 && answer["reason"] == "SessionEnded",
        "the ended session's socket subscribed with another identity: {answer}"
    );
    let (_, code, _) = until_closed(&mut socket, Duration::from_secs(5)).await?;
    ensure!(code == 4001, "closed with {code}");
    Ok(())
}

#[tokio::test]
async fn signing_in_again_elsewhere_moves_the_tab_to_a_new_socket_as_the_new_session() -> Result<()>
{
    let env = stack()?;
    let server = Server::start(&env, &[]).await?;
    let cookie = viewer_session(&server, &env, "dev").await?;
    let mut socket = connect(&server, &cookie).await?;
    send(
        &mut socket,
        &json!({"type": "subscribe", "id": "cms", "cluster": "dev",
                "path": "/api/v1/namespaces/demo/configmaps"}),
    )
    .await?;
    next_for(&mut socket, "cms").await?;
    // Another tab signs in to a second cluster: the session moves to a new id.
    let renewed = server
        .set_token("dev2", env.get("DEV_VIEWER_TOKEN")?, Some(&cookie))
        .await?
        .session_cookie()
        .context("no new session cookie")?;
    ensure!(renewed != cookie, "sign-in kept the session id");
    // The old socket says so and closes (the web app reconnects with the new cookie) …
    let (seen, code, _) = until_closed(&mut socket, Duration::from_secs(12)).await?;
    ensure!(code == 4001, "closed with {code}: {seen:?}");
    ensure!(
        seen.iter()
            .all(|m| m["type"] != "error" || m["reason"] == "SessionEnded"),
        "{seen:?}"
    );
    // … and the new socket watches as the viewer on both clusters.
    let mut socket = connect(&server, &renewed).await?;
    for cluster in ["dev", "dev2"] {
        send(
            &mut socket,
            &json!({"type": "subscribe", "id": cluster, "cluster": cluster,
                    "path": "/api/v1/namespaces/staging/secrets"}),
        )
        .await?;
        let refused = next_for(&mut socket, cluster).await?;
        ensure!(
            refused["status"] == 403 && refused.to_string().contains(VIEWER),
            "{refused}"
        );
    }
    Ok(())
}

#[tokio::test]
async fn one_session_opens_at_most_eight_sockets() -> Result<()> {
    let env = stack()?;
    let server = Server::start(&env, &[]).await?;
    let cookie = viewer_session(&server, &env, "dev").await?;
    let mut sockets = Vec::new();
    for _ in 0..8 {
        sockets.push(connect(&server, &cookie).await?);
    }
    match tokio_tungstenite::connect_async(upgrade_request(&server, &cookie, &server.url)?).await {
        Err(WsError::Http(response)) => {
            ensure!(response.status() == 429, "{:?}", response.status());
            let body = response.body().as_deref().unwrap_or_default();
            let body = String::from_utf8_lossy(body);
            ensure!(body.contains("TooManySockets"), "{body}");
        }
        Err(other) => bail!("unexpected error: {other}"),
        Ok(_) => bail!("a ninth socket was accepted"),
    }
    // Another session is not affected, and a closed socket frees its place.
    let other = viewer_session(&server, &env, "dev").await?;
    connect(&server, &other).await?;
    let mut closed = sockets.pop().context("no socket")?;
    closed.close(None).await?;
    drop(closed);
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    loop {
        match connect(&server, &cookie).await {
            Ok(_) => break,
            Err(error) if std::time::Instant::now() > deadline => {
                bail!("the place was not freed: {error}")
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
    Ok(())
}

/// The `lanthorn` process serving on `port` (found by its environment).
fn server_pid(port: u16) -> Result<u32> {
    let wanted = format!("LANTHORN_PORT={port}");
    for entry in std::fs::read_dir("/proc")? {
        let entry = entry?;
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(environ) = std::fs::read(entry.path().join("environ")) else {
            continue;
        };
        if environ.split(|b| *b == 0).any(|v| v == wanted.as_bytes()) {
            return Ok(pid);
        }
    }
    bail!("no process serves port {port}")
}

/// A line of `/proc/PID/status` in KiB (`VmRSS`, `VmHWM`).
fn memory_kib(pid: u32, field: &str) -> Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .with_context(|| format!("no {field} in {status}"))
}

#[tokio::test]
async fn a_reader_that_falls_behind_has_its_watches_ended_instead_of_buffered() -> Result<()> {
    let env = stack()?;
    let server = Server::start(&env, &[]).await?;
    let admin = KubeClient::admin(&env)?;
    let namespace = format!("watch-flood-{}", std::process::id());
    let (status, body) = admin
        .post(
            "/api/v1/namespaces",
            &json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": namespace}}),
        )
        .await?;
    ensure!(status == StatusCode::CREATED, "{body}");
    let outcome = flood(&env, &server, &admin, &namespace).await;
    admin
        .delete(&format!("/api/v1/namespaces/{namespace}"))
        .await?;
    outcome
}

async fn flood(
    env: &devstack::DevEnv,
    server: &Server,
    admin: &KubeClient,
    namespace: &str,
) -> Result<()> {
    // 12 ConfigMaps of 900 KB: each watch below starts with about 11 MB of ADDED events.
    let filler = "x".repeat(900 * 1000);
    for i in 0..12 {
        let cm = json!({"apiVersion": "v1", "kind": "ConfigMap",
                        "metadata": {"name": format!("big-{i}")}, "data": {"filler": filler}});
        let (status, body) = admin
            .post(&format!("/api/v1/namespaces/{namespace}/configmaps"), &cm)
            .await?;
        ensure!(status == StatusCode::CREATED, "{body}");
    }
    let cookie = server
        .set_token("dev", env.get("DEV_ADMIN_TOKEN")?, None)
        .await?
        .session_cookie()
        .context("no session cookie")?;
    let pid = server_pid(server.port)?;
    let before = memory_kib(pid, "VmRSS")?;
    let mut socket = connect(server, &cookie).await?;
    let ids: Vec<String> = (0..12).map(|i| format!("w{i}")).collect();
    for id in &ids {
        send(
            &mut socket,
            &json!({"type": "subscribe", "id": id, "cluster": "dev",
                    "path": format!("/api/v1/namespaces/{namespace}/configmaps")}),
        )
        .await?;
    }
    // The browser does not read for a while: about 130 MB are offered.
    tokio::time::sleep(Duration::from_secs(12)).await;
    let peak = memory_kib(pid, "VmHWM")?;
    let mut added = std::collections::HashMap::<String, usize>::new();
    let mut slow = std::collections::HashSet::<String>::new();
    // Everything queued, until the socket has been quiet for a while.
    while let Ok(message) = next(&mut socket, Duration::from_secs(8)).await {
        let id = message["id"].as_str().unwrap_or("").to_owned();
        ensure!(
            ids.contains(&id),
            "a message for no subscription: {message}"
        );
        match message["type"].as_str() {
            Some("event") if message["event"]["type"] == "ADDED" => {
                *added.entry(id).or_default() += 1;
            }
            Some("error") => {
                ensure!(
                    message["status"] == 410 && message["reason"] == "SlowClient",
                    "{message}"
                );
                slow.insert(id);
            }
            _ => {}
        }
    }
    let grown_mib = peak.saturating_sub(before) / 1024;
    eprintln!(
        "one slow socket: peak memory grew by {grown_mib} MiB; {} watches ended as too slow, ADDED seen {added:?}",
        slow.len()
    );
    ensure!(!slow.is_empty(), "no watch was ended: {added:?}");
    ensure!(
        grown_mib < 64,
        "memory grew by {grown_mib} MiB for one slow socket (from {before} KiB to {peak} KiB)"
    );
    // The socket itself still serves.
    send(
        &mut socket,
        &json!({"type": "subscribe", "id": "after", "cluster": "dev",
                "path": "/api/v1/namespaces/demo/configmaps"}),
    )
    .await?;
    let after = next_for(&mut socket, "after").await?;
    ensure!(after["type"] == "event", "{after}");
    Ok(())
}
