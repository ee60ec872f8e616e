//! In-process router tests: Lanthorn's whole `app()` answering with `oneshot`, in
//! milliseconds. Where a request reaches a cluster, the cluster is a **fake API server**
//! on loopback: it answers every request with the origin-wide headers a hostile tenant's
//! backend would send (which no real API server does by itself) and echoes back the
//! request headers it received, so the tests see what crossed the proxy in each
//! direction. Everything that needs a real cluster stays in the stack-backed suite
//! (`crates/lanthorn/tests/server`).

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use http::{HeaderMap, Request, Response, StatusCode};
use http_body_util::BodyExt as _;
use lanthorn_server::{AllowedHosts, AppState, AuditLog, Clusters, Parts, WebPolicy};
use lanthorn_session::{MemoryStore, SessionKey, SessionPolicy, Sessions, SystemClock};
use tower::ServiceExt as _;

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// The fake API server: echoes the request headers as JSON, with hostile headers.
async fn fake_api_server() -> std::io::Result<SocketAddr> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    let app = Router::new().fallback(|uri: http::Uri, headers: HeaderMap| async move {
        if uri.path().contains("forbidden") {
            // What kube-apiserver answers a request RBAC refuses.
            return refusal(uri.path());
        }
        let seen: BTreeMap<String, String> = headers
            .iter()
            .map(|(k, v)| {
                (
                    k.to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        axum::Json(seen).into_hostile_response()
    });
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Ok(address)
}

/// A 403 `Status` as kube-apiserver writes it, for any path naming `forbidden`.
fn refusal(path: &str) -> Response<Body> {
    use axum::response::IntoResponse as _;
    let status = serde_json::json!({
        "kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
        "message": format!("{path} is forbidden: User \"someone\" cannot get it"),
        "reason": "Forbidden", "code": 403,
    });
    (StatusCode::FORBIDDEN, axum::Json(status)).into_response()
}

/// The fake API server's answer: the echo plus headers that would act on the origin.
trait Hostile {
    fn into_hostile_response(self) -> Response<Body>;
}

impl Hostile for axum::Json<BTreeMap<String, String>> {
    fn into_hostile_response(self) -> Response<Body> {
        use axum::response::IntoResponse as _;
        let mut response = self.into_response();
        for (name, value) in [
            ("set-cookie", "lanthorn-session=planted; Path=/"),
            ("content-security-policy", "script-src *"),
            ("service-worker-allowed", "/"),
            ("access-control-allow-origin", "*"),
            ("clear-site-data", "\"*\""),
            ("x-frame-options", "ALLOWALL"),
        ] {
            response
                .headers_mut()
                .insert(name, http::HeaderValue::from_static(value));
        }
        response
    }
}

struct Harness {
    app: Router,
    audit: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

/// Lanthorn in kubeconfig mode with contexts `fake` (a token of its own) and `bare` (no
/// credential), both at the fake API server.
async fn harness() -> Result<Harness, Box<dyn std::error::Error>> {
    harness_with(None).await
}

/// [`harness`] with an OIDC provider for every cluster.
async fn harness_with(
    oidc: Option<Arc<lanthorn_oidc::Provider>>,
) -> Result<Harness, Box<dyn std::error::Error>> {
    let upstream = fake_api_server().await?;
    let dir = tempfile::tempdir()?;
    let kubeconfig = dir.path().join("kubeconfig");
    std::fs::write(
        &kubeconfig,
        format!(
            "apiVersion: v1\nkind: Config\n\
             clusters: [{{name: c, cluster: {{server: 'http://{upstream}'}}}}]\n\
             users: [{{name: u, user: {{token: kube-token}}}}]\n\
             contexts: [{{name: fake, context: {{cluster: c, user: u}}}}, {{name: bare, context: {{cluster: c}}}}]\n\
             current-context: fake\n"
        ),
    )?;
    let clusters = Clusters::load(
        &lanthorn_config::ClustersConfig {
            in_cluster: false,
            in_cluster_context_name: "main".into(),
            kubeconfigs: vec![kubeconfig],
            unsafe_use_service_account_token: false,
            unsafe_use_kubeconfig_credential: false,
        },
        &BTreeMap::new(),
    )?;
    let audit = dir.path().join("audit.log");
    let sessions = Sessions::new(
        Arc::new(MemoryStore::new()),
        SessionKey::generate()?,
        SessionPolicy {
            ttl: Duration::from_secs(3600),
            idle_timeout: Duration::from_secs(600),
        },
        Arc::new(SystemClock),
    );
    let state = AppState::new(Parts {
        clusters,
        sessions,
        audit: AuditLog::open(&lanthorn_config::AuditTarget::File(audit.clone()))?,
        served_over_tls: false,
        web: WebPolicy {
            hosts: AllowedHosts::new([], &["lanthorn.test".to_owned()]),
            service_proxy_origin: None,
        },
        oidc,
        oidc_callback_url: None,
        refresh_margin: 60,
        base_url: String::new(),
        helm: lanthorn_config::HelmConfig::default(),
        impersonation: Default::default(),
    });
    Ok(Harness {
        app: lanthorn_server::app(state),
        audit,
        _dir: dir,
    })
}

impl Harness {
    async fn send(&self, request: Request<Body>) -> Result<Reply, Box<dyn std::error::Error>> {
        let mut request = request;
        request
            .extensions_mut()
            .insert(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 50_000))));
        if !request.headers().contains_key("host") {
            request
                .headers_mut()
                .insert("host", http::HeaderValue::from_static("127.0.0.1:4466"));
        }
        let response = self.app.clone().oneshot(request).await?;
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await?.to_bytes();
        Ok(Reply {
            status,
            headers,
            body: serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null),
            text: String::from_utf8_lossy(&bytes).into_owned(),
        })
    }

    async fn get(
        &self,
        path: &str,
        headers: &[(&str, &str)],
    ) -> Result<Reply, Box<dyn std::error::Error>> {
        let mut request = Request::get(path);
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        self.send(request.body(Body::empty())?).await
    }

    /// Audit lines once at least `n` are written (the log has a writer thread).
    async fn audit_lines(&self, n: usize) -> Vec<serde_json::Value> {
        for _ in 0..100 {
            let text = std::fs::read_to_string(&self.audit).unwrap_or_default();
            let lines: Vec<serde_json::Value> = text
                .lines()
                .filter_map(|l| serde_json::from_str(l).ok())
                .collect();
            if lines.len() >= n {
                return lines;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        Vec::new()
    }
}

struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: serde_json::Value,
    text: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

#[tokio::test]
async fn unknown_hosts_get_421_everywhere_and_are_audited() -> TestResult {
    let h = harness().await?;
    for path in [
        "/healthz",
        "/config",
        "/",
        "/clusters/fake/api/v1/pods",
        "/watch",
    ] {
        let reply = h.get(path, &[("host", "rebind.example:4466")]).await?;
        assert_eq!(reply.status, StatusCode::MISDIRECTED_REQUEST, "{path}");
        assert_eq!(reply.body["reason"], "HostNotAllowed", "{path}");
        // Lanthorn's headers are on its refusals too.
        assert_eq!(reply.header("x-frame-options"), Some("DENY"), "{path}");
    }
    for host in [
        "localhost:9999",
        "127.0.0.1:4466",
        "[::1]:4466",
        "lanthorn.test:443",
    ] {
        let reply = h.get("/healthz", &[("host", host)]).await?;
        assert_eq!(reply.status, StatusCode::OK, "{host}");
    }
    let lines = h.audit_lines(5).await;
    assert!(
        lines
            .iter()
            .filter(|l| l["event"] == "refused" && l["reason"] == "HostNotAllowed")
            .count()
            >= 5,
        "{lines:?}"
    );
    Ok(())
}

#[tokio::test]
async fn cross_site_changes_and_service_worker_scripts_are_refused() -> TestResult {
    let h = harness().await?;
    let post = Request::post("/clusters/fake/api/v1/namespaces/demo/configmaps")
        .header("sec-fetch-site", "cross-site")
        .header("content-type", "application/json")
        .body(Body::from("{}"))?;
    let reply = h.send(post).await?;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(reply.body["reason"], "CrossOriginRefused");
    let origin = Request::delete("/clusters/fake/api/v1/namespaces/demo/configmaps/x")
        .header("origin", "https://evil.example")
        .body(Body::empty())?;
    assert_eq!(h.send(origin).await?.status, StatusCode::FORBIDDEN);
    let sw = h
        .get(
            "/clusters/fake/api/v1/namespaces/d/services/s/proxy/sw.js",
            &[("service-worker", "script")],
        )
        .await?;
    assert_eq!(sw.status, StatusCode::FORBIDDEN);
    assert_eq!(sw.body["reason"], "ServiceWorkerRefused");
    Ok(())
}

#[tokio::test]
async fn proxied_answers_lose_origin_wide_headers_and_get_the_sandbox() -> TestResult {
    let h = harness().await?;
    let reply = h
        .get(
            "/clusters/fake/api/v1/namespaces/d/services/s/proxy/",
            &[
                ("sec-fetch-site", "same-origin"),
                ("x-remote-user", "system:admin"),
                ("x-forwarded-for", "10.9.9.9"),
                ("cookie", "lanthorn-session=not-a-session"),
            ],
        )
        .await?;
    assert_eq!(reply.status, StatusCode::OK, "{:?}", reply.body);
    for gone in [
        "service-worker-allowed",
        "access-control-allow-origin",
        "clear-site-data",
    ] {
        assert!(reply.header(gone).is_none(), "{gone} reached the browser");
    }
    // Only Lanthorn's own cookie change (clearing the stale cookie), never the upstream's.
    assert!(
        reply
            .headers
            .get_all("set-cookie")
            .iter()
            .all(|v| !v.as_bytes().starts_with(b"lanthorn-session=planted")),
        "{:?}",
        reply.headers
    );
    let csp = reply.header("content-security-policy").unwrap_or_default();
    assert!(
        csp.starts_with("sandbox allow-scripts") && !csp.contains("allow-same-origin"),
        "{csp}"
    );
    assert_eq!(reply.header("x-frame-options"), Some("DENY"));
    // What the fake API server saw: the kubeconfig's token, no identity claims, no cookie.
    let seen = &reply.body;
    assert_eq!(seen["authorization"], "Bearer kube-token");
    for absent in ["x-remote-user", "x-forwarded-for", "cookie"] {
        assert!(
            seen.get(absent).is_none(),
            "{absent} reached the cluster: {seen}"
        );
    }
    Ok(())
}

#[tokio::test]
async fn cross_site_reads_reach_the_cluster_without_the_kubeconfig_credential() -> TestResult {
    let h = harness().await?;
    let cross = h
        .get(
            "/clusters/fake/api/v1/secrets",
            &[("sec-fetch-site", "cross-site")],
        )
        .await?;
    assert!(cross.body.get("authorization").is_none(), "{}", cross.body);
    let typed = h
        .get(
            "/clusters/fake/api/v1/secrets",
            &[("sec-fetch-site", "none")],
        )
        .await?;
    assert_eq!(typed.body["authorization"], "Bearer kube-token");
    let script = h.get("/clusters/fake/api/v1/secrets", &[]).await?;
    assert_eq!(script.body["authorization"], "Bearer kube-token");
    let api_csp = script.header("content-security-policy").unwrap_or_default();
    assert!(api_csp.starts_with("sandbox;"), "{api_csp}");
    assert_eq!(script.header("cache-control"), Some("no-store"));
    Ok(())
}

#[tokio::test]
async fn lanthorn_refuses_what_it_must_by_itself() -> TestResult {
    let h = harness().await?;
    let unknown = h.get("/clusters/nope/version", &[]).await?;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown.body["reason"], "ClusterNotFound");
    for path in [
        "/clusters/nope/portforward",
        "/clusters/nope/me",
        "/clusters/nope/helm/releases/list",
    ] {
        let reply = h.get(path, &[]).await?;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(reply.body["reason"], "ClusterNotFound", "{path}");
    }
    let me = h.get("/clusters/bare/me", &[]).await?;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED);
    let impersonate = h
        .get(
            "/clusters/fake/api/v1/pods",
            &[("impersonate-user", "system:admin")],
        )
        .await?;
    assert_eq!(impersonate.status, StatusCode::FORBIDDEN);
    assert_eq!(impersonate.body["reason"], "ImpersonationRefused");
    let traversal = h
        .get("/clusters/fake/api/%2e%2e/%2e%2e/config", &[])
        .await?;
    assert_eq!(traversal.status, StatusCode::BAD_REQUEST);
    assert_eq!(traversal.body["reason"], "BadPath");
    let lines = h.audit_lines(2).await;
    assert!(
        lines
            .iter()
            .any(|l| l["event"] == "refused" && l["reason"] == "ImpersonationRefused"),
        "{lines:?}"
    );
    Ok(())
}

#[tokio::test]
async fn a_clusters_refusal_reaches_the_browser_as_the_clusters_own_status() -> TestResult {
    let h = harness().await?;
    // Through the proxy, and through a route where Lanthorn asks on the caller's behalf
    // (a port-forward to a Service reads the Service first).
    let proxied = h
        .get("/clusters/fake/api/v1/namespaces/forbidden/pods", &[])
        .await?;
    assert_eq!(proxied.status, StatusCode::FORBIDDEN);
    assert_eq!(proxied.body["kind"], "Status");
    assert_eq!(proxied.body["reason"], "Forbidden");
    let forward = Request::post("/clusters/fake/portforward")
        .header("content-type", "application/json")
        .header("authorization", "Bearer users-own")
        .body(Body::from(
            r#"{"namespace":"demo","service":"forbidden","port":80}"#,
        ))?;
    let asked = h.send(forward).await?;
    assert_eq!(asked.status, StatusCode::FORBIDDEN, "{}", asked.body);
    assert_eq!(asked.body["kind"], "Status", "{}", asked.body);
    assert!(
        asked.body["message"]
            .as_str()
            .is_some_and(|m| m.contains("/api/v1/namespaces/demo/services/forbidden")),
        "{}",
        asked.body
    );
    Ok(())
}

#[tokio::test]
async fn what_the_browser_sends_is_not_what_the_cluster_gets() -> TestResult {
    let h = harness().await?;
    // A user's own bearer token goes upstream in place of the kubeconfig's; the cookie,
    // forwarding headers and hop-by-hop headers it names never do.
    let reply = h
        .get(
            "/clusters/fake/api/v1/namespaces",
            &[
                ("authorization", "Bearer users-own"),
                ("cookie", "lanthorn-session=whatever; other=1"),
                ("x-forwarded-for", "10.9.9.9"),
                ("x-remote-user", "system:admin"),
                ("connection", "x-secret-hop"),
                ("x-secret-hop", "1"),
            ],
        )
        .await?;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(reply.body["authorization"], "Bearer users-own");
    for gone in ["cookie", "x-forwarded-for", "x-remote-user", "x-secret-hop"] {
        assert!(reply.body.get(gone).is_none(), "{gone} reached the cluster");
    }
    Ok(())
}

#[tokio::test]
async fn a_cookie_that_opens_no_session_is_cleared_and_acts_as_nobody() -> TestResult {
    let h = harness().await?;
    let reply = h
        .get(
            "/clusters/bare/me",
            &[("cookie", "lanthorn-session=forged-or-expired")],
        )
        .await?;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.body["reason"], "Unauthorized");
    let cleared = reply.header("set-cookie").unwrap_or_default();
    assert!(
        cleared.starts_with("lanthorn-session=;") && cleared.contains("Max-Age=0"),
        "{cleared}"
    );
    Ok(())
}

#[tokio::test]
async fn bad_sign_in_bodies_are_refused_with_what_is_wrong() -> TestResult {
    let h = harness().await?;
    let post = |body: Body| {
        Request::post("/clusters/fake/set-token")
            .header("content-type", "application/json")
            .body(body)
    };
    let not_json = h.send(post(Body::from("token=abc"))?).await?;
    assert_eq!(not_json.status, StatusCode::BAD_REQUEST);
    assert_eq!(not_json.body["reason"], "BadBody");
    let extra = h
        .send(post(Body::from(r#"{"token":"t","user":"admin"}"#))?)
        .await?;
    assert_eq!(extra.status, StatusCode::BAD_REQUEST);
    assert_eq!(extra.body["reason"], "BadBody");
    let huge = h
        .send(post(Body::from(format!(
            r#"{{"token":"{}"}}"#,
            "a".repeat(70 * 1024)
        )))?)
        .await?;
    assert_eq!(huge.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(huge.body["reason"], "TooLarge");
    Ok(())
}

#[tokio::test]
async fn paths_that_could_reach_elsewhere_are_refused() -> TestResult {
    let h = harness().await?;
    for path in [
        "/clusters/fake/api/v1/namespaces/demo/../../secrets",
        "/clusters/fake/api/v1/namespaces%2Fdemo/pods",
        "/clusters/fake//api/v1/pods",
        "/clusters/fake/api/v1/./pods",
    ] {
        let reply = h.get(path, &[]).await?;
        assert_eq!(
            reply.status,
            StatusCode::BAD_REQUEST,
            "{path}: {}",
            reply.body
        );
        assert_eq!(reply.body["reason"], "BadPath", "{path}");
    }
    Ok(())
}

/// `/config` says which credential the caller's requests carry to each cluster, so the
/// app can send a caller with none straight to sign-in instead of asking and being refused.
#[tokio::test]
async fn config_names_the_credential_each_cluster_would_see() -> TestResult {
    let h = harness().await?;
    let credential = |reply: &Reply, cluster: &str| {
        reply.body["clusters"]
            .as_array()
            .and_then(|all| all.iter().find(|c| c["name"] == cluster))
            .map(|c| c["credential"].clone())
    };
    let page = h
        .get("/config", &[("sec-fetch-site", "same-origin")])
        .await?;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(credential(&page, "fake"), Some("kubeconfig".into()));
    assert_eq!(credential(&page, "bare"), Some("none".into()));
    // Another site's page gets no kubeconfig credential, and is told so.
    let foreign = h
        .get("/config", &[("sec-fetch-site", "cross-site")])
        .await?;
    assert_eq!(credential(&foreign, "fake"), Some("none".into()));
    let client = h.get("/config", &[("authorization", "Bearer abc")]).await?;
    assert_eq!(credential(&client, "bare"), Some("bearerHeader".into()));
    Ok(())
}

/// A provider nobody answers for: a browser starting a sign-in gets the sign-in-failed
/// page naming the cause and the flag, a script gets the same words as JSON, and the failed
/// sign-in is audited. The provider here is a loopback port nothing listens on.
#[tokio::test]
async fn an_unreachable_provider_is_explained_to_browsers_and_scripts_and_audited() -> TestResult {
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let provider = lanthorn_oidc::Provider::new(
        lanthorn_oidc::ProviderSettings {
            issuer_url: format!("https://127.0.0.1:{port}"),
            client_id: "lanthorn".into(),
            client_secret: None,
            scopes: Vec::new(),
            use_pkce: Some(true),
            use_access_token: false,
        },
        lanthorn_oidc::HttpClient::new(None)?,
    );
    let h = harness_with(Some(Arc::new(provider))).await?;
    let page = h
        .get(
            "/oidc?cluster=bare&returnTo=/c/bare",
            &[("accept", "text/html"), ("sec-fetch-mode", "navigate")],
        )
        .await?;
    assert_eq!(page.status, StatusCode::BAD_GATEWAY);
    assert!(
        page.header("content-type")
            .is_some_and(|t| t.starts_with("text/html")),
        "{:?}",
        page.headers
    );
    assert!(page.text.contains("Sign-in failed"), "{}", page.text);
    assert!(
        page.text.contains("refused the connection"),
        "{}",
        page.text
    );
    assert!(page.text.contains("--oidc-issuer-url"), "{}", page.text);
    let script = h.get("/oidc?cluster=bare", &[]).await?;
    assert_eq!(script.status, StatusCode::BAD_GATEWAY);
    assert_eq!(script.body["reason"], "OidcProviderUnavailable");
    assert!(
        script.body["message"]
            .as_str()
            .is_some_and(|m| m.contains("refused the connection")),
        "{}",
        script.body
    );
    let lines = h.audit_lines(2).await;
    let failed: Vec<_> = lines
        .iter()
        .filter(|l| l["event"] == "sign-in-failed" && l["cluster"] == "bare")
        .collect();
    assert_eq!(failed.len(), 2, "{lines:?}");
    assert!(
        failed[0]["reason"]
            .as_str()
            .is_some_and(|r| r.contains("refused the connection")),
        "{failed:?}"
    );
    Ok(())
}
