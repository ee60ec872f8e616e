//! Defaults, value checks, cross-setting rules, and secret redaction.

use std::time::Duration;

use secrecy::ExposeSecret;

use super::{TempDir, fail, run};
use crate::{AuditTarget, Config, SessionStore};

const OIDC: [&str; 2] = [
    "--oidc-client-id=headlamp",
    "--oidc-issuer-url=https://dex.example.com",
];

#[test]
fn defaults() {
    let config = run(&[]);
    assert_eq!(config.server.socket_addr().to_string(), "127.0.0.1:4466");
    assert_eq!(config.server.base_url, "");
    assert!(config.server.tls.is_none());
    assert!(!config.clusters.in_cluster);
    assert_eq!(config.clusters.in_cluster_context_name, "main");
    assert!(config.clusters.kubeconfigs.is_empty());
    assert!(config.oidc.is_none());
    assert_eq!(config.session.ttl, Duration::from_secs(86_400));
    assert_eq!(config.session.idle_timeout, Duration::from_secs(3_600));
    assert!(matches!(config.session.store, SessionStore::Memory));
    assert_eq!(config.audit_log, AuditTarget::Stdout);
    assert_eq!(config.log_level, "info");
    // `Config::default()` is the same as loading nothing.
    assert_eq!(format!("{:?}", Config::default()), format!("{config:?}"));
}

#[test]
fn bad_values_name_their_setting() {
    let cases: [(&[&str], &str); 10] = [
        (&["--port", "70000"], "--port"),
        (&["--port=0"], "--port"),
        (&["--session-ttl", "0"], "--session-ttl"),
        (&["--session-ttl", "1h"], "--session-ttl"),
        (&["--session-idle-timeout=0"], "--session-idle-timeout"),
        (&["--listen-address", "example.com"], "--listen-address"),
        (&["--base-url", "lanthorn"], "--base-url"),
        (&["--session-store", "postgres://db"], "--session-store"),
        (&["--oidc-callback-url", "not a url"], "--oidc-callback-url"),
        (
            &["--unsafe-use-service-account-token"],
            "--unsafe-use-service-account-token",
        ),
    ];
    for (args, key) in cases {
        let err = fail(args);
        assert_eq!(err.key(), key, "{args:?}: {err}");
        assert_eq!(
            err.to_string(),
            format!("invalid configuration: {key}: {}", err.message())
        );
    }
}

#[test]
fn idle_timeout_may_not_exceed_ttl() {
    let err = fail(&["--session-ttl=600", "--session-idle-timeout=1200"]);
    assert_eq!(err.key(), "--session-idle-timeout");
    assert!(err.message().contains("600"), "{err}");
    // A short TTL alone lowers the default idle timeout instead.
    let config = run(&["--session-ttl=600"]);
    assert_eq!(config.session.idle_timeout, Duration::from_secs(600));
}

#[test]
fn issuer_must_be_https_except_on_this_machine() {
    let err = fail(&[
        "--oidc-client-id=h",
        "--oidc-issuer-url=http://dex.example.com",
    ]);
    assert_eq!(err.key(), "--oidc-issuer-url");
    for local in ["http://localhost:5556/dex", "http://127.0.0.1:5556"] {
        let config = run(&["--oidc-client-id=h", "--oidc-issuer-url", local]);
        assert_eq!(
            config.oidc.map(|o| o.issuer_url.to_string()),
            Some(local.to_owned())
        );
    }
    let err = fail(&[
        "--oidc-client-id=h",
        "--oidc-issuer-url=https://x.example/?a=b",
    ]);
    assert_eq!(err.key(), "--oidc-issuer-url");
}

#[test]
fn oidc_needs_both_id_and_issuer() {
    let err = fail(&["--oidc-client-id=headlamp"]);
    assert_eq!(err.key(), "--oidc-issuer-url");
    assert!(err.message().contains("--oidc-client-id"), "{err}");
    let err = fail(&["--oidc-issuer-url=https://dex.example.com"]);
    assert_eq!(err.key(), "--oidc-client-id");
    let err = fail(&["--oidc-client-secret=s"]);
    assert_eq!(err.key(), "--oidc-client-id");
}

#[test]
fn scopes_always_start_with_one_openid() {
    let scopes = |args: &[&str]| {
        run(&[OIDC.as_slice(), args].concat())
            .oidc
            .map(|oidc| oidc.scopes)
            .unwrap_or_default()
    };
    assert_eq!(scopes(&[]), ["openid", "profile", "email"]);
    assert_eq!(
        scopes(&["--oidc-scopes=email,openid, groups,email"]),
        ["openid", "email", "groups"]
    );
}

#[test]
fn base_url_trailing_slash_is_dropped() {
    assert_eq!(run(&["--base-url=/lanthorn/"]).server.base_url, "/lanthorn");
    assert_eq!(run(&["--base-url=/"]).server.base_url, "");
}

#[test]
fn session_store_accepts_memory_and_redis_urls() {
    let store = |value: &str| run(&["--session-store", value]).session.store;
    assert!(matches!(store("memory"), SessionStore::Memory));
    let SessionStore::Redis(url) = store("rediss://:pw@redis:6380/0") else {
        panic!("a Redis store");
    };
    assert_eq!(url.expose_secret(), "rediss://:pw@redis:6380/0");
    assert!(matches!(store("redis://redis"), SessionStore::Redis(_)));
    let err = fail(&["--session-store", "http://user:hunter2@redis"]);
    assert_eq!(err.key(), "--session-store");
    assert!(!err.to_string().contains("hunter2"), "{err}");
}

#[test]
fn tls_needs_both_files_and_they_must_exist() {
    let dir = TempDir::new();
    let (cert, key) = (dir.file("tls.crt", "c"), dir.file("tls.key", "k"));
    let err = fail(&["--tls-cert-file", &cert]);
    assert_eq!(err.key(), "--tls-key-file");
    let err = fail(&["--tls-key-file", &key]);
    assert_eq!(err.key(), "--tls-cert-file");
    let err = fail(&[
        "--tls-cert-file=/nonexistent/tls.crt",
        "--tls-key-file",
        &key,
    ]);
    assert_eq!(err.key(), "--tls-cert-file");
    assert!(err.message().contains("/nonexistent/tls.crt"), "{err}");
    let err = fail(&[
        "--tls-cert-file",
        &dir.path().display().to_string(),
        "--tls-key-file",
        &key,
    ]);
    assert!(err.message().contains("not a regular file"), "{err}");
    let tls = run(&["--tls-cert-file", &cert, "--tls-key-file", &key])
        .server
        .tls;
    assert_eq!(tls.map(|tls| tls.key_file.display().to_string()), Some(key));
}

#[test]
fn named_files_must_be_readable() {
    for flag in ["--oidc-ca-file", "--session-secret-file"] {
        let err = fail(&[flag, "/nonexistent/file.pem"]);
        assert_eq!(err.key(), flag);
        assert!(err.message().contains("/nonexistent/file.pem"), "{err}");
    }
}

#[test]
fn other_settings_are_carried_through() {
    let config = run(&[
        "--in-cluster",
        "--in-cluster-context-name=prod",
        "--unsafe-use-service-account-token",
        "--audit-log=/var/log/lanthorn/audit.log",
        "--log-level=debug",
        "--listen-address=::1",
    ]);
    assert_eq!(config.clusters.in_cluster_context_name, "prod");
    assert!(config.clusters.unsafe_use_service_account_token);
    assert_eq!(
        config.audit_log,
        AuditTarget::File("/var/log/lanthorn/audit.log".into())
    );
    assert_eq!(config.log_level, "debug");
    assert_eq!(config.server.socket_addr().to_string(), "[::1]:4466");
    assert_eq!(run(&["--audit-log=-"]).audit_log, AuditTarget::Stdout);
}

#[test]
fn debug_never_shows_secrets() {
    let config = run(&[
        OIDC.as_slice(),
        &[
            "--oidc-client-secret=your-secret",
            "--session-store=redis://default:hunter2@redis.example:6379/0",
        ],
    ]
    .concat());
    let debug = format!("{config:?}");
    assert!(!debug.contains("your-secret"), "{debug}");
    assert!(!debug.contains("hunter2"), "{debug}");
    assert!(debug.contains("REDACTED"), "{debug}");
    assert!(
        debug.contains("redis.example"),
        "where Redis is stays visible: {debug}"
    );
}
