//! OIDC sign-in against the stack's real provider and kube-apiserver: the flow with and
//! without PKCE, what each test user may do, and the callback's refusals.

use anyhow::{Context as _, Result, ensure};
use devstack::{DevEnv, RedisServer};
use reqwest::{Method, StatusCode};

use crate::support::{Reply, Server, TempDir, stack};

/// `--oidc-*` flags for the stack's provider. The redirect URI is the one registered
/// there; tests carry the provider's answer to their own server by hand.
/// The stack provider's flags; `pkce`: `Some(true)` `--oidc-use-pkce`, `Some(false)`
/// `--oidc-use-pkce=false`, `None` no flag (PKCE when the provider offers it).
pub(crate) fn oidc_args(env: &DevEnv, pkce: Option<bool>) -> Result<Vec<String>> {
    let mut args: Vec<String> = [
        "--oidc-client-id",
        env.get("DEV_OIDC_CLIENT_ID")?,
        "--oidc-client-secret",
        env.get("DEV_OIDC_CLIENT_SECRET")?,
        "--oidc-issuer-url",
        env.get("DEV_OIDC_ISSUER")?,
        "--oidc-ca-file",
        env.get("DEV_CA_FILE")?,
        "--oidc-callback-url",
        env.get("DEV_OIDC_CALLBACK")?,
        "--oidc-scopes",
        "profile,email,groups",
    ]
    .map(String::from)
    .to_vec();
    match pkce {
        Some(true) => args.push("--oidc-use-pkce".into()),
        Some(false) => args.push("--oidc-use-pkce=false".into()),
        None => {}
    }
    Ok(args)
}

pub(crate) async fn start(env: &DevEnv, args: &[String]) -> Result<Server> {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    Server::start(env, &args).await
}

/// The start of a sign-in: the provider URL and the transaction cookie.
async fn begin(server: &Server, query: &str) -> Result<(String, String)> {
    let reply = Reply::read(
        server
            .http
            .get(format!("{}/oidc?{query}", server.url))
            .send()
            .await?,
    )
    .await?;
    ensure!(
        reply.status == StatusCode::FOUND,
        "/oidc: {} {}",
        reply.status,
        reply.text
    );
    let location = reply.header("location").context("no Location")?.to_owned();
    let set_cookie = reply
        .header("set-cookie")
        .context("no transaction cookie")?;
    ensure!(
        set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"),
        "{set_cookie}"
    );
    let cookie = set_cookie.split(';').next().unwrap_or_default().to_owned();
    Ok((location, cookie))
}

/// Delivers the provider's answer (`callback`, at the registered URI) to `server`.
async fn deliver(server: &Server, callback: &url::Url, cookie: &str) -> Result<Reply> {
    let query = callback.query().unwrap_or_default();
    let response = server
        .http
        .get(format!("{}/oidc-callback?{query}", server.url))
        .header("cookie", cookie)
        .send()
        .await?;
    Reply::read(response).await
}

/// Signs the test user `who` (ADMIN, VIEWER, NOBODY) in at the stack's provider, starting
/// from Lanthorn's authorization URL; returns the provider's answer to the callback.
async fn at_provider(env: &DevEnv, location: &str, who: &str) -> Result<url::Url> {
    devstack::oidc::authorize(
        env,
        location,
        env.get(&format!("DEV_OIDC_{who}_USER"))?,
        env.get(&format!("DEV_OIDC_{who}_PASSWORD"))?,
        env.get("DEV_OIDC_CALLBACK")?,
    )
    .await
}

pub(crate) async fn sign_in(server: &Server, env: &DevEnv, who: &str) -> Result<String> {
    let (location, cookie) = begin(server, "cluster=dev&returnTo=%2Fc%2Fdev%2Fpods").await?;
    let back = at_provider(env, &location, who).await?;
    let done = deliver(server, &back, &cookie).await?;
    ensure!(
        done.status == StatusCode::FOUND,
        "callback: {} {}",
        done.status,
        done.text
    );
    ensure!(
        done.header("location") == Some("/c/dev/pods"),
        "{:?}",
        done.header("location")
    );
    done.session_cookie()
        .context("no session cookie after the callback")
}

#[tokio::test]
async fn users_sign_in_with_and_without_pkce_and_act_as_themselves() -> Result<()> {
    let env = stack()?;
    let with_pkce = start(&env, &oidc_args(&env, Some(true))?).await?;
    let without = start(&env, &oidc_args(&env, Some(false))?).await?;
    let (location, _) = begin(&with_pkce, "cluster=dev").await?;
    ensure!(
        location.contains("code_challenge_method=S256") && location.contains("nonce="),
        "{location}"
    );
    let (location, _) = begin(&without, "cluster=dev").await?;
    ensure!(!location.contains("code_challenge"), "{location}");
    // Unset, PKCE follows the provider's discovery document, which lists S256.
    let unset = start(&env, &oidc_args(&env, None)?).await?;
    let (location, _) = begin(&unset, "cluster=dev").await?;
    ensure!(
        location.contains("code_challenge_method=S256"),
        "PKCE not used although the provider offers it: {location}"
    );

    let admin = sign_in(&with_pkce, &env, "ADMIN").await?;
    let me = with_pkce
        .call(Method::GET, "/clusters/dev/me", Some(&admin), None)
        .await?;
    ensure!(me.body["username"] == "admin@example.com", "{}", me.text);
    ensure!(
        me.body["groups"]
            .as_array()
            .is_some_and(|g| g.iter().any(|g| g == "cluster-admins")),
        "{}",
        me.text
    );
    let nodes = with_pkce
        .call(
            Method::GET,
            "/clusters/dev/api/v1/nodes",
            Some(&admin),
            None,
        )
        .await?;
    ensure!(nodes.status == StatusCode::OK, "{}", nodes.text);

    let viewer = sign_in(&without, &env, "VIEWER").await?;
    let pods = without
        .call(
            Method::GET,
            "/clusters/dev/api/v1/namespaces/demo/pods",
            Some(&viewer),
            None,
        )
        .await?;
    ensure!(pods.status == StatusCode::OK, "{}", pods.text);
    let secrets = without
        .call(
            Method::GET,
            "/clusters/dev/api/v1/namespaces/staging/secrets",
            Some(&viewer),
            None,
        )
        .await?;
    ensure!(
        secrets.status == StatusCode::FORBIDDEN && secrets.text.contains("viewer@example.com"),
        "{}",
        secrets.text
    );

    let nobody = sign_in(&without, &env, "NOBODY").await?;
    let ns = without
        .call(
            Method::GET,
            "/clusters/dev/api/v1/namespaces",
            Some(&nobody),
            None,
        )
        .await?;
    ensure!(
        ns.status == StatusCode::FORBIDDEN && ns.text.contains("nobody@example.com"),
        "{}",
        ns.text
    );

    let lines = without.audit_lines(2).await?;
    ensure!(
        lines.iter().any(|l| l["event"] == "sign-in"
            && l["credential"] == "oidc"
            && l["user"] == "viewer@example.com"),
        "{lines:?}"
    );
    // The provider advertises S256, so running without PKCE is warned about at start.
    ensure!(
        without
            .stderr_text()
            .contains("supports PKCE (S256) but --oidc-use-pkce is off"),
        "{}",
        without.stderr_text()
    );
    ensure!(
        !with_pkce.stderr_text().contains("--oidc-use-pkce is off"),
        "warned although PKCE is on"
    );
    Ok(())
}

#[tokio::test]
async fn the_callback_refuses_replays_foreign_state_tampering_errors_and_missing_codes()
-> Result<()> {
    let env = stack()?;
    let server = start(&env, &oidc_args(&env, Some(true))?).await?;
    let callback = env.get("DEV_OIDC_CALLBACK")?;

    // A good sign-in, then the same answer again.
    let (location, cookie) = begin(&server, "cluster=dev").await?;
    let back = at_provider(&env, &location, "VIEWER").await?;
    ensure!(deliver(&server, &back, &cookie).await?.status == StatusCode::FOUND);
    let replay = deliver(&server, &back, &cookie).await?;
    ensure!(
        replay.status == StatusCode::BAD_REQUEST && replay.text.contains("already used"),
        "{}",
        replay.text
    );
    ensure!(replay.session_cookie().is_none());

    // The answer to browser A delivered with browser B's cookie.
    let (location_a, _cookie_a) = begin(&server, "cluster=dev").await?;
    let (_location_b, cookie_b) = begin(&server, "cluster=dev").await?;
    let back_a = at_provider(&env, &location_a, "VIEWER").await?;
    let foreign = deliver(&server, &back_a, &cookie_b).await?;
    ensure!(
        foreign.status == StatusCode::BAD_REQUEST && foreign.text.contains("state does not match"),
        "{}",
        foreign.text
    );

    // A tampered or missing transaction cookie.
    let (location, cookie) = begin(&server, "cluster=dev").await?;
    let back = at_provider(&env, &location, "VIEWER").await?;
    let mut tampered = cookie.clone().into_bytes();
    let i = tampered.len() - 5;
    tampered[i] = if tampered[i] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(tampered)?;
    let reply = deliver(&server, &back, &tampered).await?;
    ensure!(
        reply.status == StatusCode::BAD_REQUEST && reply.text.contains("not valid"),
        "{}",
        reply.text
    );
    let reply = deliver(&server, &back, "other=1").await?;
    ensure!(
        reply.status == StatusCode::BAD_REQUEST && reply.text.contains("no sign-in is in progress"),
        "{}",
        reply.text
    );

    // The provider's error, and an answer without a code.
    let (_, cookie) = begin(&server, "cluster=dev").await?;
    let state = |u: &str| {
        url::Url::parse(u).ok().and_then(|u| {
            u.query_pairs()
                .find(|(k, _)| k == "state")
                .map(|(_, v)| v.into_owned())
        })
    };
    let (location, cookie2) = begin(&server, "cluster=dev").await?;
    let s = state(&location).context("state in the authorization URL")?;
    let error = url::Url::parse(&format!(
        "{callback}?error=access_denied&error_description=User+said+no&state={s}"
    ))?;
    let reply = deliver(&server, &error, &cookie2).await?;
    ensure!(
        reply.status == StatusCode::UNAUTHORIZED
            && reply.text.contains("access_denied")
            && reply.text.contains("User said no"),
        "{}",
        reply.text
    );
    let (location, cookie3) = begin(&server, "cluster=dev").await?;
    let s = state(&location).context("state")?;
    let no_code = url::Url::parse(&format!("{callback}?state={s}"))?;
    let reply = deliver(&server, &no_code, &cookie3).await?;
    ensure!(
        reply.status == StatusCode::BAD_REQUEST && reply.text.contains("no authorization code"),
        "{}",
        reply.text
    );
    drop(cookie);

    // Bad starts.
    for (query, status) in [
        ("cluster=nope", StatusCode::NOT_FOUND),
        (
            "cluster=dev&returnTo=%2F%2Fevil.example",
            StatusCode::BAD_REQUEST,
        ),
        (
            "cluster=dev&returnTo=https%3A%2F%2Fevil.example",
            StatusCode::BAD_REQUEST,
        ),
    ] {
        let reply = server
            .call(Method::GET, &format!("/oidc?{query}"), None, None)
            .await?;
        ensure!(
            reply.status == status,
            "{query}: {} {}",
            reply.status,
            reply.text
        );
    }
    let lines = server.audit_lines(5).await?;
    ensure!(
        lines
            .iter()
            .filter(|l| l["event"] == "sign-in-failed")
            .count()
            >= 5,
        "{lines:?}"
    );
    let audit = server.audit_text();
    ensure!(!audit.contains("code="), "the audit log holds a code");
    Ok(())
}

#[tokio::test]
async fn another_replica_finishes_the_sign_in() -> Result<()> {
    let env = stack()?;
    let redis = RedisServer::start(None)?;
    let dir = TempDir::new("oidc-replicas")?;
    let key = dir
        .write("key", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=\n")?
        .display()
        .to_string();
    let mut args = oidc_args(&env, Some(true))?;
    args.extend([
        "--session-store".to_owned(),
        redis.url(None),
        "--session-secret-file".to_owned(),
        key,
    ]);
    let a = start(&env, &args).await?;
    let b = start(&env, &args).await?;
    let (location, cookie) = begin(&a, "cluster=dev").await?;
    let back = at_provider(&env, &location, "ADMIN").await?;
    let done = deliver(&b, &back, &cookie).await?;
    ensure!(
        done.status == StatusCode::FOUND,
        "{} {}",
        done.status,
        done.text
    );
    let session = done.session_cookie().context("session cookie")?;
    let me = a
        .call(Method::GET, "/clusters/dev/me", Some(&session), None)
        .await?;
    ensure!(me.body["username"] == "admin@example.com", "{}", me.text);
    // The same answer replayed at the first replica is refused: state is single-use everywhere.
    let replay = deliver(&a, &back, &cookie).await?;
    ensure!(replay.status == StatusCode::BAD_REQUEST, "{}", replay.text);
    Ok(())
}

#[tokio::test]
async fn tokens_are_refreshed_once_even_with_concurrent_requests_and_sign_out_ends_the_provider_session()
-> Result<()> {
    let env = stack()?;
    let args = oidc_args(&env, Some(true))?;
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    // The provider's ID tokens live 600 s; a 599 s margin makes every request past the
    // first second refresh.
    let server =
        Server::start_with(&env, &args, &[("LANTHORN_OIDC_REFRESH_MARGIN", "599")]).await?;
    let cookie = sign_in(&server, &env, "ADMIN").await?;
    let first = server
        .call(Method::GET, "/clusters/dev/me", Some(&cookie), None)
        .await?;
    let first_expiry = first.body["expiresAt"].as_u64().context("expiresAt")?;
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    let (a, b) = tokio::join!(
        server.call(
            Method::GET,
            "/clusters/dev/api/v1/namespaces/demo/pods",
            Some(&cookie),
            None
        ),
        server.call(
            Method::GET,
            "/clusters/dev/api/v1/namespaces/demo/pods",
            Some(&cookie),
            None
        )
    );
    ensure!(
        a?.status == StatusCode::OK && b?.status == StatusCode::OK,
        "a concurrent request failed during refresh"
    );
    let after = server
        .call(Method::GET, "/clusters/dev/me", Some(&cookie), None)
        .await?;
    ensure!(
        after.status == StatusCode::OK,
        "the sign-in did not survive the refresh: {}",
        after.text
    );
    let later = after.body["expiresAt"].as_u64().context("expiresAt")?;
    ensure!(
        later > first_expiry,
        "the token was not refreshed ({first_expiry} -> {later})"
    );
    ensure!(
        !server.audit_text().contains("sign-in-expired"),
        "a refresh failed: {}",
        server.audit_text()
    );

    let provider_log = format!("{}/logs/oidc.log", env.get("DEV_STATE")?);
    let revoked = || {
        std::fs::read_to_string(&provider_log)
            .unwrap_or_default()
            .matches("refresh token revoked for admin@example.com")
            .count()
    };
    let revoked_before = revoked();
    let out = server
        .call(Method::POST, "/sign-out", Some(&cookie), None)
        .await?;
    ensure!(out.status == StatusCode::OK, "{}", out.text);
    let end = out.body["endSessionUrl"]
        .as_str()
        .context("no endSessionUrl")?;
    let end = url::Url::parse(end)?;
    ensure!(
        end.as_str().starts_with(env.get("DEV_OIDC_ISSUER")?),
        "{end}"
    );
    let has = |k: &str| end.query_pairs().any(|(key, _)| key == k);
    // The ID token is a cluster credential: it never goes to page JavaScript or a URL.
    ensure!(
        !has("id_token_hint") && has("client_id") && has("post_logout_redirect_uri"),
        "{end}"
    );
    ensure!(
        !out.text.contains("eyJ"),
        "sign-out answer holds a JWT: {}",
        out.text
    );
    // The provider saw the refresh token revoked (it logs whose, never the token).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while revoked() <= revoked_before && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    ensure!(
        revoked() > revoked_before,
        "the refresh token was not revoked at the provider"
    );
    let me = server
        .call(Method::GET, "/clusters/dev/me", Some(&cookie), None)
        .await?;
    ensure!(me.status == StatusCode::UNAUTHORIZED, "{}", me.text);
    Ok(())
}

/// A second instance of the dev provider that requires PKCE, on its own port and state,
/// stopped (by its PID) on drop.
struct StrictProvider {
    child: std::process::Child,
    issuer: String,
    _dir: TempDir,
}

impl Drop for StrictProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl StrictProvider {
    async fn start(env: &DevEnv) -> Result<Self> {
        let dir = TempDir::new("strict-idp")?;
        // Reuse the stack provider's keys: generating an RSA key at start is slow on a
        // loaded machine.
        for file in ["jwks.json", "cookie-keys.json"] {
            let from = format!("{}/oidc/{file}", env.get("DEV_STATE")?);
            if std::path::Path::new(&from).exists() {
                std::fs::copy(&from, dir.0.join(file))?;
            }
        }
        let log = dir.0.join("provider.log");
        let port = crate::support::free_port()?;
        let issuer = format!("https://127.0.0.1:{port}");
        let pki = format!("{}/pki", env.get("DEV_STATE")?);
        let server = concat!(env!("CARGO_MANIFEST_DIR"), "/../../dev/oidc/server.mjs");
        let child = std::process::Command::new("node")
            .arg(server)
            .env("OIDC_ISSUER", &issuer)
            .env("OIDC_TLS_CERT", format!("{pki}/oidc.crt"))
            .env("OIDC_TLS_KEY", format!("{pki}/oidc.key"))
            .env("OIDC_STATE_DIR", &dir.0)
            .env("OIDC_CLIENT_ID", env.get("DEV_OIDC_CLIENT_ID")?)
            .env("OIDC_CLIENT_SECRET", env.get("DEV_OIDC_CLIENT_SECRET")?)
            .env("OIDC_REDIRECT_URIS", env.get("DEV_OIDC_CALLBACK")?)
            .env("OIDC_REQUIRE_PKCE", "1")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::fs::File::create(&log)?)
            .spawn()
            .context("starting a second oidc-provider (node)")?;
        let provider = Self {
            child,
            issuer,
            _dir: dir,
        };
        let http = devstack::test_http_client(&env.ca_pem()?)?;
        let discovery = format!("{}/.well-known/openid-configuration", provider.issuer);
        for _ in 0..300 {
            if http
                .get(&discovery)
                .send()
                .await
                .is_ok_and(|r| r.status().is_success())
            {
                return Ok(provider);
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        anyhow::bail!(
            "the strict provider did not start within 30 s: {}",
            std::fs::read_to_string(&log).unwrap_or_default()
        )
    }
}

#[tokio::test]
async fn a_provider_that_requires_pkce_while_it_is_off_gives_a_clear_error_and_no_session()
-> Result<()> {
    let env = stack()?;
    let strict = StrictProvider::start(&env).await?;
    let mut args = oidc_args(&env, Some(false))?;
    let at = args
        .iter()
        .position(|a| a == "--oidc-issuer-url")
        .context("issuer flag")?;
    args[at + 1] = strict.issuer.clone();
    let server = start(&env, &args).await?;
    let (location, cookie) = begin(&server, "cluster=dev").await?;
    ensure!(location.starts_with(&strict.issuer), "{location}");
    let back = at_provider(&env, &location, "VIEWER").await?;
    let reply = deliver(&server, &back, &cookie).await?;
    ensure!(
        reply.status == StatusCode::UNAUTHORIZED,
        "{} {}",
        reply.status,
        reply.text
    );
    ensure!(
        reply.text.contains("refused the sign-in") && reply.text.to_lowercase().contains("pkce"),
        "{}",
        reply.text
    );
    ensure!(reply.session_cookie().is_none(), "a session was created");
    Ok(())
}

#[tokio::test]
async fn a_kubeconfig_auth_provider_signs_users_in_to_its_own_cluster() -> Result<()> {
    let env = stack()?;
    // No --oidc-* flags: only the dev-sso context's auth-provider offers OIDC.
    let server = Server::start(&env, &[]).await?;
    let config = server.call(Method::GET, "/config", None, None).await?;
    let methods = |name: &str| {
        config.body["clusters"]
            .as_array()
            .and_then(|c| c.iter().find(|c| c["name"] == name))
            .map(|c| c["signInMethods"].clone())
            .unwrap_or_default()
    };
    ensure!(
        methods("dev-sso") == serde_json::json!(["token", "oidc"]),
        "{}",
        config.text
    );
    ensure!(
        methods("dev") == serde_json::json!(["token"]),
        "{}",
        config.text
    );
    let none = server
        .call(Method::GET, "/oidc?cluster=dev", None, None)
        .await?;
    ensure!(
        none.status == StatusCode::NOT_FOUND && none.body["reason"] == "OidcNotConfigured",
        "{}",
        none.text
    );

    // The registered redirect URI is on localhost:4466; the Host header makes Lanthorn
    // derive exactly that, and the test carries the answer back to the real port.
    let start = server
        .http
        .get(format!("{}/oidc?cluster=dev-sso", server.url))
        .header("host", "localhost:4466")
        .send()
        .await?;
    let start = Reply::read(start).await?;
    ensure!(
        start.status == StatusCode::FOUND,
        "{} {}",
        start.status,
        start.text
    );
    let location = start.header("location").context("Location")?.to_owned();
    ensure!(
        location.contains("redirect_uri=http%3A%2F%2Flocalhost%3A4466%2Foidc-callback&"),
        "{location}"
    );
    ensure!(
        location.contains("groups"),
        "extra-scopes not requested: {location}"
    );
    let cookie = start
        .header("set-cookie")
        .and_then(|c| c.split(';').next())
        .context("cookie")?
        .to_owned();
    let back = at_provider(&env, &location, "VIEWER").await?;
    let done = deliver(&server, &back, &cookie).await?;
    ensure!(
        done.status == StatusCode::FOUND,
        "{} {}",
        done.status,
        done.text
    );
    let session = done.session_cookie().context("session")?;
    let me = server
        .call(Method::GET, "/clusters/dev-sso/me", Some(&session), None)
        .await?;
    ensure!(
        me.body["username"] == "viewer@example.com" && me.body["credential"] == "session",
        "{}",
        me.text
    );
    // Sign-out sends the browser back to this site's root, derived the same way.
    let out = server
        .http
        .post(format!("{}/sign-out", server.url))
        .header("host", "localhost:4466")
        .header("cookie", format!("lanthorn-session={session}"))
        .send()
        .await?;
    let out = Reply::read(out).await?;
    let end = url::Url::parse(
        out.body["endSessionUrl"]
            .as_str()
            .context("endSessionUrl")?,
    )?;
    let back_to = end
        .query_pairs()
        .find(|(k, _)| k == "post_logout_redirect_uri")
        .map(|(_, v)| v.into_owned());
    ensure!(
        back_to.as_deref() == Some("http://localhost:4466/"),
        "{end}"
    );
    Ok(())
}
