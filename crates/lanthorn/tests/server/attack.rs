//! Issue 12's attack suite against the real binary and the stack: each test plays an
//! attacker who tries to act with somebody else's identity, and each failed on the main
//! branch before the fix it proves.

use std::process::{Command, Stdio};
use std::time::Duration;

use anyhow::{Context as _, Result, ensure};
use reqwest::{Method, StatusCode};

use crate::support::{BIN, Reply, Server, TempDir, kubeconfig, stack};

const VIEWER: &str = "system:serviceaccount:demo:demo-viewer";

/// A request for `path` with `Host: host`, sent raw (clients fix the Host themselves).
fn with_host(server: &Server, method: &str, path: &str, host: &str, body: &str) -> Result<String> {
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    server.raw(request.as_bytes())
}

#[tokio::test]
async fn a_dns_rebinding_host_gets_421_on_every_route() -> Result<()> {
    let env = stack()?;
    let server = Server::start(&env, &[]).await?;
    let rebind = format!("rebind.example:{}", server.port);
    let create = r#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"rebound"}}"#;
    for (method, path, body) in [
        (
            "GET",
            "/clusters/dev-admin/api/v1/namespaces/kube-system/secrets",
            "",
        ),
        (
            "POST",
            "/clusters/dev-admin/api/v1/namespaces/demo/configmaps",
            create,
        ),
        ("GET", "/config", ""),
        ("GET", "/healthz", ""),
        ("GET", "/", ""),
        ("GET", "/watch", ""),
    ] {
        let answer = with_host(&server, method, path, &rebind, body)?;
        ensure!(
            answer.starts_with("HTTP/1.1 421") && answer.contains("HostNotAllowed"),
            "{method} {path} with Host {rebind}: {answer}"
        );
    }
    let admin = devstack::KubeClient::admin(&env)?;
    let (status, _) = admin
        .get("/api/v1/namespaces/demo/configmaps/rebound")
        .await?;
    ensure!(
        status == StatusCode::NOT_FOUND,
        "the rebinding POST created a ConfigMap"
    );
    // Loopback names and IP literals pass; the refusal is in the audit log.
    for host in [
        format!("localhost:{}", server.port),
        format!("127.0.0.1:{}", server.port),
    ] {
        let answer = with_host(&server, "GET", "/healthz", &host, "")?;
        ensure!(answer.starts_with("HTTP/1.1 200"), "{host}: {answer}");
    }
    let lines = server.audit_lines(1).await?;
    ensure!(
        lines
            .iter()
            .any(|l| l["event"] == "refused" && l["reason"] == "HostNotAllowed"),
        "no refusal audited: {}",
        server.audit_text()
    );
    // A name the operator allows is answered.
    let named = Server::start(&env, &["--allowed-host", "lanthorn.test"]).await?;
    let answer = with_host(&named, "GET", "/healthz", "lanthorn.test", "")?;
    ensure!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let public = Server::start(&env, &["--public-url", "https://ui.lanthorn.test"]).await?;
    let answer = with_host(&public, "GET", "/healthz", "ui.lanthorn.test", "")?;
    ensure!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let answer = with_host(&public, "GET", "/healthz", "ui.lanthorn.test:8080", "")?;
    ensure!(answer.starts_with("HTTP/1.1 421"), "{answer}");
    Ok(())
}

#[tokio::test]
async fn cross_site_requests_never_act_with_the_kubeconfig_credential() -> Result<()> {
    let env = stack()?;
    let server = Server::start(&env, &[]).await?;
    let url = format!(
        "{}/clusters/dev-admin/api/v1/namespaces/kube-system/secrets",
        server.url
    );
    for site in ["cross-site", "same-site"] {
        let reply = server
            .http
            .get(&url)
            .header("sec-fetch-site", site)
            .header("sec-fetch-mode", "no-cors")
            .send()
            .await?;
        let reply = Reply::read(reply).await?;
        ensure!(
            matches!(
                reply.status,
                StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN
            ) && !reply.text.contains("\"items\""),
            "a {site} GET read Secrets with the kubeconfig's credential: {} {}",
            reply.status,
            reply.text.chars().take(200).collect::<String>()
        );
    }
    let evil_origin = server
        .http
        .get(&url)
        .header("origin", "https://evil.example")
        .send()
        .await?;
    ensure!(
        evil_origin.status() != StatusCode::OK,
        "cross-origin GET acted"
    );
    for site in [Some("same-origin"), Some("none"), None] {
        let mut request = server.http.get(&url);
        if let Some(site) = site {
            request = request.header("sec-fetch-site", site);
        }
        let status = request.send().await?.status();
        ensure!(status == StatusCode::OK, "{site:?}: {status}");
    }
    Ok(())
}

#[tokio::test]
async fn listening_beyond_loopback_with_kubeconfig_credentials_needs_the_unsafe_switch()
-> Result<()> {
    let env = stack()?;
    let dir = TempDir::new("exposed")?;
    let config = kubeconfig(&env, &dir)?;
    let out = Command::new(BIN)
        .args(["--listen-address", "0.0.0.0", "--port", "1"])
        .env("KUBECONFIG", &config)
        .stdin(Stdio::null())
        .output()?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    ensure!(
        out.status.code() == Some(64)
            && stderr.contains("--listen-address")
            && stderr.contains("--unsafe-use-kubeconfig-credential")
            && stderr.contains("dev-admin"),
        "{:?}: {stderr}",
        out.status.code()
    );
    // With the switch it starts and says so. It runs in a network namespace of its own
    // (only a loopback device), so nothing outside this test can reach it.
    let mut child = Command::new("unshare")
        .args(["--net", "--"])
        .arg(BIN)
        .args([
            "--listen-address",
            "0.0.0.0",
            "--unsafe-use-kubeconfig-credential",
        ])
        .env("KUBECONFIG", &config)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .context("unshare")?;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let running = child.try_wait()?.is_none();
    let _ = child.kill();
    let out = child.wait_with_output()?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    ensure!(
        running && stderr.contains("--unsafe-use-kubeconfig-credential is set"),
        "running: {running}; {stderr}"
    );
    Ok(())
}

#[tokio::test]
async fn cluster_content_is_sandboxed_and_lanthorns_headers_win() -> Result<()> {
    let env = stack()?;
    let server = Server::start(&env, &[]).await?;
    let csp = |r: &Reply| r.header("content-security-policy").unwrap_or("").to_owned();
    // A proxy subresource (the kwok backend cannot be dialled; the API server's answer
    // still comes through the proxy and is what a tenant's page would be).
    let proxied = server
        .call(
            Method::GET,
            "/clusters/dev-admin/api/v1/namespaces/demo/services/web:80/proxy/",
            None,
            None,
        )
        .await?;
    ensure!(
        csp(&proxied).starts_with("sandbox ") && !csp(&proxied).contains("allow-same-origin"),
        "proxied answer: {:?}",
        proxied.headers
    );
    let api = server
        .call(
            Method::GET,
            "/clusters/dev-admin/api/v1/namespaces/demo/configmaps",
            None,
            None,
        )
        .await?;
    ensure!(api.status == StatusCode::OK, "{}", api.text);
    ensure!(
        csp(&api).starts_with("sandbox;") && api.header("cache-control") == Some("no-store"),
        "API answer: {:?}",
        api.headers
    );
    let app = server.call(Method::GET, "/", None, None).await?;
    ensure!(
        csp(&app).starts_with("default-src 'self'"),
        "{:?}",
        app.headers
    );
    // No page may install a service worker on Lanthorn's origin.
    let sw = server
        .http
        .get(format!(
            "{}/clusters/dev-admin/api/v1/namespaces/demo/services/web:80/proxy/sw.js",
            server.url
        ))
        .header("service-worker", "script")
        .send()
        .await?;
    let sw = Reply::read(sw).await?;
    ensure!(
        sw.status == StatusCode::FORBIDDEN && sw.body["reason"] == "ServiceWorkerRefused",
        "{} {}",
        sw.status,
        sw.text
    );
    // HSTS once the browser reached us over HTTPS (here: a proxy in front says so).
    let plain = server.call(Method::GET, "/healthz", None, None).await?;
    ensure!(plain.header("strict-transport-security").is_none());
    let behind = server
        .http
        .get(format!("{}/healthz", server.url))
        .header("x-forwarded-proto", "https")
        .send()
        .await?;
    ensure!(
        behind
            .headers()
            .get("strict-transport-security")
            .is_some_and(|v| v.as_bytes().starts_with(b"max-age=")),
        "{:?}",
        behind.headers()
    );
    // --secure-cookies pins Secure (and HSTS) without trusting a forwarded header.
    let pinned = Server::start(&env, &["--secure-cookies"]).await?;
    let signed = pinned
        .set_token("dev", env.get("DEV_VIEWER_TOKEN")?, None)
        .await?;
    let cookie = signed.header("set-cookie").unwrap_or_default();
    ensure!(
        cookie.starts_with("__Host-lanthorn-session=") && cookie.contains("Secure"),
        "{cookie}"
    );
    ensure!(signed.header("strict-transport-security").is_some());
    ensure!(signed.header("cache-control") == Some("no-store"));
    Ok(())
}

#[tokio::test]
async fn a_bearer_token_hidden_in_the_websocket_subprotocol_is_not_forwarded() -> Result<()> {
    use base64::Engine as _;
    let env = stack()?;
    let server = Server::start(&env, &[]).await?;
    let pod = crate::proxy::first_web_pod(&env).await?;
    let token =
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(env.get("DEV_ADMIN_TOKEN")?);
    // `dev` carries no credential: without the fix the API server would take the admin
    // token from the subprotocol and run the command.
    let request = format!(
        "GET /clusters/dev/api/v1/namespaces/demo/pods/{pod}/exec?command=true&stdout=true HTTP/1.1\r\n\
         Host: 127.0.0.1:{port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\
         Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\
         Sec-WebSocket-Protocol: v5.channel.k8s.io, base64url.bearer.authorization.k8s.io.{token}\r\n\r\n",
        port = server.port
    );
    let answer = server.raw(request.as_bytes())?;
    ensure!(
        !answer.starts_with("HTTP/1.1 101"),
        "exec ran with a token smuggled in the subprotocol: {}",
        answer.lines().next().unwrap_or_default()
    );
    ensure!(
        answer.starts_with("HTTP/1.1 401") || answer.starts_with("HTTP/1.1 403"),
        "{answer}"
    );
    Ok(())
}

#[tokio::test]
async fn a_kubeconfig_context_acts_as_the_identity_its_user_entry_names() -> Result<()> {
    let env = stack()?;
    let dir = TempDir::new("as")?;
    let server_url = env.get("DEV_APISERVER")?;
    let ca = env.get("DEV_CA_FILE")?;
    let admin = env.get("DEV_ADMIN_TOKEN")?;
    let path = dir.write(
        "kubeconfig",
        &format!(
            "apiVersion: v1\nkind: Config\n\
             clusters:\n- {{name: stack, cluster: {{server: '{server_url}', certificate-authority: '{ca}'}}}}\n\
             users:\n\
             - {{name: as-viewer, user: {{token: '{admin}', as: '{VIEWER}', as-groups: [system:authenticated]}}}}\n\
             - {{name: basic, user: {{username: jane, password: hunter2}}}}\n\
             contexts:\n\
             - {{name: as-viewer, context: {{cluster: stack, user: as-viewer}}}}\n\
             - {{name: basic, context: {{cluster: stack, user: basic}}}}\n\
             current-context: as-viewer\n"
        ),
    )?;
    let path = path.display().to_string();
    let server = Server::start(&env, &["--kubeconfig", &path]).await?;
    let secrets = server
        .call(
            Method::GET,
            "/clusters/as-viewer/api/v1/namespaces/kube-system/secrets",
            None,
            None,
        )
        .await?;
    ensure!(
        secrets.status == StatusCode::FORBIDDEN && secrets.text.contains(VIEWER),
        "as: was ignored: {} {}",
        secrets.status,
        secrets.text.chars().take(300).collect::<String>()
    );
    let me = server
        .call(Method::GET, "/clusters/as-viewer/me", None, None)
        .await?;
    ensure!(me.body["username"] == VIEWER, "{}", me.text);
    let config = server.call(Method::GET, "/config", None, None).await?;
    ensure!(
        config.text.contains("basic authentication") && config.text.contains(r#"\"basic\""#),
        "basic auth not reported: {}",
        config.text
    );
    ensure!(!config.text.contains("hunter2"), "the password was shown");
    Ok(())
}

/// Reads a streaming answer until it ends; `Ok(true)` when it ended before `limit`.
async fn ends_within(mut response: reqwest::Response, limit: Duration) -> Result<bool> {
    let read_all = async { while let Ok(Some(_)) = response.chunk().await {} };
    Ok(tokio::time::timeout(limit, read_all).await.is_ok())
}

/// Opens a watch on the demo ConfigMaps through `server` with session `cookie`.
async fn open_watch(server: &Server, cookie: &str) -> Result<reqwest::Response> {
    let response = server
        .http
        .get(format!(
            "{}/clusters/dev/api/v1/namespaces/demo/configmaps?watch=1",
            server.url
        ))
        .header("cookie", format!("lanthorn-session={cookie}"))
        .send()
        .await?;
    ensure!(
        response.status() == StatusCode::OK,
        "watch: {}",
        response.status()
    );
    Ok(response)
}

#[tokio::test]
async fn streams_end_with_the_session_that_opened_them() -> Result<()> {
    let env = stack()?;
    let admin = env.get("DEV_ADMIN_TOKEN")?;
    let server = Server::start(&env, &[]).await?;
    let cookie = server.sign_in("dev", admin).await?;
    // Open, the watch stays open.
    let open = open_watch(&server, &cookie).await?;
    ensure!(
        !ends_within(open, Duration::from_secs(2)).await?,
        "a watch ended by itself"
    );
    let open = open_watch(&server, &cookie).await?;
    let out = server
        .call(Method::POST, "/sign-out", Some(&cookie), None)
        .await?;
    ensure!(out.status == StatusCode::OK, "{}", out.text);
    ensure!(
        ends_within(open, Duration::from_secs(3)).await?,
        "the watch outlived the sign-out"
    );

    // --session-ttl: the stream's deadline is the session's end.
    let short = Server::start(&env, &["--session-ttl", "3"]).await?;
    let open = open_watch(&short, &short.sign_in("dev", admin).await?).await?;
    ensure!(
        ends_within(open, Duration::from_secs(8)).await?,
        "the watch outlived --session-ttl"
    );

    // The idle timeout: an open stream is not use of the session.
    let idle = Server::start(
        &env,
        &["--session-ttl", "600", "--session-idle-timeout", "3"],
    )
    .await?;
    let open = open_watch(&idle, &idle.sign_in("dev", admin).await?).await?;
    ensure!(
        ends_within(open, Duration::from_secs(12)).await?,
        "the watch kept an idle session alive"
    );
    Ok(())
}

#[tokio::test]
async fn one_caller_with_300_watches_does_not_starve_another() -> Result<()> {
    let env = stack()?;
    let server = Server::start(&env, &[]).await?;
    let greedy = server.sign_in("dev", env.get("DEV_ADMIN_TOKEN")?).await?;
    let other = server.sign_in("dev", env.get("DEV_VIEWER_TOKEN")?).await?;
    // `watch=yes` is a watch to kube-apiserver; on the shared HTTP/2 connection about a
    // hundred of them took every stream it allows.
    let url = format!(
        "{}/clusters/dev/api/v1/namespaces/demo/configmaps?watch=yes",
        server.url
    );
    let opened = futures_util::future::join_all((0..300).map(|_| {
        server
            .http
            .get(&url)
            .header("cookie", format!("lanthorn-session={greedy}"))
            .send()
    }))
    .await;
    let mut open = Vec::new();
    let mut refused = 0;
    for response in opened {
        let response = response?;
        match response.status() {
            StatusCode::OK => open.push(response),
            StatusCode::TOO_MANY_REQUESTS => refused += 1,
            other => anyhow::bail!("watch answered {other}"),
        }
    }
    ensure!(
        open.len() == 256 && refused == 44,
        "{} open, {refused} refused",
        open.len()
    );
    let started = std::time::Instant::now();
    let list = server
        .call(
            Method::GET,
            "/clusters/dev/api/v1/namespaces/demo/configmaps",
            Some(&other),
            None,
        )
        .await?;
    let took = started.elapsed();
    ensure!(list.status == StatusCode::OK, "{}", list.text);
    ensure!(
        took < Duration::from_secs(1),
        "another user's list took {took:?} while 256 watches were open"
    );
    drop(open);
    Ok(())
}

#[tokio::test]
async fn token_guessing_through_set_token_is_rate_limited() -> Result<()> {
    let env = stack()?;
    let server = Server::start(&env, &[]).await?;
    for attempt in 0..30 {
        let reply = server
            .set_token("dev", &format!("guess-{attempt}"), None)
            .await?;
        ensure!(
            reply.status == StatusCode::UNAUTHORIZED,
            "attempt {attempt}: {} {}",
            reply.status,
            reply.text
        );
    }
    let limited = server
        .set_token("dev", env.get("DEV_VIEWER_TOKEN")?, None)
        .await?;
    ensure!(
        limited.status == StatusCode::TOO_MANY_REQUESTS
            && limited.body["reason"] == "TooManySignIns"
            && limited.session_cookie().is_none(),
        "{} {}",
        limited.status,
        limited.text
    );
    let lines = server.audit_lines(31).await?;
    ensure!(
        lines.iter().any(|l| l["reason"] == "TooManySignIns"),
        "{}",
        server.audit_text()
    );
    Ok(())
}

#[tokio::test]
async fn a_change_that_never_reached_the_cluster_is_audited() -> Result<()> {
    let env = stack()?;
    let server = Server::start(&env, &[]).await?;
    let body =
        serde_json::json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "lost"}});
    let reply = server
        .call(
            Method::POST,
            "/clusters/down/api/v1/namespaces/demo/configmaps",
            None,
            Some(&body),
        )
        .await?;
    ensure!(
        reply.status == StatusCode::BAD_GATEWAY,
        "{} {}",
        reply.status,
        reply.text
    );
    let lines = server.audit_lines(1).await?;
    ensure!(
        lines.iter().any(|l| l["event"] == "request"
            && l["verb"] == "create"
            && l["cluster"] == "down"
            && l["status"] == 502),
        "{}",
        server.audit_text()
    );
    Ok(())
}

/// A header of a raw HTTP answer.
fn raw_header(answer: &str, name: &str) -> Option<String> {
    let head = answer.split("\r\n\r\n").next()?;
    head.lines().find_map(|line| {
        let (k, v) = line.split_once(':')?;
        k.trim()
            .eq_ignore_ascii_case(name)
            .then(|| v.trim().to_owned())
    })
}

fn raw_get(server: &Server, path: &str, host: &str, extra: &str) -> Result<String> {
    server.raw(
        format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n{extra}Connection: close\r\n\r\n")
            .as_bytes(),
    )
}

#[tokio::test]
async fn the_service_proxy_origin_serves_only_proxied_pages_with_a_cookie_of_its_own() -> Result<()>
{
    let env = stack()?;
    let proxy_host = "lanthorn-proxy.test:8080";
    let server = Server::start(
        &env,
        &["--service-proxy-origin", "http://lanthorn-proxy.test:8080"],
    )
    .await?;
    let main_host = format!("127.0.0.1:{}", server.port);
    let session = server.sign_in("dev", env.get("DEV_ADMIN_TOKEN")?).await?;
    let page = "/clusters/dev/api/v1/namespaces/demo/services/web:80/proxy/";
    // A fetch from a page on Lanthorn's origin is answered there, sandboxed.
    let fetched = raw_get(
        &server,
        page,
        &main_host,
        &format!("Cookie: lanthorn-session={session}\r\n"),
    )?;
    ensure!(
        raw_header(&fetched, "content-security-policy").is_some_and(|c| c.starts_with("sandbox")),
        "{fetched}"
    );
    // Another site cannot push a signed-in visitor onto the proxy origin.
    let pushed = raw_get(
        &server,
        page,
        &main_host,
        &format!(
            "Cookie: lanthorn-session={session}\r\nSec-Fetch-Mode: navigate\r\nSec-Fetch-Site: cross-site\r\n"
        ),
    )?;
    ensure!(raw_header(&pushed, "location").is_none(), "{pushed}");
    ensure!(
        raw_header(&pushed, "content-security-policy").is_some_and(|c| c.starts_with("sandbox")),
        "{pushed}"
    );
    // A page navigation is sent to the proxy origin with a grant.
    let navigate = raw_get(
        &server,
        page,
        &main_host,
        &format!("Cookie: lanthorn-session={session}\r\nSec-Fetch-Mode: navigate\r\n"),
    )?;
    let location = raw_header(&navigate, "location").context(navigate.clone())?;
    let grant_path = location
        .strip_prefix("http://lanthorn-proxy.test:8080")
        .context(location.clone())?
        .to_owned();
    ensure!(
        grant_path.starts_with("/.lanthorn/proxy-session?grant="),
        "{location}"
    );
    ensure!(!location.contains(&session), "the session id is in the URL");
    let accepted = raw_get(&server, &grant_path, proxy_host, "")?;
    ensure!(
        raw_header(&accepted, "location").as_deref() == Some(page),
        "{accepted}"
    );
    let set = raw_header(&accepted, "set-cookie").context(accepted.clone())?;
    let proxy_cookie = set
        .split(';')
        .next()
        .and_then(|p| p.strip_prefix("lanthorn-proxy="))
        .context(set.clone())?
        .to_owned();
    ensure!(set.contains("HttpOnly"), "{set}");
    let replay = raw_get(&server, &grant_path, proxy_host, "")?;
    ensure!(
        replay.starts_with("HTTP/1.1 403") && replay.contains("GrantRefused"),
        "{replay}"
    );
    // On the proxy origin: the page, as the user, without the sandbox.
    let with_cookie = format!("Cookie: lanthorn-proxy={proxy_cookie}\r\n");
    let admin = devstack::KubeClient::admin(&env)?;
    let (direct, _) = admin.get_text(&page["/clusters/dev".len()..]).await?;
    let there = raw_get(&server, page, proxy_host, &with_cookie)?;
    ensure!(
        there.starts_with(&format!("HTTP/1.1 {}", direct.as_u16())),
        "direct {direct}, through the proxy origin: {there}"
    );
    ensure!(
        raw_header(&there, "content-security-policy").as_deref() == Some("frame-ancestors 'none'"),
        "{there}"
    );
    // Nothing but proxied pages there, and no other credential.
    for path in [
        "/clusters/dev/api/v1/namespaces/demo/configmaps",
        "/config",
        "/",
    ] {
        let answer = raw_get(&server, path, proxy_host, &with_cookie)?;
        ensure!(
            answer.starts_with("HTTP/1.1 404") && answer.contains("NotOnThisOrigin"),
            "{path}: {answer}"
        );
    }
    let ambient = raw_get(
        &server,
        "/clusters/dev-admin/api/v1/namespaces/demo/services/web:80/proxy/",
        proxy_host,
        &format!("Cookie: lanthorn-session={session}\r\n"),
    )?;
    ensure!(
        ambient.starts_with("HTTP/1.1 401") || ambient.starts_with("HTTP/1.1 403"),
        "the proxy origin acted with another credential: {ambient}"
    );
    Ok(())
}

#[tokio::test]
async fn lanthorns_own_refusals_and_ended_sessions_are_audited() -> Result<()> {
    let env = stack()?;
    let server = Server::start(&env, &["--session-ttl", "2"]).await?;
    let me = server
        .call(Method::GET, "/clusters/dev/me", None, None)
        .await?;
    ensure!(me.status == StatusCode::UNAUTHORIZED, "{}", me.text);
    let cookie = server.sign_in("dev", env.get("DEV_VIEWER_TOKEN")?).await?;
    tokio::time::sleep(Duration::from_millis(2500)).await;
    for _ in 0..2 {
        let after = server
            .call(Method::GET, "/clusters/dev/me", Some(&cookie), None)
            .await?;
        ensure!(after.status == StatusCode::UNAUTHORIZED, "{}", after.text);
    }
    let lines = server.audit_lines(4).await?;
    let refused = lines
        .iter()
        .filter(|l| {
            l["event"] == "refused" && l["status"] == 401 && l["path"] == "/clusters/dev/me"
        })
        .count();
    ensure!(
        refused == 3,
        "{refused} refusals audited: {}",
        server.audit_text()
    );
    let ended = lines
        .iter()
        .filter(|l| l["event"] == "session-ended")
        .count();
    ensure!(
        ended == 1,
        "{ended} session-ended lines: {}",
        server.audit_text()
    );
    ensure!(
        !server.audit_text().contains(&cookie),
        "the session id is in the audit log"
    );
    Ok(())
}
