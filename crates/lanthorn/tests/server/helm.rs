//! Helm releases (Headlamp's App Catalog routes) read with each sign-in method's own
//! credential. The seed records Headlamp listing releases as `system:anonymous` after a
//! token sign-in; here every method lists as the signed-in user. The stack installs the
//! release `demo-app` in namespace `demo` (dev/lib/demo.sh).

use anyhow::{Result, ensure};
use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::oidc::{oidc_args, sign_in, start};
use crate::support::{Reply, Server, TempDir, stack};

const VIEWER: &str = "system:serviceaccount:demo:demo-viewer";

fn names(reply: &Reply) -> Vec<String> {
    reply.body["releases"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|r| {
                    format!(
                        "{}/{}",
                        r["namespace"].as_str().unwrap_or(""),
                        r["name"].as_str().unwrap_or("")
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

async fn list(server: &Server, cluster: &str, query: &str, cookie: Option<&str>) -> Result<Reply> {
    server
        .call(
            Method::GET,
            &format!("/clusters/{cluster}/helm/releases/list?{query}"),
            cookie,
            None,
        )
        .await
}

#[tokio::test]
async fn releases_list_with_a_token_sign_in_as_that_user() -> Result<()> {
    let env = stack()?;
    let server = Server::start(&env, &[]).await?;
    let admin = server
        .set_token("dev", env.get("DEV_ADMIN_TOKEN")?, None)
        .await?
        .session_cookie()
        .unwrap_or_default();
    let all = list(&server, "dev", "allNamespaces=true", Some(&admin)).await?;
    ensure!(all.status == StatusCode::OK, "{}", all.text);
    ensure!(
        names(&all).contains(&"demo/demo-app".to_owned()),
        "{}",
        all.text
    );
    let demo_app = all.body["releases"]
        .as_array()
        .and_then(|l| l.iter().find(|r| r["name"] == "demo-app"))
        .cloned()
        .unwrap_or(Value::Null);
    ensure!(demo_app["info"]["status"] == "deployed", "{demo_app}");
    ensure!(
        demo_app["chart"]["metadata"]["name"].is_string(),
        "{demo_app}"
    );
    ensure!(
        demo_app["version"].as_u64().is_some_and(|v| v >= 1),
        "{demo_app}"
    );

    // The viewer reads Secrets in demo only: demo's releases, and the cluster's own
    // refusal (naming the viewer, not system:anonymous) elsewhere.
    let viewer = server
        .set_token("dev", env.get("DEV_VIEWER_TOKEN")?, None)
        .await?
        .session_cookie()
        .unwrap_or_default();
    let demo = list(&server, "dev", "namespace=demo", Some(&viewer)).await?;
    ensure!(demo.status == StatusCode::OK, "{}", demo.text);
    // (Other tests may install releases in demo meanwhile; none may come from elsewhere.)
    let seen = names(&demo);
    ensure!(
        seen.contains(&"demo/demo-app".to_owned()) && seen.iter().all(|n| n.starts_with("demo/")),
        "{seen:?}"
    );
    // Across namespaces the viewer may list neither everywhere nor the namespaces; its
    // ServiceAccount's own namespace is tried, so it sees demo's releases and no others.
    let everywhere = list(&server, "dev", "allNamespaces=true", Some(&viewer)).await?;
    ensure!(everywhere.status == StatusCode::OK, "{}", everywhere.text);
    let seen = names(&everywhere);
    ensure!(
        seen.contains(&"demo/demo-app".to_owned()) && seen.iter().all(|n| n.starts_with("demo/")),
        "{seen:?}"
    );
    let staging = list(&server, "dev", "namespace=staging", Some(&viewer)).await?;
    ensure!(staging.status == StatusCode::FORBIDDEN, "{}", staging.text);
    ensure!(
        staging.text.contains(VIEWER),
        "not refused as the viewer: {}",
        staging.text
    );

    // Without any credential the cluster refuses; an empty list would hide the problem.
    let anonymous = list(&server, "dev", "allNamespaces=true", None).await?;
    ensure!(
        anonymous.status == StatusCode::FORBIDDEN || anonymous.status == StatusCode::UNAUTHORIZED,
        "{} {}",
        anonymous.status,
        anonymous.text
    );
    // The kubeconfig's own credential serves callers who did not sign in (kubeconfig mode).
    let kubeconfig = list(&server, "dev-admin", "allNamespaces=true", None).await?;
    ensure!(
        names(&kubeconfig).contains(&"demo/demo-app".to_owned()),
        "{}",
        kubeconfig.text
    );
    Ok(())
}

#[tokio::test]
async fn release_details_history_and_refusals() -> Result<()> {
    let env = stack()?;
    let server = Server::start(&env, &[]).await?;
    let get = server
        .call(
            Method::GET,
            "/clusters/dev-admin/helm/releases?name=demo-app&namespace=demo",
            None,
            None,
        )
        .await?;
    ensure!(get.status == StatusCode::OK, "{}", get.text);
    ensure!(
        get.body["name"] == "demo-app" && get.body["manifest"].is_string(),
        "{}",
        get.text
    );
    let history = server
        .call(
            Method::GET,
            "/clusters/dev-admin/helm/release/history?name=demo-app&namespace=demo",
            None,
            None,
        )
        .await?;
    let revisions: Vec<u64> = history.body["releases"]
        .as_array()
        .map(|l| l.iter().filter_map(|r| r["version"].as_u64()).collect())
        .unwrap_or_default();
    ensure!(
        !revisions.is_empty() && revisions.windows(2).all(|w| w[0] < w[1]),
        "{}",
        history.text
    );
    ensure!(
        get.body["version"].as_u64() == revisions.last().copied(),
        "get is not the latest revision"
    );

    let missing = server
        .call(
            Method::GET,
            "/clusters/dev-admin/helm/releases?name=no-such-release&namespace=demo",
            None,
            None,
        )
        .await?;
    ensure!(
        missing.status == StatusCode::NOT_FOUND && missing.body["reason"] == "ReleaseNotFound",
        "{}",
        missing.text
    );
    let bad = server
        .call(
            Method::GET,
            "/clusters/dev-admin/helm/releases?name=x&namespace=..%2Fkube-system",
            None,
            None,
        )
        .await?;
    ensure!(
        bad.status == StatusCode::BAD_REQUEST && bad.text.contains("namespace"),
        "{}",
        bad.text
    );
    let no_name = server
        .call(
            Method::GET,
            "/clusters/dev-admin/helm/release/history?namespace=demo",
            None,
            None,
        )
        .await?;
    ensure!(
        no_name.status == StatusCode::BAD_REQUEST && no_name.text.contains("name"),
        "{}",
        no_name.text
    );
    let bad_flag = list(&server, "dev-admin", "allNamespaces=yes", None).await?;
    ensure!(
        bad_flag.status == StatusCode::BAD_REQUEST && bad_flag.text.contains("allNamespaces"),
        "{}",
        bad_flag.text
    );
    Ok(())
}

#[tokio::test]
async fn releases_list_with_an_oidc_sign_in_as_that_user() -> Result<()> {
    let env = stack()?;
    let server = start(&env, &oidc_args(&env, true)?).await?;
    let admin = sign_in(&server, &env, "ADMIN").await?;
    let all = list(&server, "dev", "allNamespaces=true", Some(&admin)).await?;
    ensure!(
        names(&all).contains(&"demo/demo-app".to_owned()),
        "{}",
        all.text
    );
    // The same list as the equivalent token (the cluster-admin ServiceAccount).
    let token = server
        .set_token("dev", env.get("DEV_ADMIN_TOKEN")?, None)
        .await?
        .session_cookie()
        .unwrap_or_default();
    let by_token = list(&server, "dev", "allNamespaces=true", Some(&token)).await?;
    // (Releases other tests install and remove meanwhile are left out.)
    let stable = |reply: &Reply| -> Vec<String> {
        names(reply)
            .into_iter()
            .filter(|n| !n.contains("probe-"))
            .collect()
    };
    let (mut a, mut b) = (stable(&all), stable(&by_token));
    a.sort();
    b.sort();
    ensure!(a == b, "OIDC admin {a:?} and token admin {b:?} differ");
    // The OIDC viewer may read nothing in staging: refused by the cluster as that user.
    let viewer = sign_in(&server, &env, "VIEWER").await?;
    let staging = list(&server, "dev", "namespace=staging", Some(&viewer)).await?;
    ensure!(staging.status == StatusCode::FORBIDDEN, "{}", staging.text);
    ensure!(
        staging.text.contains("viewer@example.com"),
        "{}",
        staging.text
    );
    Ok(())
}

/// A chart repository served over HTTP on loopback: the demo chart, packaged and indexed
/// by the stack's `helm`. Stops when dropped.
struct ChartRepo {
    url: String,
    _dir: TempDir,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for ChartRepo {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl ChartRepo {
    async fn start(env: &devstack::DevEnv) -> Result<Self> {
        let dir = TempDir::new("charts")?;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let url = format!("http://127.0.0.1:{}", listener.local_addr()?.port());
        let chart = concat!(env!("CARGO_MANIFEST_DIR"), "/../../dev/demo/chart");
        let helm = |args: &[&str]| -> Result<()> {
            let out = std::process::Command::new(env.get("DEV_HELM")?)
                .args(args)
                .env("HOME", &dir.0)
                .output()?;
            ensure!(
                out.status.success(),
                "helm {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            Ok(())
        };
        let folder = dir.0.display().to_string();
        helm(&["package", chart, "--destination", &folder])?;
        helm(&["repo", "index", &folder, "--url", &url])?;
        let root = dir.0.clone();
        let app = axum::Router::new().fallback(move |uri: axum::http::Uri| {
            let root = root.clone();
            async move {
                let name = uri.path().trim_start_matches('/');
                if name.contains("..") || name.contains('/') {
                    return Err(axum::http::StatusCode::NOT_FOUND);
                }
                std::fs::read(root.join(name)).map_err(|_| axum::http::StatusCode::NOT_FOUND)
            }
        });
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(Self {
            url,
            _dir: dir,
            task,
        })
    }
}

/// What the real `helm` CLI reports (as the stack's admin), as JSON.
fn helm_cli(env: &devstack::DevEnv, args: &[&str]) -> Result<Value> {
    let home = TempDir::new("helm-cli")?;
    let out = std::process::Command::new(env.get("DEV_HELM")?)
        .args(args)
        .args(["--output", "json"])
        .env("HOME", &home.0)
        .env("KUBECONFIG", env.get("KUBECONFIG")?)
        .output()?;
    ensure!(
        out.status.success(),
        "helm {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(serde_json::from_slice(&out.stdout)?)
}

/// Waits for a change to end; its final `{status, message}`.
async fn finished(server: &Server, cookie: &str, action: &str, name: &str) -> Result<Reply> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    loop {
        let reply = server
            .call(
                Method::GET,
                &format!(
                    "/clusters/dev/helm/action/status?name={name}&action={action}&namespace=demo"
                ),
                Some(cookie),
                None,
            )
            .await?;
        ensure!(reply.status == StatusCode::OK, "{}", reply.text);
        if reply.body["status"] != "processing" {
            return Ok(reply);
        }
        ensure!(
            std::time::Instant::now() < deadline,
            "{action} of {name} still processing"
        );
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
}

async fn history_statuses(server: &Server, cookie: &str, name: &str) -> Result<Vec<String>> {
    let history = server
        .call(
            Method::GET,
            &format!("/clusters/dev/helm/release/history?name={name}&namespace=demo"),
            Some(cookie),
            None,
        )
        .await?;
    Ok(history.body["releases"]
        .as_array()
        .map(|l| {
            l.iter()
                .map(|r| {
                    format!(
                        "{}:{}",
                        r["version"],
                        r["info"]["status"].as_str().unwrap_or("")
                    )
                })
                .collect()
        })
        .unwrap_or_default())
}

#[tokio::test]
async fn install_upgrade_rollback_uninstall_run_helm_as_the_signed_in_user() -> Result<()> {
    let env = stack()?;
    let repo = ChartRepo::start(&env).await?;
    let repository = format!("demo={}", repo.url);
    let server = Server::start(
        &env,
        &[
            "--helm-binary",
            env.get("DEV_HELM")?,
            "--helm-repository",
            &repository,
        ],
    )
    .await?;
    let admin = server
        .set_token("dev", env.get("DEV_ADMIN_TOKEN")?, None)
        .await?
        .session_cookie()
        .unwrap_or_default();
    let name = format!("probe-{}", std::process::id());
    let values =
        |text: &str| base64::Engine::encode(&base64::engine::general_purpose::STANDARD, text);

    let install = serde_json::json!({"name": name, "namespace": "demo", "chart": "demo/demo-app",
        "version": "0.1.0", "values": values("replicaCount: 1\nmessage: first\n")});
    let started = server
        .call(
            Method::POST,
            "/clusters/dev/helm/release/install",
            Some(&admin),
            Some(&install),
        )
        .await?;
    ensure!(started.status == StatusCode::ACCEPTED, "{}", started.text);
    let done = finished(&server, &admin, "install", &name).await?;
    ensure!(done.body["status"] == "success", "{}", done.text);
    let listed = list(&server, "dev", "namespace=demo", Some(&admin)).await?;
    ensure!(
        names(&listed).contains(&format!("demo/{name}")),
        "{}",
        listed.text
    );
    let get = server
        .call(
            Method::GET,
            &format!("/clusters/dev/helm/releases?name={name}&namespace=demo"),
            Some(&admin),
            None,
        )
        .await?;
    ensure!(
        get.body["config"]["message"] == "first",
        "user values not stored: {}",
        get.text
    );

    // The viewer may read demo's releases but not change them: Helm runs as the viewer
    // and the cluster refuses.
    let viewer = server
        .set_token("dev", env.get("DEV_VIEWER_TOKEN")?, None)
        .await?
        .session_cookie()
        .unwrap_or_default();
    let path = format!("/clusters/dev/helm/releases/uninstall?name={name}&namespace=demo");
    // The cluster is asked first: the viewer's change is refused at once, by name.
    let refused = server
        .call(Method::DELETE, &path, Some(&viewer), None)
        .await?;
    ensure!(refused.status == StatusCode::FORBIDDEN, "{}", refused.text);
    ensure!(
        refused.text.contains(VIEWER),
        "not refused as the viewer: {}",
        refused.text
    );
    let forced = serde_json::json!({"name": name, "namespace": "demo", "chart": "demo/demo-app"});
    let forced = server
        .call(
            Method::PUT,
            "/clusters/dev/helm/releases/upgrade",
            Some(&viewer),
            Some(&forced),
        )
        .await?;
    ensure!(forced.status == StatusCode::FORBIDDEN, "{}", forced.text);
    // Progress belongs to whoever started the change.
    let theirs = server
        .call(
            Method::GET,
            &format!("/clusters/dev/helm/action/status?name={name}&action=install"),
            Some(&viewer),
            None,
        )
        .await?;
    ensure!(theirs.body["status"] == "", "{}", theirs.text);

    let upgrade = serde_json::json!({"name": name, "namespace": "demo", "chart": "demo/demo-app",
        "values": values("replicaCount: 1\nmessage: second\n")});
    let started = server
        .call(
            Method::PUT,
            "/clusters/dev/helm/releases/upgrade",
            Some(&admin),
            Some(&upgrade),
        )
        .await?;
    ensure!(started.status == StatusCode::ACCEPTED, "{}", started.text);
    let done = finished(&server, &admin, "upgrade", &name).await?;
    ensure!(done.body["status"] == "success", "{}", done.text);

    let rollback = serde_json::json!({"name": name, "namespace": "demo", "revision": 1});
    let started = server
        .call(
            Method::PUT,
            "/clusters/dev/helm/releases/rollback",
            Some(&admin),
            Some(&rollback),
        )
        .await?;
    ensure!(started.status == StatusCode::ACCEPTED, "{}", started.text);
    let done = finished(&server, &admin, "rollback", &name).await?;
    ensure!(done.body["status"] == "success", "{}", done.text);
    // The real helm CLI sees the same history.
    let cli: Vec<String> = helm_cli(&env, &["history", &name, "--namespace", "demo"])?
        .as_array()
        .map(|l| {
            l.iter()
                .map(|r| format!("{}:{}", r["revision"], r["status"].as_str().unwrap_or("")))
                .collect()
        })
        .unwrap_or_default();
    ensure!(
        cli == ["1:superseded", "2:superseded", "3:deployed"],
        "helm history: {cli:?}"
    );
    let statuses = history_statuses(&server, &admin, &name).await?;
    ensure!(
        statuses == ["1:superseded", "2:superseded", "3:deployed"],
        "{statuses:?}"
    );
    let get = server
        .call(
            Method::GET,
            &format!("/clusters/dev/helm/releases?name={name}&namespace=demo"),
            Some(&admin),
            None,
        )
        .await?;
    ensure!(
        get.body["config"]["message"] == "first",
        "rollback kept the upgrade's values: {}",
        get.text
    );

    let path = format!("/clusters/dev/helm/releases/uninstall?name={name}&namespace=demo");
    let started = server
        .call(Method::DELETE, &path, Some(&admin), None)
        .await?;
    ensure!(started.status == StatusCode::ACCEPTED, "{}", started.text);
    let done = finished(&server, &admin, "uninstall", &name).await?;
    ensure!(done.body["status"] == "success", "{}", done.text);
    let cli = helm_cli(&env, &["list", "--namespace", "demo", "--all"])?;
    ensure!(
        !cli.as_array()
            .is_some_and(|l| l.iter().any(|r| r["name"] == name.as_str())),
        "helm list still shows {name}: {cli}"
    );
    let listed = list(&server, "dev", "namespace=demo&all=true", Some(&admin)).await?;
    ensure!(
        !names(&listed).contains(&format!("demo/{name}")),
        "{}",
        listed.text
    );

    // Every change is in the audit log, as the user who asked.
    let lines = server.audit_lines(1).await?;
    let helm: Vec<String> = lines
        .iter()
        .filter(|l| l["event"] == "helm")
        .map(|l| {
            format!(
                "{} {} {}",
                l["verb"].as_str().unwrap_or(""),
                l["user"].as_str().unwrap_or(""),
                l["status"]
            )
        })
        .collect();
    let admin_user = "system:serviceaccount:kube-system:lanthorn-admin";
    for expected in [
        format!("install {admin_user} 200"),
        format!("uninstall {VIEWER} 403"),
        format!("upgrade {VIEWER} 403"),
        format!("upgrade {admin_user} 200"),
        format!("rollback {admin_user} 200"),
        format!("uninstall {admin_user} 200"),
    ] {
        ensure!(helm.contains(&expected), "{expected} not audited: {helm:?}");
    }
    Ok(())
}

#[tokio::test]
async fn helm_changes_refuse_bad_input_and_anonymous_callers() -> Result<()> {
    let env = stack()?;
    let server = Server::start(
        &env,
        &[
            "--helm-binary",
            env.get("DEV_HELM")?,
            "--helm-repository",
            "demo=http://127.0.0.1:9/",
        ],
    )
    .await?;
    let admin = server
        .set_token("dev", env.get("DEV_ADMIN_TOKEN")?, None)
        .await?
        .session_cookie()
        .unwrap_or_default();
    let call =
        |method: Method, path: &'static str, cookie: Option<String>, body: serde_json::Value| {
            let server = &server;
            async move {
                server
                    .call(method, path, cookie.as_deref(), Some(&body))
                    .await
            }
        };
    let unknown_repo = call(
        Method::POST,
        "/clusters/dev/helm/release/install",
        Some(admin.clone()),
        serde_json::json!({"name": "x", "namespace": "demo", "chart": "elsewhere/app"}),
    )
    .await?;
    ensure!(
        unknown_repo.status == StatusCode::BAD_REQUEST
            && unknown_repo.text.contains("one of: demo"),
        "{}",
        unknown_repo.text
    );
    let bad_values = call(Method::POST, "/clusters/dev/helm/release/install", Some(admin.clone()),
        serde_json::json!({"name": "x", "namespace": "demo", "chart": "demo/app", "values": "a: [1,"})).await?;
    ensure!(
        bad_values.status == StatusCode::BAD_REQUEST && bad_values.text.contains("values"),
        "{}",
        bad_values.text
    );
    let no_revision = call(
        Method::PUT,
        "/clusters/dev/helm/releases/rollback",
        Some(admin.clone()),
        serde_json::json!({"name": "x", "namespace": "demo"}),
    )
    .await?;
    ensure!(
        no_revision.status == StatusCode::UNPROCESSABLE_ENTITY
            && no_revision.text.contains("revision"),
        "{}",
        no_revision.text
    );
    let bad_action = server
        .call(
            Method::GET,
            "/clusters/dev/helm/action/status?name=x&action=explode",
            Some(&admin),
            None,
        )
        .await?;
    ensure!(
        bad_action.status == StatusCode::BAD_REQUEST,
        "{}",
        bad_action.text
    );
    // Without a credential Helm would act anonymously: refused before it runs.
    let anonymous = call(
        Method::PUT,
        "/clusters/dev/helm/releases/rollback",
        None,
        serde_json::json!({"name": "x", "namespace": "demo", "revision": 1}),
    )
    .await?;
    ensure!(
        anonymous.status == StatusCode::UNAUTHORIZED,
        "{}",
        anonymous.text
    );

    let off = Server::start(&env, &["--disable-helm"]).await?;
    let listed = list(&off, "dev-admin", "allNamespaces=true", None).await?;
    ensure!(
        listed.status == StatusCode::NOT_FOUND && listed.body["reason"] == "HelmDisabled",
        "{}",
        listed.text
    );
    Ok(())
}

#[tokio::test]
async fn the_catalog_lists_the_operators_charts_with_readme_and_defaults() -> Result<()> {
    let env = stack()?;
    let repo = ChartRepo::start(&env).await?;
    let repository = format!("demo={}", repo.url);
    let server = Server::start(
        &env,
        &[
            "--helm-binary",
            env.get("DEV_HELM")?,
            "--helm-repository",
            &repository,
        ],
    )
    .await?;
    let anonymous = server
        .call(Method::GET, "/clusters/dev/helm/charts", None, None)
        .await?;
    ensure!(
        anonymous.status == StatusCode::UNAUTHORIZED,
        "{}",
        anonymous.text
    );
    let viewer = server
        .set_token("dev", env.get("DEV_VIEWER_TOKEN")?, None)
        .await?
        .session_cookie()
        .unwrap_or_default();
    let charts = server
        .call(
            Method::GET,
            "/clusters/dev/helm/charts",
            Some(&viewer),
            None,
        )
        .await?;
    ensure!(charts.status == StatusCode::OK, "{}", charts.text);
    let demo = &charts.body["charts"][0];
    ensure!(
        demo["repository"] == "demo" && demo["name"] == "demo-app",
        "{}",
        charts.text
    );
    ensure!(
        demo["versions"][0]["version"] == "0.1.0" && demo["versions"][0]["appVersion"] == "1.0.0",
        "{}",
        charts.text
    );
    ensure!(
        demo["description"]
            .as_str()
            .unwrap_or("")
            .contains("tiny web app"),
        "{}",
        charts.text
    );
    let none = server
        .call(
            Method::GET,
            "/clusters/dev/helm/charts?filter=no-such-chart",
            Some(&viewer),
            None,
        )
        .await?;
    ensure!(
        none.body["charts"].as_array().is_some_and(Vec::is_empty),
        "{}",
        none.text
    );
    let details = server
        .call(
            Method::GET,
            "/clusters/dev/helm/chart?chart=demo/demo-app&version=0.1.0",
            Some(&viewer),
            None,
        )
        .await?;
    ensure!(details.status == StatusCode::OK, "{}", details.text);
    ensure!(
        details.body["readme"]
            .as_str()
            .unwrap_or("")
            .contains("# demo-app"),
        "{}",
        details.text
    );
    ensure!(
        details.body["values"]
            .as_str()
            .unwrap_or("")
            .contains("replicaCount: 2"),
        "{}",
        details.text
    );
    let unknown = server
        .call(
            Method::GET,
            "/clusters/dev/helm/chart?chart=demo/nothing-here",
            Some(&viewer),
            None,
        )
        .await?;
    ensure!(
        unknown.status == StatusCode::BAD_GATEWAY && unknown.text.contains("nothing-here"),
        "{}",
        unknown.text
    );
    Ok(())
}

#[tokio::test]
async fn a_corrupt_release_record_is_reported_without_breaking_the_list() -> Result<()> {
    let env = stack()?;
    let server = Server::start(&env, &[]).await?;
    let admin = devstack::KubeClient::admin(&env)?;
    let name = format!("corrupt-{}", std::process::id());
    let record = format!("sh.helm.release.v1.{name}.v1");
    let secret = serde_json::json!({
        "apiVersion": "v1", "kind": "Secret", "type": "helm.sh/release.v1",
        "metadata": {"name": record, "namespace": "demo",
                     "labels": {"owner": "helm", "name": name, "version": "1", "status": "deployed"}},
        "stringData": {"release": "this is not a Helm release"}});
    let (status, body) = admin
        .post("/api/v1/namespaces/demo/secrets", &secret)
        .await?;
    ensure!(status == StatusCode::CREATED, "{body}");
    let listed = list(&server, "dev-admin", "allNamespaces=true", None).await;
    admin
        .delete(&format!("/api/v1/namespaces/demo/secrets/{record}"))
        .await?;
    let listed = listed?;
    ensure!(listed.status == StatusCode::OK, "{}", listed.text);
    ensure!(
        names(&listed).contains(&"demo/demo-app".to_owned()),
        "{}",
        listed.text
    );
    let errors = listed.body["errors"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let reported = errors.iter().find(|e| e["release"] == name.as_str());
    ensure!(
        reported.is_some_and(|e| e["record"] == record.as_str()
            && e["namespace"] == "demo"
            && e["message"].as_str().is_some_and(|m| m.contains("base64"))),
        "{errors:?}"
    );
    Ok(())
}

/// Helm v4, built once into the tools cache (`dev/tools/build.sh helm4`).
fn helm_v4() -> Result<std::path::PathBuf> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../../dev/tools/build.sh");
    let out = std::process::Command::new(script).arg("helm4").output()?;
    ensure!(
        out.status.success(),
        "building helm v4: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dir = String::from_utf8_lossy(&out.stdout)
        .trim()
        .lines()
        .last()
        .unwrap_or("")
        .to_owned();
    Ok(std::path::Path::new(&dir).join("helm"))
}

#[tokio::test]
async fn releases_stored_by_helm_v4_are_read_like_helm_v3s() -> Result<()> {
    let env = stack()?;
    let helm4 = helm_v4()?;
    let home = TempDir::new("helm4")?;
    let chart = concat!(env!("CARGO_MANIFEST_DIR"), "/../../dev/demo/chart");
    let name = format!("helm4-{}", std::process::id());
    let run = |args: &[&str]| -> Result<String> {
        let out = std::process::Command::new(&helm4)
            .args(args)
            .env("HOME", &home.0)
            .env("KUBECONFIG", env.get("KUBECONFIG")?)
            .output()?;
        ensure!(
            out.status.success(),
            "helm v4 {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let version = run(&["version", "--short"])?;
    ensure!(version.starts_with("v4."), "not helm v4: {version}");
    run(&[
        "install",
        &name,
        chart,
        "--namespace",
        "demo",
        "--set",
        "replicaCount=1",
        "--set",
        "message=from-helm-4",
    ])?;
    let server = Server::start(&env, &[]).await?;
    let listed = list(&server, "dev-admin", "namespace=demo", None).await;
    let got = server
        .call(
            Method::GET,
            &format!("/clusters/dev-admin/helm/releases?name={name}&namespace=demo"),
            None,
            None,
        )
        .await;
    run(&["uninstall", &name, "--namespace", "demo"])?;
    let (listed, got) = (listed?, got?);
    ensure!(
        names(&listed).contains(&format!("demo/{name}")),
        "{}",
        listed.text
    );
    ensure!(
        listed.body["errors"]
            .as_array()
            .is_some_and(|e| !e.iter().any(|e| e["release"] == name.as_str())),
        "{}",
        listed.text
    );
    ensure!(got.body["info"]["status"] == "deployed", "{}", got.text);
    ensure!(
        got.body["chart"]["metadata"]["name"] == "demo-app",
        "{}",
        got.text
    );
    ensure!(
        got.body["config"]["message"] == "from-helm-4",
        "{}",
        got.text
    );
    Ok(())
}
