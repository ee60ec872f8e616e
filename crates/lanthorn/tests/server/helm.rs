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
    let server = start(&env, &oidc_args(&env, Some(true))?).await?;
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

/// A stand-in for `helm` that writes each run's arguments to a file and answers as Helm
/// would: `repo add` leaves a one-chart index in Helm's cache, `show` prints text. Its
/// `repo add` and `show readme` take `add_secs` and `show_secs` seconds.
struct FakeHelm {
    dir: TempDir,
    path: std::path::PathBuf,
}

impl FakeHelm {
    fn new(add_secs: u32, show_secs: u32) -> Result<Self> {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = TempDir::new("fake-helm")?;
        let calls = dir.0.join("calls");
        let script = format!(
            r##"#!/bin/sh
echo "$*" >> '{calls}'
case "$1 $2" in
  "repo add")
    sleep {add_secs}
    mkdir -p "$HELM_CACHE_HOME/repository"
    printf 'apiVersion: v1\nentries:\n  demo-app:\n  - version: 0.1.0\n    description: fake\n' \
      > "$HELM_CACHE_HOME/repository/$3-index.yaml" ;;
  "show readme") sleep {show_secs}; echo "# $3 $5" ;;
  "show values") echo "fake: true" ;;
  "registry login") ;;
  *) echo "Error: the fake helm cannot $1 $2" >&2; exit 1 ;;
esac
"##,
            calls = calls.display()
        );
        let path = dir.write("helm", &script)?;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))?;
        Ok(Self { dir, path })
    }

    fn binary(&self) -> &str {
        self.path.to_str().unwrap_or_default()
    }

    /// Every run so far, its arguments space-separated.
    fn calls(&self) -> Vec<String> {
        std::fs::read_to_string(self.dir.0.join("calls"))
            .unwrap_or_default()
            .lines()
            .map(str::to_owned)
            .collect()
    }

    fn count(&self, prefix: &str) -> usize {
        self.calls()
            .iter()
            .filter(|c| c.starts_with(prefix))
            .count()
    }
}

/// A request sent with `Authorization: Bearer TOKEN` and no cookie.
async fn with_bearer(
    server: &Server,
    method: Method,
    path: &str,
    token: &str,
    body: Option<&Value>,
) -> Result<Reply> {
    let mut request = server
        .http
        .request(method, format!("{}{path}", server.url))
        .bearer_auth(token);
    if let Some(body) = body {
        request = request.json(body);
    }
    Reply::read(request.send().await?).await
}

#[tokio::test]
async fn helm_never_runs_for_a_token_the_cluster_rejects() -> Result<()> {
    let env = stack()?;
    let helm = FakeHelm::new(0, 0)?;
    let server = Server::start(
        &env,
        &[
            "--helm-binary",
            helm.binary(),
            "--helm-repository",
            "demo=http://127.0.0.1:9/",
        ],
    )
    .await?;
    let install = serde_json::json!({"name": "x", "namespace": "demo", "chart": "demo/demo-app"});
    let rollback = serde_json::json!({"name": "x", "namespace": "demo", "revision": 1});
    let attempts: [(Method, &str, Option<&Value>); 6] = [
        (Method::GET, "/clusters/dev/helm/charts", None),
        (
            Method::GET,
            "/clusters/dev/helm/chart?chart=demo/demo-app",
            None,
        ),
        (Method::GET, "/clusters/dev/helm/repositories", None),
        (
            Method::POST,
            "/clusters/dev/helm/release/install",
            Some(&install),
        ),
        (
            Method::PUT,
            "/clusters/dev/helm/releases/rollback",
            Some(&rollback),
        ),
        (
            Method::DELETE,
            "/clusters/dev/helm/releases/uninstall?name=x&namespace=demo",
            None,
        ),
    ];
    for (method, path, body) in attempts {
        let reply = with_bearer(&server, method.clone(), path, "x", body).await?;
        ensure!(
            reply.status == StatusCode::UNAUTHORIZED && reply.body["reason"] == "Unauthorized",
            "{method} {path} with a made-up token: {} {}",
            reply.status,
            reply.text
        );
        ensure!(helm.calls().is_empty(), "helm ran: {:?}", helm.calls());
    }
    // Nor without any credential: the repositories need a sign-in too.
    let anonymous = server
        .call(Method::GET, "/clusters/dev/helm/repositories", None, None)
        .await?;
    ensure!(
        anonymous.status == StatusCode::UNAUTHORIZED,
        "{}",
        anonymous.text
    );
    // A token the cluster accepts does run helm.
    let charts = with_bearer(
        &server,
        Method::GET,
        "/clusters/dev/helm/charts",
        env.get("DEV_VIEWER_TOKEN")?,
        None,
    )
    .await?;
    ensure!(charts.status == StatusCode::OK, "{}", charts.text);
    ensure!(
        charts.body["charts"][0]["name"] == "demo-app",
        "{}",
        charts.text
    );
    ensure!(helm.count("repo add demo") == 1, "{:?}", helm.calls());
    ensure!(!server.stderr_text().contains("Bearer x"), "token logged");
    Ok(())
}

#[tokio::test]
async fn concurrent_catalog_reads_share_one_index_fetch_and_chart_details_are_kept() -> Result<()> {
    let env = stack()?;
    let helm = FakeHelm::new(1, 0)?;
    let server = Server::start(
        &env,
        &[
            "--helm-binary",
            helm.binary(),
            "--helm-repository",
            "demo=http://127.0.0.1:9/",
        ],
    )
    .await?;
    let token = env.get("DEV_VIEWER_TOKEN")?;
    let replies = futures_util::future::join_all((0..6).map(|_| {
        with_bearer(
            &server,
            Method::GET,
            "/clusters/dev/helm/charts",
            token,
            None,
        )
    }))
    .await;
    for reply in replies {
        let reply = reply?;
        ensure!(reply.status == StatusCode::OK, "{}", reply.text);
        ensure!(
            reply.body["charts"][0]["name"] == "demo-app",
            "{}",
            reply.text
        );
    }
    ensure!(
        helm.count("repo add") == 1,
        "six callers, one fetch: {:?}",
        helm.calls()
    );
    for _ in 0..2 {
        let details = with_bearer(
            &server,
            Method::GET,
            "/clusters/dev/helm/chart?chart=demo/demo-app&version=0.1.0",
            token,
            None,
        )
        .await?;
        ensure!(details.status == StatusCode::OK, "{}", details.text);
        ensure!(
            details.body["readme"] == "# demo/demo-app 0.1.0"
                && details.body["values"] == "fake: true",
            "{}",
            details.text
        );
    }
    ensure!(
        helm.count("show readme") == 1 && helm.count("show values") == 1,
        "helm show not kept: {:?}",
        helm.calls()
    );
    Ok(())
}

#[tokio::test]
async fn helm_processes_are_capped_and_callers_beyond_the_cap_get_503() -> Result<()> {
    let env = stack()?;
    // Each `helm show readme` takes 12 s, longer than a caller waits for a turn.
    let helm = FakeHelm::new(0, 12)?;
    let server = Server::start(
        &env,
        &[
            "--helm-binary",
            helm.binary(),
            "--helm-repository",
            "demo=http://127.0.0.1:9/",
        ],
    )
    .await?;
    let token = env.get("DEV_VIEWER_TOKEN")?;
    let paths: Vec<String> = (1..=6)
        .map(|v| format!("/clusters/dev/helm/chart?chart=demo/demo-app&version=0.0.{v}"))
        .collect();
    let started = std::time::Instant::now();
    let replies = futures_util::future::join_all(
        paths
            .iter()
            .map(|path| with_bearer(&server, Method::GET, path, token, None)),
    )
    .await;
    let mut statuses = Vec::new();
    for reply in replies {
        let reply = reply?;
        if reply.status == StatusCode::SERVICE_UNAVAILABLE {
            ensure!(
                reply.body["reason"] == "HelmBusy"
                    && reply.body["message"]
                        .as_str()
                        .is_some_and(|m| m.contains("try again")),
                "{}",
                reply.text
            );
        }
        statuses.push(reply.status.as_u16());
    }
    statuses.sort_unstable();
    ensure!(statuses == [200, 200, 200, 200, 503, 503], "{statuses:?}");
    ensure!(
        helm.count("show readme") == 4,
        "only four ran: {:?}",
        helm.calls()
    );
    ensure!(started.elapsed() < std::time::Duration::from_secs(30));
    Ok(())
}

#[tokio::test]
async fn a_gzip_bomb_in_a_release_secret_is_reported_not_decompressed() -> Result<()> {
    let env = stack()?;
    // 512 MiB of zeros, compressed by the system's gzip as it streams (about 500 KiB,
    // within a Secret's 1 MiB once base64-encoded).
    let gzip = std::process::Command::new("sh")
        .args(["-c", "head -c 536870912 /dev/zero | gzip -9"])
        .output()?;
    ensure!(
        gzip.status.success(),
        "{}",
        String::from_utf8_lossy(&gzip.stderr)
    );
    ensure!(gzip.stdout.len() < 700 * 1024, "{}", gzip.stdout.len());
    let bomb = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &gzip.stdout);
    let server = Server::start(&env, &[]).await?;
    let admin = devstack::KubeClient::admin(&env)?;
    let name = format!("bomb-{}", std::process::id());
    let record = format!("sh.helm.release.v1.{name}.v1");
    let secret = serde_json::json!({
        "apiVersion": "v1", "kind": "Secret", "type": "helm.sh/release.v1",
        "metadata": {"name": record, "namespace": "demo",
                     "labels": {"owner": "helm", "name": name, "version": "1", "status": "deployed"}},
        "stringData": {"release": bomb}});
    let (status, body) = admin
        .post("/api/v1/namespaces/demo/secrets", &secret)
        .await?;
    ensure!(status == StatusCode::CREATED, "{body}");
    let listed = list(&server, "dev-admin", "namespace=demo", None).await;
    let got = server
        .call(
            Method::GET,
            &format!("/clusters/dev-admin/helm/releases?name={name}&namespace=demo"),
            None,
            None,
        )
        .await;
    admin
        .delete(&format!("/api/v1/namespaces/demo/secrets/{record}"))
        .await?;
    let (listed, got) = (listed?, got?);
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
        reported.is_some_and(|e| {
            e["record"] == record.as_str()
                && e["message"].as_str().is_some_and(|m| {
                    m.contains("larger than a record may be") && m.contains("32 MiB")
                })
        }),
        "{errors:?}"
    );
    // The release itself is simply not found: its one record is unreadable.
    ensure!(got.status == StatusCode::NOT_FOUND, "{}", got.text);
    Ok(())
}

#[tokio::test]
async fn chart_repository_credentials_are_never_shown() -> Result<()> {
    let env = stack()?;
    let secret_url = "http://someone:hunter2@127.0.0.1:9/charts?token=sekrit";
    let repository = format!("priv={secret_url}");
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
    let leaks = |text: &str| {
        ["hunter2", "sekrit", "someone"]
            .iter()
            .any(|s| text.contains(s))
    };
    let admin = server
        .set_token("dev", env.get("DEV_ADMIN_TOKEN")?, None)
        .await?
        .session_cookie()
        .unwrap_or_default();
    let repositories = server
        .call(
            Method::GET,
            "/clusters/dev/helm/repositories",
            Some(&admin),
            None,
        )
        .await?;
    ensure!(
        repositories.status == StatusCode::OK,
        "{}",
        repositories.text
    );
    ensure!(
        repositories.body["repositories"][0]["name"] == "priv"
            && repositories.body["repositories"][0]["url"] == "http://127.0.0.1:9/charts",
        "{}",
        repositories.text
    );
    ensure!(!leaks(&repositories.text), "{}", repositories.text);
    // Helm's own error names the repository's address: shown without its credentials.
    let charts = server
        .call(Method::GET, "/clusters/dev/helm/charts", Some(&admin), None)
        .await?;
    ensure!(
        charts.status == StatusCode::BAD_GATEWAY && charts.text.contains("127.0.0.1:9"),
        "{}",
        charts.text
    );
    ensure!(!leaks(&charts.text), "{}", charts.text);
    let install =
        serde_json::json!({"name": "never", "namespace": "demo", "chart": "priv/demo-app"});
    let started = server
        .call(
            Method::POST,
            "/clusters/dev/helm/release/install",
            Some(&admin),
            Some(&install),
        )
        .await?;
    ensure!(started.status == StatusCode::ACCEPTED, "{}", started.text);
    let done = finished(&server, &admin, "install", "never").await?;
    ensure!(done.body["status"] == "failed", "{}", done.text);
    ensure!(!leaks(&done.text), "{}", done.text);
    let _ = server.audit_lines(1).await?;
    ensure!(!leaks(&server.audit_text()), "{}", server.audit_text());
    ensure!(!leaks(&server.stderr_text()), "{}", server.stderr_text());
    Ok(())
}

#[tokio::test]
async fn oci_repositories_are_used_by_reference_and_have_no_index() -> Result<()> {
    let env = stack()?;
    let helm = FakeHelm::new(0, 0)?;
    let server = Server::start(
        &env,
        &[
            "--helm-binary",
            helm.binary(),
            "--helm-repository",
            "demo=http://127.0.0.1:9/,registry=oci://robot:hunter2@registry.example.com/charts",
        ],
    )
    .await?;
    let token = env.get("DEV_VIEWER_TOKEN")?;
    let repositories = with_bearer(
        &server,
        Method::GET,
        "/clusters/dev/helm/repositories",
        token,
        None,
    )
    .await?;
    ensure!(
        repositories.body["repositories"][1]["url"] == "oci://registry.example.com/charts",
        "{}",
        repositories.text
    );
    ensure!(
        !repositories.text.contains("hunter2"),
        "{}",
        repositories.text
    );
    // The catalog lists indexed repositories only: a registry has no index to read.
    let charts = with_bearer(
        &server,
        Method::GET,
        "/clusters/dev/helm/charts",
        token,
        None,
    )
    .await?;
    ensure!(charts.status == StatusCode::OK, "{}", charts.text);
    let listed: Vec<&str> = charts.body["charts"]
        .as_array()
        .map(|l| l.iter().filter_map(|c| c["repository"].as_str()).collect())
        .unwrap_or_default();
    ensure!(listed == ["demo"], "{}", charts.text);
    ensure!(helm.count("repo add registry") == 0, "{:?}", helm.calls());
    // A chart of the registry is shown by its full reference, without `repo add`, after
    // logging in to the registry with the password on Helm's input.
    let details = with_bearer(
        &server,
        Method::GET,
        "/clusters/dev/helm/chart?chart=registry/app&version=1.2.3",
        token,
        None,
    )
    .await?;
    ensure!(details.status == StatusCode::OK, "{}", details.text);
    let calls = helm.calls();
    ensure!(
        calls.contains(
            &"registry login registry.example.com --username robot --password-stdin".to_owned()
        ) && calls.contains(
            &"show readme oci://registry.example.com/charts/app --version 1.2.3".to_owned()
        ),
        "{calls:?}"
    );
    ensure!(!calls.iter().any(|c| c.contains("hunter2")), "{calls:?}");
    Ok(())
}

#[tokio::test]
async fn a_release_from_no_configured_repository_upgrades_from_its_stored_chart() -> Result<()> {
    let env = stack()?;
    // Installed by the real helm CLI from a local folder: no repository has the chart.
    let name = format!("stored-{}", std::process::id());
    let home = TempDir::new("helm-stored")?;
    let chart = concat!(env!("CARGO_MANIFEST_DIR"), "/../../dev/demo/chart");
    let out = std::process::Command::new(env.get("DEV_HELM")?)
        .args(["install", &name, chart, "--namespace", "demo"])
        .args(["--set", "replicaCount=1", "--set", "message=from-folder"])
        .env("HOME", &home.0)
        .env("KUBECONFIG", env.get("KUBECONFIG")?)
        .output()?;
    ensure!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let server = Server::start(&env, &["--helm-binary", env.get("DEV_HELM")?]).await?;
    let admin = server
        .set_token("dev", env.get("DEV_ADMIN_TOKEN")?, None)
        .await?
        .session_cookie()
        .unwrap_or_default();
    let values = base64::Engine::encode(
        &base64::engine::general_purpose::STANDARD,
        "replicaCount: 1\nmessage: edited-in-lanthorn\n",
    );
    // A version makes no sense without a repository: refused by name, nothing runs.
    let versioned = serde_json::json!({"name": name, "namespace": "demo", "chart": "",
        "version": "9.9.9", "values": values});
    let refused = server
        .call(
            Method::PUT,
            "/clusters/dev/helm/releases/upgrade",
            Some(&admin),
            Some(&versioned),
        )
        .await?;
    ensure!(
        refused.status == StatusCode::BAD_REQUEST,
        "{}",
        refused.text
    );

    let upgrade = serde_json::json!({"name": name, "namespace": "demo", "values": values});
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
    // The real helm CLI sees revision 2 with the edited values and the same chart.
    let got = helm_cli(&env, &["get", "values", &name, "--namespace", "demo"])?;
    ensure!(got["message"] == "edited-in-lanthorn", "{got}");
    let history = history_statuses(&server, &admin, &name).await?;
    ensure!(
        history == ["1:superseded", "2:deployed"],
        "history: {history:?}"
    );
    let revisions = helm_cli(&env, &["history", &name, "--namespace", "demo"])?;
    ensure!(
        revisions[1]["chart"] == "demo-app-0.1.0",
        "not upgraded with the stored chart: {revisions}"
    );

    // A release that does not exist (or is not the caller's to read) is a 404.
    let missing = serde_json::json!({"name": "no-such-release", "namespace": "demo"});
    let missing = server
        .call(
            Method::PUT,
            "/clusters/dev/helm/releases/upgrade",
            Some(&admin),
            Some(&missing),
        )
        .await?;
    ensure!(missing.status == StatusCode::NOT_FOUND, "{}", missing.text);
    ensure!(
        missing.body["reason"] == "ReleaseNotFound",
        "{}",
        missing.text
    );
    let _ = std::process::Command::new(env.get("DEV_HELM")?)
        .args(["uninstall", &name, "--namespace", "demo"])
        .env("HOME", &home.0)
        .env("KUBECONFIG", env.get("KUBECONFIG")?)
        .output();
    Ok(())
}
