//! The audit log: who did what, where, with which outcome, and never a secret.

use anyhow::{Result, ensure};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{Reply, Server, stack};

#[tokio::test]
async fn mutating_requests_are_audited_with_user_target_status_and_audit_id() -> Result<()> {
    let env = stack()?;
    let server = Server::start(&env, &[]).await?;
    let viewer_token = env.get("DEV_VIEWER_TOKEN")?;
    let admin_token = env.get("DEV_ADMIN_TOKEN")?;
    let cookie = server
        .set_token("dev", viewer_token, None)
        .await?
        .session_cookie()
        .unwrap_or_default();
    let name = format!("audited-{}", std::process::id());
    let cm = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name}});
    let denied = server
        .call(
            Method::POST,
            "/clusters/dev/api/v1/namespaces/demo/configmaps",
            Some(&cookie),
            Some(&cm),
        )
        .await?;
    ensure!(denied.status == StatusCode::FORBIDDEN, "{}", denied.text);
    let url = format!(
        "{}/clusters/dev/api/v1/namespaces/demo/configmaps",
        server.url
    );
    let created = Reply::read(
        server
            .http
            .post(&url)
            .bearer_auth(admin_token)
            .json(&cm)
            .send()
            .await?,
    )
    .await?;
    ensure!(created.status == StatusCode::CREATED, "{}", created.text);
    let deleted = server
        .http
        .delete(format!("{url}/{name}"))
        .bearer_auth(admin_token)
        .send()
        .await?;
    ensure!(deleted.status() == StatusCode::OK);
    // Reads are not audited.
    server
        .call(
            Method::GET,
            "/clusters/dev/api/v1/namespaces/demo/configmaps",
            Some(&cookie),
            None,
        )
        .await?;

    let lines = server.audit_lines(4).await?;
    let requests: Vec<&Value> = lines.iter().filter(|l| l["event"] == "request").collect();
    ensure!(requests.len() == 3, "{lines:#?}");
    let find = |verb: &str, status: u64| {
        requests
            .iter()
            .find(|l| l["verb"] == verb && l["status"] == status)
            .copied()
    };
    let denied = find("create", 403).cloned().unwrap_or_default();
    ensure!(
        denied["user"] == "system:serviceaccount:demo:demo-viewer"
            && denied["credential"] == "session",
        "{denied}"
    );
    ensure!(
        denied["resource"] == "configmaps"
            && denied["namespace"] == "demo"
            && denied["group"] == "",
        "{denied}"
    );
    ensure!(
        denied["auditId"].as_str().is_some_and(|id| !id.is_empty()),
        "{denied}"
    );
    ensure!(
        denied["time"].as_str().is_some_and(|t| t.ends_with('Z')),
        "{denied}"
    );
    let groups = denied["groups"].as_array().cloned().unwrap_or_default();
    ensure!(
        groups.contains(&json!("system:serviceaccounts:demo")),
        "{denied}"
    );
    let created = find("create", 201).cloned().unwrap_or_default();
    ensure!(
        created["user"] == "system:serviceaccount:kube-system:lanthorn-admin"
            && created["credential"] == "bearerHeader",
        "{created}"
    );
    let deleted = find("delete", 200).cloned().unwrap_or_default();
    ensure!(deleted["name"] == name.as_str(), "{deleted}");
    let text = server.audit_text();
    for secret in [viewer_token, admin_token, cookie.as_str()] {
        ensure!(!text.contains(secret), "the audit log holds a secret");
    }
    Ok(())
}
