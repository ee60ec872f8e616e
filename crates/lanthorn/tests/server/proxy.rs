//! The API proxy: one credential resolver for every route family, streaming, upgrades,
//! the cluster's own answers passed through, and refusals for what must not pass.

use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, ensure};
use devstack::KubeClient;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::support::{Server, TempDir, serving_certificate, stack};

const VIEWER: &str = "system:serviceaccount:demo:demo-viewer";
const ADMIN: &str = "system:serviceaccount:kube-system:lanthorn-admin";

#[tokio::test]
async fn every_route_family_acts_as_the_token_signed_in_user() -> Result<()> {
    let env = stack()?;
    // dev-admin's kubeconfig credential is the admin: the signed-in viewer must win over it.
    let server = Server::start(&env, &[]).await?;
    let cookie = server
        .set_token("dev-admin", env.get("DEV_VIEWER_TOKEN")?, None)
        .await?
        .session_cookie()
        .unwrap_or_default();

    let pods = server
        .call(
            Method::GET,
            "/clusters/dev-admin/api/v1/namespaces/demo/pods",
            Some(&cookie),
            None,
        )
        .await?;
    ensure!(
        pods.status == StatusCode::OK && pods.body["kind"] == "PodList",
        "{}",
        pods.text
    );
    let secrets = server
        .call(
            Method::GET,
            "/clusters/dev-admin/api/v1/namespaces/staging/secrets",
            Some(&cookie),
            None,
        )
        .await?;
    ensure!(secrets.status == StatusCode::FORBIDDEN, "{}", secrets.text);
    ensure!(
        secrets.body["kind"] == "Status" && secrets.body["reason"] == "Forbidden",
        "{}",
        secrets.text
    );
    ensure!(
        secrets.text.contains(VIEWER),
        "not refused as the viewer: {}",
        secrets.text
    );

    let cm =
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "viewer-may-not"}});
    let create = server
        .call(
            Method::POST,
            "/clusters/dev-admin/api/v1/namespaces/demo/configmaps",
            Some(&cookie),
            Some(&cm),
        )
        .await?;
    ensure!(
        create.status == StatusCode::FORBIDDEN && create.text.contains(VIEWER),
        "{}",
        create.text
    );

    let me = server
        .call(Method::GET, "/clusters/dev-admin/me", Some(&cookie), None)
        .await?;
    ensure!(me.body["username"] == VIEWER, "{}", me.text);

    // WebSocket upgrade (exec): the cluster refuses the viewer by name.
    let pod = first_web_pod(&env).await?;
    let request = format!(
        "GET /clusters/dev-admin/api/v1/namespaces/demo/pods/{pod}/exec?command=true&stdout=true HTTP/1.1\r\n\
         Host: 127.0.0.1:{port}\r\nCookie: lanthorn-session={cookie}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\
         Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\
         Sec-WebSocket-Protocol: v5.channel.k8s.io\r\nConnection: close\r\n\r\n",
        port = server.port
    );
    let answer = server.raw(request.as_bytes())?;
    ensure!(
        answer.starts_with("HTTP/1.1 403"),
        "exec as viewer: {answer}"
    );
    ensure!(
        answer.contains(VIEWER),
        "exec not refused as the viewer: {answer}"
    );
    Ok(())
}

#[tokio::test]
async fn without_a_user_credential_the_fallbacks_are_the_kubeconfig_or_nothing() -> Result<()> {
    let env = stack()?;
    let server = Server::start(&env, &[]).await?;
    let me = server
        .call(Method::GET, "/clusters/dev-admin/me", None, None)
        .await?;
    ensure!(
        me.body["username"] == ADMIN && me.body["credential"] == "kubeconfig",
        "{}",
        me.text
    );
    // `dev` has no credential in its kubeconfig: the cluster sees an anonymous request.
    let me = server
        .call(Method::GET, "/clusters/dev/me", None, None)
        .await?;
    ensure!(me.status == StatusCode::UNAUTHORIZED, "{}", me.text);
    let ns = server
        .call(Method::GET, "/clusters/dev/api/v1/namespaces", None, None)
        .await?;
    ensure!(
        matches!(ns.status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN),
        "anonymous listed namespaces: {}",
        ns.status
    );
    ensure!(
        ns.status == StatusCode::UNAUTHORIZED || ns.text.contains("system:anonymous"),
        "{}",
        ns.text
    );
    // Client certificates and exec plugins from the kubeconfig work too.
    let me = server
        .call(Method::GET, "/clusters/dev-cert/me", None, None)
        .await?;
    ensure!(
        me.body["username"] == "lanthorn-dev-admin" && me.body["credential"] == "kubeconfig",
        "{}",
        me.text
    );
    let me = server
        .call(Method::GET, "/clusters/dev-exec/me", None, None)
        .await?;
    ensure!(me.body["username"] == VIEWER, "exec plugin: {}", me.text);
    // An API client's bearer token is the next best credential.
    let reply = server
        .http
        .get(format!("{}/clusters/dev/me", server.url))
        .bearer_auth(env.get("DEV_VIEWER_TOKEN")?)
        .send()
        .await?;
    let me = crate::support::Reply::read(reply).await?;
    ensure!(
        me.body["username"] == VIEWER && me.body["credential"] == "bearerHeader",
        "{}",
        me.text
    );
    Ok(())
}

#[tokio::test]
async fn impersonation_headers_pass_only_with_the_users_own_credential() -> Result<()> {
    let env = stack()?;
    let server = Server::start(&env, &[]).await?;
    let url = format!(
        "{}/clusters/dev-admin/api/v1/namespaces/staging/secrets",
        server.url
    );
    let refused = server
        .http
        .get(&url)
        .header("Impersonate-User", VIEWER)
        .send()
        .await?;
    let refused = crate::support::Reply::read(refused).await?;
    ensure!(
        refused.status == StatusCode::FORBIDDEN && refused.body["reason"] == "ImpersonationRefused",
        "{}",
        refused.text
    );
    // With the admin's own bearer token the cluster applies the impersonation.
    let own = server
        .http
        .get(&url)
        .bearer_auth(env.get("DEV_ADMIN_TOKEN")?)
        .header("Impersonate-User", VIEWER)
        .send()
        .await?;
    let own = crate::support::Reply::read(own).await?;
    ensure!(
        own.status == StatusCode::FORBIDDEN && own.text.contains(VIEWER),
        "{}",
        own.text
    );
    Ok(())
}

#[tokio::test]
async fn paths_that_leave_the_cluster_prefix_are_refused() -> Result<()> {
    let env = stack()?;
    let server = Server::start(&env, &[]).await?;
    for path in [
        "/clusters/dev-admin/api/../../config",
        "/clusters/dev-admin/%2e%2e/%2e%2e/config",
        "/clusters/dev-admin/api/v1/namespaces/%2E%2E/secrets",
        "/clusters/dev-admin/api%2fv1/namespaces",
        "/clusters/dev-admin/api/v1\\..\\..\\x",
        "/clusters/dev-admin/api//v1/namespaces",
    ] {
        let request =
            format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        let answer = server.raw(request.as_bytes())?;
        ensure!(answer.starts_with("HTTP/1.1 400"), "{path}: {answer}");
        ensure!(answer.contains("BadPath"), "{path}: {answer}");
    }
    let unknown = server
        .call(Method::GET, "/clusters/nope/api/v1/pods", None, None)
        .await?;
    ensure!(
        unknown.status == StatusCode::NOT_FOUND && unknown.body["reason"] == "ClusterNotFound",
        "{}",
        unknown.text
    );
    // The cluster's own Status passes through unchanged.
    let missing = server
        .call(
            Method::GET,
            "/clusters/dev-admin/api/v1/namespaces/demo/pods/no-such-pod",
            None,
            None,
        )
        .await?;
    ensure!(
        missing.status == StatusCode::NOT_FOUND && missing.body["reason"] == "NotFound",
        "{}",
        missing.text
    );
    Ok(())
}

#[tokio::test]
async fn oversized_headers_are_refused_with_431() -> Result<()> {
    let env = stack()?;
    let server = Server::start(&env, &[]).await?;
    let request = format!(
        "GET /clusters/dev-admin/version HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: {}\r\nConnection: close\r\n\r\n",
        "a".repeat(100_000)
    );
    let answer = server.raw(request.as_bytes())?;
    ensure!(
        answer.starts_with("HTTP/1.1 431"),
        "{}",
        answer.lines().next().unwrap_or("")
    );
    Ok(())
}

#[tokio::test]
async fn an_unreachable_cluster_gives_502_quickly_and_does_not_block_the_others() -> Result<()> {
    let env = stack()?;
    let server = Server::start(&env, &[]).await?;
    let started = Instant::now();
    let down = server
        .call(Method::GET, "/clusters/down/version", None, None)
        .await?;
    ensure!(
        down.status == StatusCode::BAD_GATEWAY && down.body["reason"] == "ClusterUnreachable",
        "{}",
        down.text
    );
    ensure!(
        started.elapsed() < Duration::from_secs(6),
        "took {:?}",
        started.elapsed()
    );
    let config = server.call(Method::GET, "/config", None, None).await?;
    let clusters = config.body["clusters"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let find = |n: &str| {
        clusters
            .iter()
            .find(|c| c["name"] == n)
            .cloned()
            .unwrap_or_default()
    };
    ensure!(
        find("down")["status"]["reachable"] == false && find("down")["status"]["error"].is_string(),
        "{}",
        config.text
    );
    ensure!(
        find("dev")["status"]["reachable"] == true,
        "{}",
        config.text
    );
    ensure!(
        find("dev")["server"] == env.get("DEV_APISERVER")?.to_owned() + "/",
        "{}",
        config.text
    );
    let errors = config.body["clusterErrors"].to_string();
    ensure!(
        errors.contains("broken") && errors.contains("missing"),
        "{errors}"
    );
    ensure!(
        !config.text.contains(env.get("DEV_ADMIN_TOKEN")?),
        "/config shows a token"
    );
    Ok(())
}

#[tokio::test]
async fn watches_stream_through_without_buffering() -> Result<()> {
    let env = stack()?;
    let server = Server::start(&env, &[]).await?;
    let admin = KubeClient::admin(&env)?;
    let name = format!("watch-probe-{}", std::process::id());
    let mut watch = server
        .http
        .get(format!("{}/clusters/dev-admin/api/v1/namespaces/demo/configmaps?watch=1&fieldSelector=metadata.name%3D{name}", server.url))
        .send()
        .await?;
    ensure!(watch.status() == StatusCode::OK);
    let metrics = server.call(Method::GET, "/metrics", None, None).await?;
    ensure!(
        metrics.text.contains("lanthorn_active_watches 1"),
        "{}",
        metrics.text
    );
    let cm = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name}});
    let (status, body) = admin
        .post("/api/v1/namespaces/demo/configmaps", &cm)
        .await?;
    ensure!(status == StatusCode::CREATED, "{body}");
    let mut seen = String::new();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !seen.contains("\"ADDED\"") {
        let left = deadline.saturating_duration_since(Instant::now());
        let chunk = tokio::time::timeout(left, watch.chunk())
            .await
            .context("no ADDED event within 10 s")??;
        seen.push_str(&String::from_utf8_lossy(&chunk.context("watch ended")?));
    }
    ensure!(seen.contains(&name), "{seen}");
    admin
        .delete(&format!("/api/v1/namespaces/demo/configmaps/{name}"))
        .await?;
    Ok(())
}

#[tokio::test]
async fn kubectl_exec_and_logs_work_through_the_proxy_served_over_tls() -> Result<()> {
    let env = stack()?;
    let dir = TempDir::new("kubectl")?;
    // kubectl sends bearer tokens only over HTTPS, so Lanthorn serves TLS here.
    let (cert, key) = serving_certificate(&dir)?;
    let server = Server::start(&env, &["--tls-cert-file", &cert, "--tls-key-file", &key]).await?;
    ensure!(server.url.starts_with("https://"));
    let signed = server
        .set_token("dev", env.get("DEV_VIEWER_TOKEN")?, None)
        .await?;
    let set_cookie = signed.header("set-cookie").unwrap_or_default();
    ensure!(
        set_cookie.starts_with("__Host-lanthorn-session=") && set_cookie.contains("Secure"),
        "{set_cookie}"
    );
    let kubeconfig = dir.write(
        "config",
        &format!(
            "apiVersion: v1\nkind: Config\nclusters: [{{name: l, cluster: {{server: '{}/clusters/dev', certificate-authority: '{cert}'}}}}]\n\
             users: [{{name: u, user: {{token: '{}'}}}}]\ncontexts: [{{name: c, context: {{cluster: l, user: u}}}}]\ncurrent-context: c\n",
            server.url,
            env.get("DEV_ADMIN_TOKEN")?
        ),
    )?;
    let pod = first_web_pod(&env).await?;
    let kubectl = |args: Vec<String>| {
        let mut command = tokio::process::Command::new(env.get("DEV_KUBECTL").unwrap_or("kubectl"));
        command.args(args).env("KUBECONFIG", &kubeconfig);
        command
    };
    let exec = kubectl(
        [
            "exec",
            "-n",
            "demo",
            &pod,
            "--",
            "sh",
            "-c",
            "echo $((6 * 7))",
        ]
        .map(String::from)
        .to_vec(),
    )
    .output()
    .await?;
    let stdout = String::from_utf8_lossy(&exec.stdout);
    ensure!(
        exec.status.success() && stdout.trim() == "42",
        "exec: {stdout} {}",
        String::from_utf8_lossy(&exec.stderr)
    );
    let logs = kubectl(
        ["logs", "-n", "demo", &pod, "--tail", "3"]
            .map(String::from)
            .to_vec(),
    )
    .output()
    .await?;
    ensure!(
        logs.status.success() && !logs.stdout.is_empty(),
        "logs: {}",
        String::from_utf8_lossy(&logs.stderr)
    );
    Ok(())
}

/// A Running pod of the demo `web` Deployment (waits for kwok to start one).
pub async fn first_web_pod(env: &devstack::DevEnv) -> Result<String> {
    let admin = KubeClient::admin(env)?;
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        let (_, pods) = admin
            .get("/api/v1/namespaces/demo/pods?labelSelector=app.kubernetes.io%2Fname%3Dweb")
            .await?;
        let running = pods["items"]
            .as_array()
            .and_then(|items| items.iter().find(|p| p["status"]["phase"] == "Running"))
            .and_then(|p| p["metadata"]["name"].as_str());
        if let Some(name) = running {
            return Ok(name.to_owned());
        }
        ensure!(
            Instant::now() < deadline,
            "no Running web pod in demo: {pods}"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

#[tokio::test]
async fn the_service_proxy_passes_the_clusters_answer_as_the_signed_in_user() -> Result<()> {
    let env = stack()?;
    let server = Server::start(&env, &[]).await?;
    let admin = KubeClient::admin(&env)?;
    // What the API server answers the admin directly (kwok backends cannot be dialled:
    // its error is the answer to pass on unchanged).
    let (direct_status, direct) = admin
        .get_text("/api/v1/namespaces/demo/services/web:80/proxy/")
        .await?;
    let cookie = server
        .set_token("dev", env.get("DEV_ADMIN_TOKEN")?, None)
        .await?
        .session_cookie()
        .unwrap_or_default();
    let through = server
        .call(
            Method::GET,
            "/clusters/dev/serviceproxy/demo/web:80/",
            Some(&cookie),
            None,
        )
        .await?;
    ensure!(
        through.status == direct_status && through.text == direct,
        "through Lanthorn {} {:?}, directly {direct_status} {direct:?}",
        through.status,
        through.text
    );
    // The viewer has no services/proxy: the cluster refuses it by name.
    let viewer = server
        .set_token("dev", env.get("DEV_VIEWER_TOKEN")?, None)
        .await?
        .session_cookie()
        .unwrap_or_default();
    let refused = server
        .call(
            Method::GET,
            "/clusters/dev/serviceproxy/demo/web:80/",
            Some(&viewer),
            None,
        )
        .await?;
    ensure!(refused.status == StatusCode::FORBIDDEN, "{}", refused.text);
    ensure!(
        refused.text.contains(VIEWER) && refused.text.contains("services/proxy"),
        "{}",
        refused.text
    );
    let bad = server
        .call(
            Method::GET,
            "/clusters/dev/serviceproxy/demo",
            Some(&cookie),
            None,
        )
        .await?;
    ensure!(bad.status == StatusCode::BAD_REQUEST, "{}", bad.text);
    Ok(())
}
