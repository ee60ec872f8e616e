//! In-cluster mode against the stack: the pod's ServiceAccount (here the admin token in a
//! stand-in mount) is never used unless `--unsafe-use-service-account-token` says so.

use anyhow::{Result, ensure};
use reqwest::{Method, StatusCode};

use crate::support::{Server, TempDir, stack};

#[tokio::test]
async fn requests_without_a_user_never_borrow_the_pods_service_account() -> Result<()> {
    let env = stack()?;
    let mount = TempDir::new("sa")?;
    mount.write("token", env.get("DEV_ADMIN_TOKEN")?)?;
    std::fs::copy(env.get("DEV_CA_FILE")?, mount.0.join("ca.crt"))?;
    let api = url::Url::parse(env.get("DEV_APISERVER")?)?;
    let port = api.port().unwrap_or(443).to_string();
    let dir = mount.0.display().to_string();
    let vars = [
        ("KUBERNETES_SERVICE_HOST", "127.0.0.1"),
        ("KUBERNETES_SERVICE_PORT", port.as_str()),
        ("LANTHORN_SERVICE_ACCOUNT_DIR", dir.as_str()),
        ("LANTHORN_LISTEN_ADDRESS", "127.0.0.1"),
    ];
    let safe = Server::start_with(&env, &["--in-cluster"], &vars).await?;
    let config = safe.call(Method::GET, "/config", None, None).await?;
    let names: Vec<&str> = config.body["clusters"]
        .as_array()
        .map(|c| c.iter().filter_map(|c| c["name"].as_str()).collect())
        .unwrap_or_default();
    ensure!(names == ["main"], "{}", config.text);
    let ns = safe
        .call(Method::GET, "/clusters/main/api/v1/namespaces", None, None)
        .await?;
    ensure!(
        matches!(ns.status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN),
        "anonymous got {}",
        ns.status
    );
    let me = safe
        .call(Method::GET, "/clusters/main/me", None, None)
        .await?;
    ensure!(me.status == StatusCode::UNAUTHORIZED, "{}", me.text);
    let cookie = safe
        .set_token("main", env.get("DEV_VIEWER_TOKEN")?, None)
        .await?
        .session_cookie()
        .unwrap_or_default();
    let me = safe
        .call(Method::GET, "/clusters/main/me", Some(&cookie), None)
        .await?;
    ensure!(
        me.body["username"] == "system:serviceaccount:demo:demo-viewer",
        "{}",
        me.text
    );
    // Port-forward from the UI is for Lanthorn on one's own machine, never in-cluster.
    let forward = safe
        .call(
            Method::POST,
            "/clusters/main/portforward",
            Some(&cookie),
            Some(&serde_json::json!({"namespace": "demo", "pod": "x", "port": 80})),
        )
        .await?;
    ensure!(
        forward.status == StatusCode::FORBIDDEN
            && forward.body["reason"] == "PortForwardUnavailable",
        "{}",
        forward.text
    );

    let unsafe_server = Server::start_with(
        &env,
        &["--in-cluster", "--unsafe-use-service-account-token"],
        &vars,
    )
    .await?;
    let ns = unsafe_server
        .call(Method::GET, "/clusters/main/api/v1/namespaces", None, None)
        .await?;
    ensure!(ns.status == StatusCode::OK, "{}", ns.text);
    ensure!(
        unsafe_server
            .stderr_text()
            .contains("unsafe-use-service-account-token"),
        "no warning logged"
    );
    Ok(())
}
