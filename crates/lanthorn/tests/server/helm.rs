//! Helm releases (Headlamp's App Catalog routes) read with each sign-in method's own
//! credential. The seed records Headlamp listing releases as `system:anonymous` after a
//! token sign-in; here every method lists as the signed-in user. The stack installs the
//! release `demo-app` in namespace `demo` (dev/lib/demo.sh).

use anyhow::{Result, ensure};
use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::oidc::{oidc_args, sign_in, start};
use crate::support::{Reply, Server, stack};

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
    ensure!(names(&demo) == ["demo/demo-app"], "{}", demo.text);
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
