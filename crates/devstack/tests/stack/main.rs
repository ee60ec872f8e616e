//! Proves the local stack is real: RBAC, ServiceAccount tokens, kwok pods with logs,
//! OIDC tokens accepted by kube-apiserver, and the helm CLI. Needs `dev/stack up`.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, ensure};
use devstack::oidc::{self, Flow};
use devstack::{DevEnv, KubeClient};
use reqwest::StatusCode;
use serde_json::{Value, json};

fn env() -> Result<DevEnv> {
    DevEnv::load()
}

#[tokio::test]
async fn admin_kubeconfig_creates_and_deletes_a_namespace() -> Result<()> {
    let env = env()?;
    let admin = KubeClient::admin(&env)?;
    let name = format!("stack-test-{}", std::process::id());
    let ns = json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}});
    let (status, body) = admin.post("/api/v1/namespaces", &ns).await?;
    ensure!(
        status == StatusCode::CREATED,
        "create namespace: {status} {body}"
    );
    let (status, body) = admin.get(&format!("/api/v1/namespaces/{name}")).await?;
    ensure!(status == StatusCode::OK && body["metadata"]["name"] == name.as_str());
    let (status, body) = admin.delete(&format!("/api/v1/namespaces/{name}")).await?;
    ensure!(
        status == StatusCode::OK,
        "delete namespace: {status} {body}"
    );
    let (_, body) = admin.get(&format!("/api/v1/namespaces/{name}")).await?;
    ensure!(
        body["status"]["phase"] == "Terminating" || body["code"] == 404,
        "namespace neither terminating nor gone: {body}"
    );
    Ok(())
}

#[tokio::test]
async fn viewer_token_may_list_demo_pods_but_not_staging_secrets() -> Result<()> {
    let env = env()?;
    let viewer = KubeClient::with_token(&env, env.get("DEV_VIEWER_TOKEN")?)?;
    let (status, body) = viewer.get("/api/v1/namespaces/staging/secrets").await?;
    ensure!(
        status == StatusCode::FORBIDDEN,
        "staging secrets: {status} {body}"
    );
    ensure!(body["reason"] == "Forbidden");
    let (status, body) = viewer.get("/api/v1/namespaces/demo/pods").await?;
    ensure!(status == StatusCode::OK, "demo pods: {status} {body}");
    let (_, who) = viewer.whoami().await?;
    ensure!(
        who["username"] == "system:serviceaccount:demo:demo-viewer",
        "viewer is {who}"
    );
    Ok(())
}

#[tokio::test]
async fn admin_token_is_the_lanthorn_admin_service_account() -> Result<()> {
    let env = env()?;
    let admin = KubeClient::with_token(&env, env.get("DEV_ADMIN_TOKEN")?)?;
    let (status, who) = admin.whoami().await?;
    ensure!(status == StatusCode::CREATED, "SelfSubjectReview: {status}");
    ensure!(who["username"] == "system:serviceaccount:kube-system:lanthorn-admin");
    let (status, _) = admin.get("/api/v1/namespaces/staging/secrets").await?;
    ensure!(
        status == StatusCode::OK,
        "cluster-admin could not list secrets: {status}"
    );
    Ok(())
}

async fn ready_pods_of(admin: &KubeClient, deployment: &str) -> Result<Vec<Value>> {
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        let (_, dep) = admin
            .get(&format!(
                "/apis/apps/v1/namespaces/demo/deployments/{deployment}"
            ))
            .await?;
        let want = dep["spec"]["replicas"].as_u64().unwrap_or(1);
        let selector = dep["spec"]["selector"]["matchLabels"]
            .as_object()
            .context("deployment without matchLabels")?
            .iter()
            .map(|(k, v)| format!("{k}%3D{}", v.as_str().unwrap_or_default()))
            .collect::<Vec<_>>()
            .join(",");
        let (_, pods) = admin
            .get(&format!(
                "/api/v1/namespaces/demo/pods?labelSelector={selector}"
            ))
            .await?;
        let ready: Vec<Value> = pods["items"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| {
                p["status"]["conditions"].as_array().is_some_and(|c| {
                    c.iter()
                        .any(|c| c["type"] == "Ready" && c["status"] == "True")
                })
            })
            .cloned()
            .collect();
        if dep["status"]["readyReplicas"].as_u64() == Some(want) && ready.len() as u64 >= want {
            return Ok(ready);
        }
        ensure!(
            Instant::now() < deadline,
            "deployment {deployment} not ready: {}",
            dep["status"]
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

#[tokio::test]
async fn demo_deployment_runs_on_kwok_nodes_with_readable_logs() -> Result<()> {
    let env = env()?;
    let admin = KubeClient::admin(&env)?;
    let pods = ready_pods_of(&admin, "web").await?;
    for pod in &pods {
        let node = pod["spec"]["nodeName"].as_str().unwrap_or_default();
        ensure!(node.starts_with("kwok-node-"), "pod scheduled on {node:?}");
        ensure!(pod["status"]["phase"] == "Running");
    }
    let name = pods[0]["metadata"]["name"].as_str().context("pod name")?;
    let (status, log) = admin
        .get_text(&format!(
            "/api/v1/namespaces/demo/pods/{name}/log?tailLines=20"
        ))
        .await?;
    ensure!(status == StatusCode::OK, "log: {status} {log}");
    ensure!(log.lines().count() >= 5, "log too short: {log:?}");
    Ok(())
}

#[tokio::test]
async fn exec_in_a_kwok_pod_runs_a_local_shell() -> Result<()> {
    let env = env()?;
    let admin = KubeClient::admin(&env)?;
    let pods = ready_pods_of(&admin, "web").await?;
    let name = pods[0]["metadata"]["name"].as_str().context("pod name")?;
    let out = tokio::process::Command::new(env.get("DEV_KUBECTL")?)
        .args([
            "exec",
            "--namespace",
            "demo",
            name,
            "--",
            "sh",
            "-c",
            "echo $((6 * 7))",
        ])
        .env("KUBECONFIG", env.get("KUBECONFIG")?)
        .output()
        .await?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    ensure!(
        out.status.success() && stdout.trim() == "42",
        "exec: {stdout} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(())
}

async fn oidc_identity(env: &DevEnv, who: &str) -> Result<(StatusCode, Value)> {
    let user = env.get(&format!("DEV_OIDC_{who}_USER"))?;
    let password = env.get(&format!("DEV_OIDC_{who}_PASSWORD"))?;
    let tokens = oidc::login(env, user, password, &Flow::default()).await?;
    ensure!(
        tokens.claims["email"] == user,
        "id_token claims: {}",
        tokens.claims
    );
    KubeClient::with_token(env, &tokens.id_token)?
        .whoami()
        .await
}

#[tokio::test]
async fn oidc_id_token_authenticates_admin_with_groups() -> Result<()> {
    let env = env()?;
    let (status, who) = oidc_identity(&env, "ADMIN").await?;
    ensure!(
        status == StatusCode::CREATED,
        "SelfSubjectReview: {status} {who}"
    );
    ensure!(who["username"] == "admin@example.com", "username: {who}");
    let groups = who["groups"].as_array().context("groups")?;
    ensure!(groups.contains(&json!("cluster-admins")), "groups: {who}");
    Ok(())
}

#[tokio::test]
async fn oidc_viewer_and_nobody_get_their_own_groups() -> Result<()> {
    let env = env()?;
    let (_, viewer) = oidc_identity(&env, "VIEWER").await?;
    ensure!(viewer["username"] == "viewer@example.com");
    ensure!(
        viewer["groups"]
            .as_array()
            .is_some_and(|g| g.contains(&json!("demo-viewers")))
    );
    let (_, nobody) = oidc_identity(&env, "NOBODY").await?;
    ensure!(nobody["username"] == "nobody@example.com");
    let groups = nobody["groups"].as_array().context("groups")?;
    ensure!(
        !groups
            .iter()
            .any(|g| g == "demo-viewers" || g == "cluster-admins"),
        "{nobody}"
    );
    Ok(())
}

#[tokio::test]
async fn oidc_wrong_password_is_refused() -> Result<()> {
    let env = env()?;
    let user = env.get("DEV_OIDC_ADMIN_USER")?;
    let outcome = oidc::login(&env, user, "not-the-password", &Flow::default()).await;
    ensure!(outcome.is_err(), "a wrong password signed in");
    Ok(())
}

#[tokio::test]
async fn oidc_refresh_token_yields_a_new_id_token() -> Result<()> {
    let env = env()?;
    let user = env.get("DEV_OIDC_VIEWER_USER")?;
    let password = env.get("DEV_OIDC_VIEWER_PASSWORD")?;
    let first = oidc::login(&env, user, password, &Flow::default()).await?;
    let refresh = first
        .refresh_token
        .as_deref()
        .context("no refresh token issued")?;
    let second = oidc::refresh(&env, refresh).await?;
    ensure!(second.claims["email"] == user);
    let rotated = second
        .refresh_token
        .as_deref()
        .context("no rotated refresh token")?;
    ensure!(rotated != refresh, "the refresh token was not rotated");
    let (status, who) = KubeClient::with_token(&env, &second.id_token)?
        .whoami()
        .await?;
    ensure!(
        status == StatusCode::CREATED && who["username"] == user,
        "{status} {who}"
    );
    Ok(())
}

#[tokio::test]
async fn helm_cli_lists_the_demo_release() -> Result<()> {
    let env = env()?;
    let state = env.get("DEV_STATE")?;
    let out = tokio::process::Command::new(env.get("DEV_HELM")?)
        .args(["list", "--namespace", "demo", "--output", "json"])
        .env("KUBECONFIG", env.get("KUBECONFIG")?)
        .env("HELM_CACHE_HOME", format!("{state}/helm/cache"))
        .env("HELM_CONFIG_HOME", format!("{state}/helm/config"))
        .env("HELM_DATA_HOME", format!("{state}/helm/data"))
        .output()
        .await?;
    ensure!(
        out.status.success(),
        "helm list: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let releases: Value = serde_json::from_slice(&out.stdout)?;
    let demo = releases
        .as_array()
        .and_then(|r| r.iter().find(|r| r["name"] == "demo-app"))
        .with_context(|| format!("no demo-app release in {releases}"))?;
    ensure!(demo["status"] == "deployed", "demo-app: {demo}");
    ensure!(
        demo["chart"]
            .as_str()
            .is_some_and(|c| c.starts_with("demo-app-"))
    );
    Ok(())
}

mod script;
