//! Impersonation mode against the stack's second API server (`dev2`), which does not trust
//! the OIDC provider: one OIDC sign-in reaches `dev` directly and `dev2` by impersonation,
//! each user with their own RBAC there; no caller without a sign-in borrows Lanthorn's
//! identity; the API server's audit log shows whom Lanthorn acted as; and Lanthorn refuses
//! to start impersonation mode with an identity that may not impersonate.

use std::net::{Ipv4Addr, TcpStream};
use std::process::Command;

use anyhow::{Context as _, Result, ensure};
use devstack::DevEnv;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::oidc::{oidc_args, sign_in};
use crate::support::{BIN, Server, TempDir, free_port, stack};

/// A kubeconfig with `dev` (the main API server, no credential: users sign in there with
/// their own ID token) and `dev2` (the second API server, with `dev2_user`'s client
/// certificate: Lanthorn's own identity there).
fn two_clusters(env: &DevEnv, dir: &TempDir, dev2_cert: &str) -> Result<String> {
    let pki = format!("{}/pki", env.get("DEV_STATE")?);
    let ca = env.get("DEV_CA_FILE")?;
    let path = dir.write(
        "two-clusters.kubeconfig",
        &format!(
            "apiVersion: v1\nkind: Config\n\
             clusters:\n\
             - {{name: main, cluster: {{server: '{}', certificate-authority: '{ca}'}}}}\n\
             - {{name: second, cluster: {{server: '{}', certificate-authority: '{ca}'}}}}\n\
             users:\n\
             - {{name: lanthorn, user: {{client-certificate: '{pki}/{dev2_cert}.crt', client-key: '{pki}/{dev2_cert}.key'}}}}\n\
             contexts:\n\
             - {{name: dev, context: {{cluster: main}}}}\n\
             - {{name: dev2, context: {{cluster: second, user: lanthorn}}}}\n\
             current-context: dev\n",
            env.get("DEV_APISERVER")?,
            env.get("DEV2_APISERVER")?,
        ),
    )?;
    Ok(path.display().to_string())
}

async fn start(env: &DevEnv, kubeconfig: &str) -> Result<Server> {
    let mut args = oidc_args(env, Some(true))?;
    args.extend(["--kubeconfig".into(), kubeconfig.into()]);
    args.extend(["--oidc-impersonate".into(), "dev2".into()]);
    crate::oidc::start(env, &args).await
}

fn whoami() -> serde_json::Value {
    json!({"apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview"})
}

#[tokio::test]
async fn one_oidc_sign_in_reaches_a_cluster_that_does_not_trust_the_provider_as_the_user()
-> Result<()> {
    let env = stack()?;
    let dir = TempDir::new("impersonation")?;
    let kubeconfig = two_clusters(&env, &dir, "admin")?;
    let server = start(&env, &kubeconfig).await?;
    let review = "/clusters/dev2/apis/authentication.k8s.io/v1/selfsubjectreviews";

    // The admin signs in once (at dev) and is signed in on dev2 too, as themselves.
    let admin = sign_in(&server, &env, "ADMIN").await?;
    let me = server
        .call(Method::POST, review, Some(&admin), Some(&whoami()))
        .await?;
    ensure!(
        me.status == StatusCode::CREATED,
        "{} {}",
        me.status,
        me.text
    );
    let info = &me.body["status"]["userInfo"];
    ensure!(info["username"] == "admin@example.com", "{}", me.text);
    ensure!(
        info["groups"]
            .as_array()
            .is_some_and(|g| g.iter().any(|g| g == "cluster-admins")),
        "{}",
        me.text
    );
    ensure!(
        info["extra"]["lanthorn.dev/issuer"][0] == env.get("DEV_OIDC_ISSUER")?,
        "the issuer travels as an extra: {}",
        me.text
    );
    let on_dev = server
        .call(
            Method::POST,
            "/clusters/dev/apis/authentication.k8s.io/v1/selfsubjectreviews",
            Some(&admin),
            Some(&whoami()),
        )
        .await?;
    ensure!(
        on_dev.body["status"]["userInfo"]["username"] == "admin@example.com",
        "dev is reached directly with the same sign-in: {}",
        on_dev.text
    );
    let nodes = server
        .call(
            Method::GET,
            "/clusters/dev2/api/v1/nodes",
            Some(&admin),
            None,
        )
        .await?;
    ensure!(nodes.status == StatusCode::OK, "{}", nodes.text);

    // A change made as the admin on dev2: Lanthorn's audit says impersonated, and the API
    // server's own audit log names Lanthorn's identity and the user it acted as.
    let marker = format!("made-by-admin-{}", std::process::id());
    let made = server
        .call(
            Method::POST,
            "/clusters/dev2/api/v1/namespaces/demo/configmaps",
            Some(&admin),
            Some(&json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": marker}})),
        )
        .await?;
    ensure!(made.status == StatusCode::CREATED, "{}", made.text);
    let lines = server.audit_lines(3).await?;
    ensure!(
        lines.iter().any(|l| l["event"] == "sign-in"
            && l["cluster"] == "dev2"
            && l["credential"] == "oidcImpersonated"
            && l["user"] == "admin@example.com"),
        "no impersonated sign-in audited: {}",
        server.audit_text()
    );
    ensure!(
        lines.iter().any(|l| l["cluster"] == "dev2"
            && l["credential"] == "impersonated"
            && l["user"] == "admin@example.com"
            && l["verb"] == "create"),
        "the change is not audited as impersonated: {}",
        server.audit_text()
    );
    let cluster_audit = wait_for_line(env.get("DEV2_AUDIT_LOG")?, &marker).await?;
    let event: serde_json::Value = serde_json::from_str(&cluster_audit)?;
    ensure!(
        event["user"]["username"] == "lanthorn-dev-admin"
            && event["impersonatedUser"]["username"] == "admin@example.com",
        "{cluster_audit}"
    );
    let deleted = server
        .call(
            Method::DELETE,
            &format!("/clusters/dev2/api/v1/namespaces/demo/configmaps/{marker}"),
            Some(&admin),
            None,
        )
        .await?;
    ensure!(deleted.status == StatusCode::OK, "{}", deleted.text);

    // The viewer gets the viewer's RBAC there: pods of demo yes, nodes and changes no.
    let viewer = sign_in(&server, &env, "VIEWER").await?;
    let pods = server
        .call(
            Method::GET,
            "/clusters/dev2/api/v1/namespaces/demo/pods",
            Some(&viewer),
            None,
        )
        .await?;
    ensure!(
        pods.status == StatusCode::OK && pods.text.contains("dev2-hello"),
        "{} {}",
        pods.status,
        pods.text
    );
    let nodes = server
        .call(
            Method::GET,
            "/clusters/dev2/api/v1/nodes",
            Some(&viewer),
            None,
        )
        .await?;
    ensure!(
        nodes.status == StatusCode::FORBIDDEN && nodes.text.contains("viewer@example.com"),
        "{} {}",
        nodes.status,
        nodes.text
    );
    // A client-sent Impersonate-User is refused, even with a session.
    let borrowed = server
        .http
        .get(format!("{}/clusters/dev2/api/v1/nodes", server.url))
        .header("cookie", format!("lanthorn-session={viewer}"))
        .header("Impersonate-User", "admin@example.com")
        .send()
        .await?;
    let borrowed = crate::support::Reply::read(borrowed).await?;
    ensure!(
        borrowed.status == StatusCode::FORBIDDEN
            && borrowed.body["reason"] == "ImpersonationRefused",
        "{} {}",
        borrowed.status,
        borrowed.text
    );

    // Without a sign-in nobody acts with Lanthorn's identity on dev2 (its kubeconfig
    // credential is cluster-admin there): the cluster sees an anonymous request.
    let nobody = server
        .call(Method::GET, "/clusters/dev2/api/v1/nodes", None, None)
        .await?;
    ensure!(
        nobody.status == StatusCode::FORBIDDEN && nobody.text.contains("system:anonymous"),
        "{} {}",
        nobody.status,
        nobody.text
    );
    Ok(())
}

/// The first line of `path` containing `needle` (the API server writes its audit log in
/// batches, so it may take a moment).
async fn wait_for_line(path: &str, needle: &str) -> Result<String> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        if let Some(line) = text
            .lines()
            .find(|l| l.contains(needle) && l.contains("\"create\""))
        {
            return Ok(line.to_owned());
        }
        ensure!(
            std::time::Instant::now() < deadline,
            "{needle} never appeared in {path}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}

#[test]
fn impersonation_mode_refuses_to_start_with_an_identity_that_may_not_impersonate() -> Result<()> {
    let env = stack()?;
    let dir = TempDir::new("impersonation-refused")?;
    let limited = two_clusters(&env, &dir, "dev2-limited")?;
    let cases: [(&str, &[&str], &str); 2] = [
        (
            limited.as_str(),
            &["--oidc-impersonate", "dev2"],
            "may not impersonate users, groups, uids, userextras/lanthorn.dev/issuer",
        ),
        (
            limited.as_str(),
            &["--oidc-impersonate", "dev3"],
            "\"dev3\", which is not a cluster here",
        ),
    ];
    for (kubeconfig, extra, expected) in cases {
        let port = free_port()?;
        let mut args = oidc_args(&env, Some(true))?;
        args.extend(["--kubeconfig".to_owned(), kubeconfig.to_owned()]);
        args.extend(extra.iter().map(|a| (*a).to_owned()));
        let out = Command::new(BIN)
            .args(&args)
            .env("LANTHORN_PORT", port.to_string())
            .env_remove("KUBECONFIG")
            .output()
            .context("running lanthorn")?;
        let stderr = String::from_utf8_lossy(&out.stderr);
        ensure!(
            out.status.code() == Some(64),
            "{extra:?}: exit {:?}: {stderr}",
            out.status.code()
        );
        ensure!(stderr.contains(expected), "{extra:?}: {stderr}");
        ensure!(
            TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_err(),
            "{extra:?}: something listens on the port"
        );
    }
    Ok(())
}
