//! What protects browsers: CSRF refusal, WebSocket origin checks, security headers; and
//! the endpoints operators probe: health, readiness, metrics, the embedded web app.

use anyhow::{Context as _, Result, ensure};
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::support::{Reply, Server, stack};

#[tokio::test]
async fn cross_origin_writes_and_websockets_are_refused() -> Result<()> {
    let env = stack()?;
    let server = Server::start(&env, &[]).await?;
    let token = json!({"token": env.get("DEV_VIEWER_TOKEN")?});
    let url = format!("{}/clusters/dev/set-token", server.url);
    let evil = server
        .http
        .post(&url)
        .header("origin", "https://evil.example")
        .json(&token)
        .send()
        .await?;
    let evil = Reply::read(evil).await?;
    ensure!(
        evil.status == StatusCode::FORBIDDEN && evil.body["reason"] == "CrossOriginRefused",
        "{}",
        evil.text
    );
    ensure!(evil.session_cookie().is_none());
    let site = server
        .http
        .post(&url)
        .header("sec-fetch-site", "cross-site")
        .json(&token)
        .send()
        .await?;
    ensure!(site.status() == StatusCode::FORBIDDEN);
    let same = server
        .http
        .post(&url)
        .header("origin", server.url.clone())
        .header("sec-fetch-site", "same-origin")
        .json(&token)
        .send()
        .await?;
    ensure!(
        same.status() == StatusCode::OK,
        "same-origin sign-in refused: {}",
        same.status()
    );
    let delete = server
        .http
        .delete(format!(
            "{}/clusters/dev-admin/api/v1/namespaces/demo/configmaps/x",
            server.url
        ))
        .header("origin", "http://evil.example")
        .send()
        .await?;
    ensure!(delete.status() == StatusCode::FORBIDDEN);

    let upgrade = format!(
        "GET /clusters/dev-admin/api/v1/namespaces/demo/pods/x/exec?command=sh HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\
         Origin: https://evil.example\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n\
         Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nConnection: close\r\n\r\n",
        server.port
    );
    let answer = server.raw(upgrade.as_bytes())?;
    ensure!(
        answer.starts_with("HTTP/1.1 403") && answer.contains("CrossOriginRefused"),
        "{answer}"
    );
    Ok(())
}

#[tokio::test]
async fn responses_carry_security_headers() -> Result<()> {
    let env = stack()?;
    let server = Server::start(&env, &[]).await?;
    for path in [
        "/config",
        "/",
        "/clusters/dev-admin/version",
        "/clusters/nope/version",
    ] {
        let reply = server.call(Method::GET, path, None, None).await?;
        let csp = reply.header("content-security-policy").unwrap_or_default();
        // What a cluster answered runs as nothing when opened as a page; Lanthorn's own
        // answers (an unknown cluster too) carry the app's policy.
        let from_cluster = path == "/clusters/dev-admin/version";
        let expected = if from_cluster {
            "default-src 'none'"
        } else {
            "default-src 'self'"
        };
        ensure!(
            csp.contains("frame-ancestors 'none'") && csp.contains(expected),
            "{path}: {csp}"
        );
        ensure!(!from_cluster || csp.starts_with("sandbox"), "{path}: {csp}");
        ensure!(
            reply.header("x-content-type-options") == Some("nosniff"),
            "{path}"
        );
        ensure!(
            reply.header("referrer-policy") == Some("no-referrer"),
            "{path}"
        );
    }
    Ok(())
}

#[tokio::test]
async fn health_readiness_and_metrics() -> Result<()> {
    let env = stack()?;
    let server = Server::start(&env, &[]).await?;
    ensure!(
        server
            .call(Method::GET, "/healthz", None, None)
            .await?
            .status
            == StatusCode::OK
    );
    ensure!(
        server
            .call(Method::GET, "/readyz", None, None)
            .await?
            .status
            == StatusCode::OK
    );
    server
        .set_token("dev", env.get("DEV_VIEWER_TOKEN")?, None)
        .await?;
    server
        .call(Method::GET, "/clusters/dev-admin/version", None, None)
        .await?;
    let metrics = server.call(Method::GET, "/metrics", None, None).await?;
    ensure!(
        metrics
            .header("content-type")
            .is_some_and(|c| c.starts_with("text/plain"))
    );
    for needle in [
        "lanthorn_http_requests_total{route=\"/clusters/{cluster}/{*path}\",status=\"200\"} 1",
        "lanthorn_http_requests_total{route=\"/clusters/{cluster}/set-token\",status=\"200\"} 1",
        "lanthorn_upstream_duration_seconds_count{cluster=\"dev-admin\"} 1",
        "lanthorn_active_sessions 1",
        "lanthorn_active_watches 0",
    ] {
        ensure!(
            metrics.text.contains(needle),
            "metrics lack {needle}: {}",
            metrics.text
        );
    }
    Ok(())
}

#[tokio::test]
async fn the_web_app_is_embedded_with_spa_fallback_and_long_cached_assets() -> Result<()> {
    let env = stack()?;
    let server = Server::start(&env, &[]).await?;
    let index = server.call(Method::GET, "/", None, None).await?;
    ensure!(index.status == StatusCode::OK, "{}", index.status);
    ensure!(
        index.text.contains("id=\"root\""),
        "the web app was not built into the binary: {}",
        index.text
    );
    ensure!(index.header("cache-control") == Some("no-cache"));
    let deep = server
        .call(Method::GET, "/c/dev/workloads/deployments", None, None)
        .await?;
    ensure!(
        deep.status == StatusCode::OK && deep.text == index.text,
        "no SPA fallback"
    );
    let script = index
        .text
        .split('"')
        .find(|s| s.starts_with("./assets/") && s.ends_with(".js"))
        .context("index.html names no ./assets/*.js")?
        .trim_start_matches('.')
        .to_owned();
    let asset = server
        .http
        .get(format!("{}{script}", server.url))
        .header("accept-encoding", "gzip")
        .send()
        .await?;
    ensure!(asset.status() == StatusCode::OK);
    let header = |n: &str| {
        asset
            .headers()
            .get(n)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    ensure!(
        header("cache-control").contains("immutable"),
        "{}",
        header("cache-control")
    );
    ensure!(header("content-encoding") == "gzip", "not compressed");
    ensure!(header("content-type").starts_with("text/javascript"));
    let missing = server
        .call(Method::GET, "/assets/missing.js", None, None)
        .await?;
    ensure!(missing.status == StatusCode::NOT_FOUND);
    Ok(())
}

#[tokio::test]
async fn a_base_url_prefixes_every_route() -> Result<()> {
    let env = stack()?;
    let server = Server::start(&env, &["--base-url", "/lanthorn"]).await?;
    let config = server
        .call(Method::GET, "/lanthorn/config", None, None)
        .await?;
    ensure!(
        config.status == StatusCode::OK && config.body["baseUrl"] == "/lanthorn",
        "{}",
        config.text
    );
    let me = server
        .call(Method::GET, "/lanthorn/clusters/dev-admin/me", None, None)
        .await?;
    ensure!(me.status == StatusCode::OK, "{}", me.text);
    let version = server
        .call(
            Method::GET,
            "/lanthorn/clusters/dev-admin/version",
            None,
            None,
        )
        .await?;
    // The stack's apiserver is linked with its version (dev/tools/build.sh): a cluster that
    // said v0.0.0 would show a version nobody runs in the header.
    let git_version = version.body["gitVersion"].as_str().unwrap_or_default();
    ensure!(
        git_version.starts_with("v1.") && git_version != "v1.0.0",
        "{}",
        version.text
    );
    // The app's page names the prefix, so its files and requests stay under it.
    let page = server
        .call(Method::GET, "/lanthorn/c/dev/sign-in", None, None)
        .await?;
    ensure!(
        page.status == StatusCode::OK && page.text.contains(r#"<base href="/lanthorn/""#),
        "{}",
        page.text
    );
    let script = page
        .text
        .split('"')
        .find(|s| s.starts_with("./assets/") && s.ends_with(".js"))
        .context("index.html names no ./assets/*.js")?
        .trim_start_matches('.')
        .to_owned();
    let asset = server
        .call(Method::GET, &format!("/lanthorn{script}"), None, None)
        .await?;
    ensure!(asset.status == StatusCode::OK, "{script}: {}", asset.status);
    let outside = server.call(Method::GET, "/config", None, None).await?;
    ensure!(
        outside.status == StatusCode::NOT_FOUND,
        "{}",
        outside.status
    );
    Ok(())
}
