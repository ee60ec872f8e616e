//! The seed's command lines start the server; bad configuration exits 64 before binding.

use std::net::{Ipv4Addr, TcpStream};
use std::process::Command;

use anyhow::{Result, ensure};

use crate::support::{BIN, Server, TempDir, free_port, stack};

#[tokio::test]
async fn the_seeds_command_lines_start_the_server_in_both_flag_spellings() -> Result<()> {
    let env = stack()?;
    let issuer = env.get("DEV_OIDC_ISSUER")?.to_owned();
    let secret = env.get("DEV_OIDC_CLIENT_SECRET")?.to_owned();
    let id = format!("-oidc-client-id={}", env.get("DEV_OIDC_CLIENT_ID")?);
    let secret_eq = format!("-oidc-client-secret={secret}");
    let issuer_eq = format!("-oidc-idp-issuer-url={issuer}");
    let spaced: Vec<&str> = vec![
        "--oidc-client-id",
        env.get("DEV_OIDC_CLIENT_ID")?,
        "--oidc-client-secret",
        &secret,
        "--oidc-issuer-url",
        &issuer,
        "--oidc-scopes",
        "profile,email",
        "--oidc-use-pkce",
        "--session-ttl",
        "3600",
    ];
    let equals: Vec<&str> = vec![
        &id,
        &secret_eq,
        &issuer_eq,
        "-oidc-scopes=profile,email,groups",
        "-oidc-use-pkce=true",
        "-session-ttl",
        "3600",
    ];
    for args in [spaced, equals] {
        let server = Server::start(&env, &args).await?;
        let config = server
            .call(reqwest::Method::GET, "/config", None, None)
            .await?;
        ensure!(config.status == 200, "{}", config.text);
        let dev = config.body["clusters"]
            .as_array()
            .and_then(|c| c.iter().find(|c| c["name"] == "dev"))
            .cloned()
            .unwrap_or_default();
        ensure!(
            dev["signInMethods"] == serde_json::json!(["token", "oidc"]),
            "{dev}"
        );
        ensure!(
            !config.text.contains(&secret),
            "/config leaks the client secret"
        );
        // --session-ttl 3600 bounds the cookie's life.
        let signed = server
            .set_token("dev", env.get("DEV_VIEWER_TOKEN")?, None)
            .await?;
        let cookie = signed.header("set-cookie").unwrap_or_default().to_owned();
        let max_age: u64 = cookie
            .split("Max-Age=")
            .nth(1)
            .and_then(|v| v.split(';').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(u64::MAX);
        ensure!(max_age <= 3600 && max_age > 3500, "cookie {cookie}");
        ensure!(
            !server.stderr_text().contains(&secret),
            "the log shows the client secret"
        );
    }
    Ok(())
}

#[test]
fn invalid_configuration_exits_64_naming_the_key_before_binding() -> Result<()> {
    let dir = TempDir::new("badconfig")?;
    let bad_yaml = dir.write("config.yaml", "oidc: [unclosed\n")?;
    let bad_kubeconfig = dir.write("kubeconfig", "clusters: {not: a list}\n")?;
    let bad_yaml = bad_yaml.display().to_string();
    let bad_kubeconfig = bad_kubeconfig.display().to_string();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["--no-such-flag"], "no-such-flag"),
        (vec!["--session-ttl", "soon"], "session-ttl"),
        (vec!["-session-ttl=-5"], "session-ttl"),
        (
            vec!["--oidc-issuer-url", "not a url", "--oidc-client-id", "x"],
            "oidc-issuer-url",
        ),
        (vec!["--config", &bad_yaml], "config"),
        (vec!["--kubeconfig", &bad_kubeconfig], "malformed"),
        (
            vec!["--audit-log", "/nonexistent-dir/audit.log"],
            "audit-log",
        ),
    ];
    for (args, names) in cases {
        let port = free_port()?;
        let out = Command::new(BIN)
            .args(&args)
            .env("LANTHORN_PORT", port.to_string())
            .env_remove("KUBECONFIG")
            .output()?;
        let stderr = String::from_utf8_lossy(&out.stderr);
        ensure!(
            out.status.code() == Some(64),
            "{args:?}: exit {:?}: {stderr}",
            out.status.code()
        );
        ensure!(
            stderr.contains(names),
            "{args:?}: message does not name {names:?}: {stderr}"
        );
        ensure!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        ensure!(
            TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_err(),
            "{args:?}: something listens on the port"
        );
    }
    Ok(())
}

#[test]
fn help_groups_flags_and_names_their_environment_variables() -> Result<()> {
    let out = Command::new(BIN).arg("--help").output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    ensure!(out.status.success());
    for needle in [
        "--oidc-use-pkce",
        "LANTHORN_SESSION_TTL",
        "HEADLAMP_CONFIG_OIDC_CLIENT_ID",
        "--session-store",
    ] {
        ensure!(text.contains(needle), "--help lacks {needle}: {text}");
    }
    let version = Command::new(BIN).arg("-version").output()?;
    ensure!(String::from_utf8_lossy(&version.stdout).contains(env!("CARGO_PKG_VERSION")));
    Ok(())
}
