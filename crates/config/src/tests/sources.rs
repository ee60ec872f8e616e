//! Where values come from: the YAML file, the environment, flags, and their
//! precedence.

use std::path::PathBuf;

use secrecy::ExposeSecret;

use super::{TempDir, env, fail_env, run, run_env};
use crate::Config;

fn secret_of(config: &Config) -> Option<String> {
    let oidc = config.oidc.as_ref()?;
    Some(oidc.client_secret.as_ref()?.expose_secret().to_owned())
}

#[test]
fn precedence_is_file_then_env_then_flag() {
    let dir = TempDir::new();
    let file = dir.file("c.yaml", "port: 1000\nsessionTTL: 1000\n");
    let config = ["--config", file.as_str()];
    let none = env(&[]);
    let vars = env(&[("LANTHORN_PORT", "2000"), ("LANTHORN_SESSION_TTL", "2000")]);
    let flags = ["--port", "3000", "--session-ttl", "3000"];

    let from_file = run_env(&config, &none);
    assert_eq!(from_file.server.port, 1000);
    assert_eq!(from_file.session.ttl.as_secs(), 1000);
    let from_env = run_env(&config, &vars);
    assert_eq!(from_env.server.port, 2000);
    assert_eq!(from_env.session.ttl.as_secs(), 2000);
    let from_flags = run_env(&[config.as_slice(), &flags].concat(), &vars);
    assert_eq!(from_flags.server.port, 3000);
    assert_eq!(from_flags.session.ttl.as_secs(), 3000);
}

#[test]
fn lanthorn_env_beats_headlamp_env() {
    let both = env(&[("HEADLAMP_CONFIG_PORT", "1111"), ("LANTHORN_PORT", "2222")]);
    assert_eq!(run_env(&[], &both).server.port, 2222);
    let headlamp = env(&[("HEADLAMP_CONFIG_PORT", "1111")]);
    assert_eq!(run_env(&[], &headlamp).server.port, 1111);
}

#[test]
fn headlamp_env_spellings_work() {
    let vars = env(&[
        ("HEADLAMP_CONFIG_OIDC_CLIENT_ID", "headlamp"),
        (
            "HEADLAMP_CONFIG_OIDC_IDP_ISSUER_URL",
            "https://dex.example.com",
        ),
        ("HEADLAMP_CONFIG_IN_CLUSTER", "true"),
    ]);
    let config = run_env(&[], &vars);
    assert!(config.clusters.in_cluster);
    assert_eq!(config.server.listen_address.to_string(), "0.0.0.0");
    assert_eq!(
        config.oidc.map(|o| o.client_id),
        Some("headlamp".to_owned())
    );
}

#[test]
fn oidc_client_secret_env_is_the_lowest_env_spelling() {
    let oidc = [
        "--oidc-client-id=h",
        "--oidc-issuer-url=https://dex.example.com",
    ];
    let plain = env(&[("OIDC_CLIENT_SECRET", "plain")]);
    assert_eq!(secret_of(&run_env(&oidc, &plain)).as_deref(), Some("plain"));
    let both = env(&[
        ("OIDC_CLIENT_SECRET", "plain"),
        ("HEADLAMP_CONFIG_OIDC_CLIENT_SECRET", "headlamp"),
    ]);
    assert_eq!(
        secret_of(&run_env(&oidc, &both)).as_deref(),
        Some("headlamp")
    );
    let flag = [oidc.as_slice(), &["--oidc-client-secret=flag"]].concat();
    assert_eq!(secret_of(&run_env(&flag, &both)).as_deref(), Some("flag"));
}

#[test]
fn plain_oidc_client_secret_alone_does_not_turn_oidc_on() {
    let config = run_env(&[], &env(&[("OIDC_CLIENT_SECRET", "for-another-tool")]));
    assert!(config.oidc.is_none());
    let err = fail_env(&[], &env(&[("LANTHORN_OIDC_CLIENT_SECRET", "s")]));
    assert_eq!(err.key(), "--oidc-client-id");
    assert!(err.message().contains("--oidc-client-secret"), "{err}");
}

#[test]
fn client_secret_file_is_read_and_trimmed() {
    let dir = TempDir::new();
    let path = dir.file("secret", "s3cret\n");
    let oidc = [
        "--oidc-client-id=h",
        "--oidc-issuer-url=https://dex.example.com",
    ];
    let args = [
        oidc.as_slice(),
        &["--oidc-client-secret-file", path.as_str()],
    ]
    .concat();
    // A file given as a flag beats a secret from the environment.
    let config = run_env(&args, &env(&[("OIDC_CLIENT_SECRET", "plain")]));
    assert_eq!(secret_of(&config).as_deref(), Some("s3cret"));
    let both = [args.as_slice(), &["--oidc-client-secret=inline"]].concat();
    let err = fail_env(&both, &env(&[]));
    assert_eq!(err.key(), "--oidc-client-secret-file");
    let missing = [
        oidc.as_slice(),
        &["--oidc-client-secret-file=/nonexistent/s"],
    ]
    .concat();
    let err = fail_env(&missing, &env(&[]));
    assert_eq!(err.key(), "--oidc-client-secret-file");
    assert!(err.message().contains("/nonexistent/s"), "{err}");
}

#[test]
fn kubeconfig_env_is_split_on_colons() {
    let config = run_env(
        &[],
        &env(&[("KUBECONFIG", "a:b"), ("HOME", "/nonexistent")]),
    );
    assert_eq!(
        config.clusters.kubeconfigs,
        [PathBuf::from("a"), PathBuf::from("b")]
    );
}

#[test]
fn kubeconfig_flag_repeats_and_splits_and_beats_env() {
    let dir = TempDir::new();
    let (a, b, c) = (dir.file("a", ""), dir.file("b", ""), dir.file("c", ""));
    let joined = format!("{a}:{b}");
    let config = run_env(
        &["--kubeconfig", &joined, "-kubeconfig", &c],
        &env(&[("KUBECONFIG", "ignored")]),
    );
    let expected: Vec<PathBuf> = [a, b, c].iter().map(PathBuf::from).collect();
    assert_eq!(config.clusters.kubeconfigs, expected);
    let err = fail_env(&["--kubeconfig=/nonexistent/kc"], &env(&[]));
    assert_eq!(err.key(), "--kubeconfig");
}

#[test]
fn kubeconfig_defaults_to_home_unless_in_cluster() {
    let dir = TempDir::new();
    std::fs::create_dir_all(dir.path().join(".kube")).ok();
    let path = dir.path().join(".kube").join("config");
    std::fs::write(&path, "").ok();
    let home = env(&[("HOME", &dir.path().display().to_string())]);
    assert_eq!(run_env(&[], &home).clusters.kubeconfigs, [path]);
    assert!(
        run_env(&["--in-cluster"], &home)
            .clusters
            .kubeconfigs
            .is_empty()
    );
    assert!(run_env(&[], &env(&[])).clusters.kubeconfigs.is_empty());
}

#[test]
fn empty_values_count_as_not_given() {
    let config = run_env(
        &["--oidc-client-id="],
        &env(&[("LANTHORN_PORT", ""), ("HEADLAMP_CONFIG_PORT", "5000")]),
    );
    assert_eq!(config.server.port, 5000);
    assert!(config.oidc.is_none());
}

#[test]
fn chart_style_yaml_file_is_read() {
    let dir = TempDir::new();
    let file = dir.file(
        "values.yaml",
        "inCluster: true\nbaseURL: /headlamp/\nsessionTTL: 3600\n\
         oidc:\n  clientID: headlamp\n  issuerURL: https://dex.example.com\n  \
         scopes: [groups, email, openid]\n  usePKCE: true\n  clientSecret: from-file\n",
    );
    let config = run_env(&["--config", &file], &env(&[]));
    assert!(config.clusters.in_cluster);
    assert_eq!(config.server.base_url, "/headlamp");
    assert_eq!(config.session.ttl.as_secs(), 3600);
    assert_eq!(secret_of(&config).as_deref(), Some("from-file"));
    let Some(oidc) = config.oidc else {
        panic!("OIDC from the file");
    };
    assert_eq!(oidc.scopes, ["openid", "groups", "email"]);
    assert_eq!(oidc.use_pkce, Some(true));
}

#[test]
fn config_file_may_be_named_by_env() {
    let dir = TempDir::new();
    let file = dir.file("c.yaml", "port: 1234\n");
    let config = run_env(&[], &env(&[("LANTHORN_CONFIG", &file)]));
    assert_eq!(config.server.port, 1234);
}

#[test]
fn unknown_yaml_key_is_an_error_naming_its_path() {
    let dir = TempDir::new();
    let file = dir.file("c.yaml", "oidc:\n  clientId: headlamp\n");
    let err = fail_env(&["--config", &file], &env(&[]));
    assert_eq!(err.key(), "oidc.clientId");
    assert!(
        err.message().contains("did you mean oidc.clientID"),
        "{err}"
    );
    assert!(err.message().contains(&file), "{err}");
}

#[test]
fn malformed_yaml_names_file_and_line() {
    let dir = TempDir::new();
    let file = dir.file("c.yaml", "port: 4466\noidc:\n  clientID: [unclosed\n");
    let err = fail_env(&["--config", &file], &env(&[]));
    assert_eq!(err.key(), "--config");
    assert!(err.message().contains(&file), "{err}");
    assert!(err.message().contains("line "), "{err}");
}

#[test]
fn yaml_type_and_value_errors_use_the_yaml_key() {
    let dir = TempDir::new();
    let list = dir.file("list.yaml", "port: [1]\n");
    assert_eq!(fail_env(&["--config", &list], &env(&[])).key(), "port");
    let half = dir.file("half.yaml", "oidc:\n  clientID: headlamp\n");
    let err = fail_env(&["--config", &half], &env(&[]));
    assert_eq!(err.key(), "oidc.issuerURL");
    assert!(err.message().contains("oidc.clientID"), "{err}");
    let big = dir.file("big.yaml", "oidc:\n  issuerURL: http://dex.example.com\n");
    let err = fail_env(&["--config", &big], &env(&[]));
    assert_eq!(err.key(), "oidc.issuerURL");
    assert!(err.message().contains(&big), "{err}");
}

#[test]
fn missing_config_file_names_the_flag() {
    let err = fail_env(&["--config=/nonexistent/lanthorn.yaml"], &env(&[]));
    assert_eq!(err.key(), "--config");
    assert!(
        err.message().contains("/nonexistent/lanthorn.yaml"),
        "{err}"
    );
}

#[test]
fn env_errors_name_the_flag_and_the_variable() {
    let err = fail_env(&[], &env(&[("HEADLAMP_CONFIG_PORT", "http")]));
    assert_eq!(err.key(), "--port");
    assert!(err.message().contains("HEADLAMP_CONFIG_PORT"), "{err}");
    assert_eq!(run(&[]).server.port, 4466);
}

#[test]
fn flags_and_environment_combine_as_documented() {
    let env = std::collections::BTreeMap::from([("LANTHORN_PORT".to_owned(), "8080".to_owned())]);
    let Ok(crate::Loaded::Run(config)) =
        crate::load(["lanthorn", "--session-ttl", "3600"].map(Into::into), &env)
    else {
        panic!("valid configuration");
    };
    assert_eq!(config.server.port, 8080);
    assert_eq!(config.session.ttl.as_secs(), 3600);
}

#[test]
fn impersonation_is_read_from_the_file_as_a_list() {
    let dir = TempDir::new();
    let file = dir.file(
        "c.yaml",
        "oidc:\n  clientID: lanthorn\n  issuerURL: https://idp.example.com\n  impersonate: [prod, staging]\n  usernamePrefix: 'idp:'\n  groupsPrefix: 'idp:'\n",
    );
    let Some(oidc) = run(&["--config", file.as_str()]).oidc else {
        panic!("OIDC should be configured");
    };
    assert_eq!(oidc.impersonate, ["prod", "staging"]);
    assert_eq!(oidc.username_prefix.as_deref(), Some("idp:"));
    assert_eq!(oidc.groups_prefix, "idp:");
}
