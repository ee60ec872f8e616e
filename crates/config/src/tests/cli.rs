//! The command line: Headlamp's spellings, Go-style dashes, help and version.

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::path::PathBuf;

use secrecy::ExposeSecret;

use super::{env, fail, loaded, run, run_env};
use crate::Loaded;
use crate::cli::{command, normalise};
use crate::key::Key;

const OIDC: [&str; 4] = [
    "--oidc-client-id",
    "headlamp",
    "--oidc-issuer-url",
    "https://dex.example.com",
];

#[test]
fn seed_command_line_parses() {
    let config = run(&[
        "--oidc-client-id",
        "headlamp",
        "--oidc-client-secret",
        "your-secret",
        "--oidc-issuer-url",
        "https://dex.example.com",
        "--oidc-scopes",
        "groups,email",
        "--oidc-use-pkce=true",
    ]);
    let Some(oidc) = config.oidc else {
        panic!("OIDC should be configured");
    };
    assert_eq!(oidc.client_id, "headlamp");
    assert_eq!(
        oidc.client_secret.as_ref().map(|s| s.expose_secret()),
        Some("your-secret")
    );
    assert_eq!(oidc.issuer_url.as_str(), "https://dex.example.com");
    assert_eq!(oidc.scopes, ["openid", "groups", "email"]);
    assert_eq!(oidc.use_pkce, Some(true));
    assert!(!oidc.use_access_token);
    assert_eq!(oidc.username_claim, "email");
    assert_eq!(oidc.groups_claim, "groups");
}

#[test]
fn single_dash_forms_parse() {
    let config = run(&[
        "-oidc-client-id=headlamp",
        "-oidc-issuer-url",
        "https://dex.example.com",
        "-oidc-use-pkce=true",
        "-session-ttl",
        "3600",
        "-in-cluster",
    ]);
    assert!(config.oidc.is_some_and(|oidc| oidc.use_pkce == Some(true)));
    assert_eq!(config.session.ttl.as_secs(), 3600);
    assert!(config.clusters.in_cluster);
}

#[test]
fn booleans_take_bare_true_and_false_forms() {
    let config = run(&[
        OIDC.as_slice(),
        &["--oidc-use-pkce", "--oidc-use-access-token=false"],
    ]
    .concat());
    let Some(oidc) = config.oidc else {
        panic!("OIDC should be configured");
    };
    assert_eq!(oidc.use_pkce, Some(true));
    assert!(!oidc.use_access_token);
    assert!(run(&["--in-cluster=T"]).clusters.in_cluster);
    assert!(!run(&["--in-cluster=0"]).clusters.in_cluster);
}

#[test]
fn boolean_does_not_take_the_next_argument() {
    let err = fail(&["--in-cluster", "true"]);
    assert_eq!(err.key(), "true");
    assert!(err.message().contains("--flag=false"), "{err}");
}

#[test]
fn bad_boolean_names_the_flag() {
    let err = fail(&["--oidc-use-pkce=yes"]);
    assert_eq!(err.key(), "--oidc-use-pkce");
}

#[test]
fn value_flag_takes_next_argument_even_with_a_dash() {
    let config = run(&[
        OIDC.as_slice(),
        &["--oidc-client-secret", "-abc", "-base-url", "/x"],
    ]
    .concat());
    let secret = config.oidc.and_then(|oidc| oidc.client_secret);
    assert_eq!(secret.as_ref().map(|s| s.expose_secret()), Some("-abc"));
    assert_eq!(config.server.base_url, "/x");
}

#[test]
fn headlamp_aliases_are_accepted() {
    let config = run(&[
        "--oidc-client-id=headlamp",
        "--oidc-idp-issuer-url=https://dex.example.com",
        "-listen-addr",
        "0.0.0.0",
    ]);
    assert_eq!(
        config.oidc.map(|oidc| oidc.issuer_url.to_string()),
        Some("https://dex.example.com".to_owned())
    );
    assert_eq!(config.server.listen_address.to_string(), "0.0.0.0");
}

#[test]
fn repeated_flag_last_wins_as_in_go() {
    assert_eq!(run(&["--port", "1000", "-port=2000"]).server.port, 2000);
}

#[test]
fn helm_is_on_unless_disabled_either_way() {
    assert!(run(&[]).helm.enabled);
    assert!(run(&["-enable-helm"]).helm.enabled);
    assert!(!run(&["--enable-helm=false"]).helm.enabled);
    assert!(!run(&["--disable-helm"]).helm.enabled);
    assert!(
        !run_env(&[], &env(&[("LANTHORN_DISABLE_HELM", "true")]))
            .helm
            .enabled
    );
    assert_eq!(run(&[]).helm.binary, PathBuf::from("helm"));
    assert_eq!(
        run(&["--helm-binary", "/opt/helm"]).helm.binary,
        PathBuf::from("/opt/helm")
    );
}

#[test]
fn chart_repositories_repeat_or_split_on_commas() {
    let config = run(&[
        "--helm-repository",
        "demo=http://127.0.0.1:8879/charts",
        "-helm-repository=bitnami=https://charts.example.com,extra=https://x.example/",
    ]);
    let names: Vec<(&str, &str)> = config
        .helm
        .repositories
        .iter()
        .map(|r| (r.name.as_str(), r.url.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("demo", "http://127.0.0.1:8879/charts"),
            ("bitnami", "https://charts.example.com/"),
            ("extra", "https://x.example/")
        ]
    );
    let from_env = run_env(
        &[],
        &env(&[("LANTHORN_HELM_REPOSITORY", "a=https://a.example")]),
    );
    assert_eq!(from_env.helm.repositories.len(), 1);
}

#[test]
fn bad_chart_repositories_name_the_problem() {
    let err = fail(&["--helm-repository", "no-equals-sign"]);
    assert_eq!(err.key(), "--helm-repository");
    assert!(err.to_string().contains("NAME=URL"), "{err}");
    assert!(
        fail(&["--helm-repository", "Bad Name=https://x"])
            .to_string()
            .contains("lowercase")
    );
    assert!(
        fail(&["--helm-repository", "a=ftp://x"])
            .to_string()
            .contains("http(s)")
    );
    let twice = fail(&["--helm-repository", "a=https://x,a=https://y"]);
    assert!(twice.to_string().contains("twice"), "{twice}");
}

#[test]
fn oci_chart_repositories_are_accepted() {
    let config = run(&[
        "--helm-repository",
        "registry=oci://registry.example.com/charts",
        "--helm-repository",
        "local=oci://127.0.0.1:5000/helm/",
    ]);
    let urls: Vec<&str> = config
        .helm
        .repositories
        .iter()
        .map(|r| r.url.as_str())
        .collect();
    assert_eq!(
        urls,
        [
            "oci://registry.example.com/charts",
            "oci://127.0.0.1:5000/helm/"
        ]
    );
    assert!(
        fail(&["--helm-repository", "a=oci:///charts"])
            .to_string()
            .contains("oci://")
    );
}

#[test]
fn chart_repository_errors_never_repeat_its_credentials() {
    for bad in [
        "https://someone:hunter2@charts.example.com/",
        "https://someone:hunter2@charts.example.com/?a=b",
        "a=ftp://someone:hunter2@x/",
        "a=oci://someone:hunter2@/x?token=hunter2",
    ] {
        let err = fail(&["--helm-repository", bad]);
        assert!(!err.to_string().contains("hunter2"), "{err}");
    }
}

#[test]
fn unknown_flag_is_an_error_naming_it() {
    let err = fail(&["--oidc-clent-id", "x"]);
    assert_eq!(err.key(), "--oidc-clent-id");
    assert!(
        err.message().contains("did you mean --oidc-client-id"),
        "{err}"
    );
}

#[test]
fn missing_value_names_the_flag() {
    let err = fail(&["--port"]);
    assert_eq!(err.key(), "--port");
}

#[test]
fn unexpanded_kubernetes_reference_is_rejected() {
    let err = fail(&["--oidc-client-secret=$(OIDC_CLIENT_SECRET)"]);
    assert_eq!(err.key(), "--oidc-client-secret");
    assert!(err.message().contains("OIDC_CLIENT_SECRET"), "{err}");
}

#[test]
fn help_groups_flags_and_names_env_vars() {
    for flag in ["--help", "-help", "-h"] {
        let Loaded::Help(help) = loaded(&[flag], &Default::default()) else {
            panic!("{flag} should print help");
        };
        for heading in [
            "General:",
            "Clusters:",
            "OIDC:",
            "Sessions:",
            "TLS:",
            "Logging/Audit:",
        ] {
            assert!(help.contains(heading), "no {heading} in:\n{help}");
        }
        for var in [
            "LANTHORN_PORT",
            "HEADLAMP_CONFIG_PORT",
            "LANTHORN_SESSION_TTL",
            "HEADLAMP_CONFIG_OIDC_IDP_ISSUER_URL",
            "OIDC_CLIENT_SECRET",
        ] {
            assert!(help.contains(var), "no {var} in:\n{help}");
        }
        assert!(help.contains("--oidc-idp-issuer-url"), "{help}");
        assert!(!help.contains('\u{1b}'), "help must be plain text");
    }
}

#[test]
fn version_prints_name_and_version() {
    for flag in ["--version", "-version", "-V"] {
        let Loaded::Version(text) = loaded(&[flag], &Default::default()) else {
            panic!("{flag} should print the version");
        };
        assert_eq!(
            text.trim(),
            format!("lanthorn {}", env!("CARGO_PKG_VERSION"))
        );
    }
}

#[test]
fn every_setting_has_its_flag_and_aliases() {
    let cmd = command();
    for key in Key::ALL {
        let spelling = key.spelling();
        let Some(arg) = cmd
            .get_arguments()
            .find(|arg| arg.get_long() == Some(spelling.flag))
        else {
            panic!("no flag --{}", spelling.flag);
        };
        let aliases: Vec<&str> = arg.get_all_aliases().unwrap_or_default();
        assert_eq!(aliases, spelling.aliases, "aliases of --{}", spelling.flag);
    }
    let with_long = cmd.get_arguments().filter(|arg| arg.get_long().is_some());
    assert_eq!(with_long.count(), Key::ALL.len() + 2, "help and version");
}

#[test]
fn yaml_keys_and_env_vars_are_unique() {
    let yaml: Vec<_> = Key::ALL.iter().filter_map(|k| k.spelling().yaml).collect();
    assert_eq!(yaml.len(), yaml.iter().collect::<BTreeSet<_>>().len());
    let vars: Vec<_> = Key::ALL
        .iter()
        .flat_map(|k| k.env_vars())
        .map(|(v, _)| v)
        .collect();
    assert_eq!(vars.len(), vars.iter().collect::<BTreeSet<_>>().len());
}

#[test]
fn normalise_leaves_values_and_trailing_args_alone() {
    let value_flags = BTreeSet::from(["port".to_owned(), "base-url".to_owned()]);
    let args = [
        "lanthorn",
        "-port",
        "-1",
        "-in-cluster",
        "-h",
        "-",
        "--",
        "-x",
    ];
    let normalised = normalise(args.map(OsString::from), &value_flags);
    let expected = [
        "lanthorn",
        "--port",
        "-1",
        "--in-cluster",
        "-h",
        "-",
        "--",
        "-x",
    ];
    assert_eq!(normalised, expected.map(OsString::from));
}

#[test]
fn headlamp_only_flags_are_accepted_dropped_and_reported() {
    // Only readability is checked here, so any two readable files stand in for PEMs.
    let cert = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml");
    let key = concat!(env!("CARGO_MANIFEST_DIR"), "/src/lib.rs");
    let key_flag = format!("-tls-key-path={key}");
    let config = run(&[
        "-plugins-dir=/headlamp/plugins",
        "--html-static-dir",
        "/static",
        "-dev",
        "--port",
        "8080",
        "-enable-dynamic-clusters=true",
        "-tls-cert-path",
        cert,
        &key_flag,
    ]);
    assert_eq!(
        config.ignored_flags,
        [
            "plugins-dir",
            "html-static-dir",
            "dev",
            "enable-dynamic-clusters"
        ]
    );
    assert_eq!(
        config.server.port, 8080,
        "the value after a dropped flag is not lost"
    );
    let tls = config
        .server
        .tls
        .unwrap_or_else(|| panic!("Headlamp's TLS spellings"));
    assert_eq!(tls.cert_file.to_str(), Some(cert));
    assert_eq!(tls.key_file.to_str(), Some(key));
    // A flag Headlamp never had is still an error.
    assert!(
        fail(&["--plugins-directory", "/x"])
            .to_string()
            .contains("plugins-directory")
    );
}

#[test]
fn host_settings_parse_and_bad_ones_name_the_problem() {
    let config = run(&[
        "--public-url",
        "https://Lanthorn.Example.com",
        "--allowed-host",
        "ui.internal:8443,Other.Example",
        "--allowed-host",
        "third.example",
        "--service-proxy-origin",
        "https://proxy.example.com",
        "--secure-cookies",
    ]);
    let server = &config.server;
    assert_eq!(
        server.public_url.as_ref().and_then(|u| u.host_str()),
        Some("lanthorn.example.com")
    );
    assert_eq!(
        server.allowed_hosts,
        ["ui.internal:8443", "other.example", "third.example"]
    );
    assert!(server.service_proxy_origin.is_some() && server.secure_cookies);

    let err = fail(&["--public-url", "lanthorn.example.com"]);
    assert_eq!(err.key(), "--public-url");
    let err = fail(&["--allowed-host", "https://x.example/path"]);
    assert_eq!(err.key(), "--allowed-host");
    assert!(err.to_string().contains("host name"), "{err}");
    let err = fail(&["--service-proxy-origin", "https://proxy.example.com/apps"]);
    assert!(err.to_string().contains("no path"), "{err}");
    let same = fail(&[
        "--public-url",
        "https://ui.example.com",
        "--service-proxy-origin",
        "https://ui.example.com:8443",
    ]);
    assert_eq!(same.key(), "--service-proxy-origin");
    assert!(same.to_string().contains("another host"), "{same}");
}

#[test]
fn pkce_is_automatic_unless_set_either_way() {
    let unset = run(&OIDC);
    assert_eq!(unset.oidc.map(|o| o.use_pkce), Some(None));
    let off = run(&[&OIDC[..], &["--oidc-use-pkce=false"]].concat());
    assert_eq!(off.oidc.map(|o| o.use_pkce), Some(Some(false)));
}

#[test]
fn impersonation_mode_and_claim_mapping_parse() {
    let mut args = OIDC.to_vec();
    args.extend([
        "--oidc-impersonate",
        "prod, staging",
        "--oidc-username-claim",
        "sub",
        "--oidc-username-prefix",
        "oidc:",
        "--oidc-groups-prefix",
        "oidc:",
    ]);
    let Some(oidc) = run(&args).oidc else {
        panic!("OIDC should be configured");
    };
    assert_eq!(oidc.impersonate, ["prod", "staging"]);
    assert_eq!(oidc.username_claim, "sub");
    assert_eq!(oidc.username_prefix.as_deref(), Some("oidc:"));
    assert_eq!(oidc.groups_prefix, "oidc:");

    let Some(defaults) = run(&OIDC).oidc else {
        panic!("OIDC should be configured");
    };
    assert!(defaults.impersonate.is_empty());
    assert_eq!(defaults.username_prefix, None);
    assert_eq!(defaults.groups_prefix, "");

    let mut dash = OIDC.to_vec();
    dash.extend(["--oidc-username-prefix", "-"]);
    let Some(none) = run(&dash).oidc else {
        panic!("OIDC should be configured");
    };
    assert_eq!(
        none.username_prefix.as_deref(),
        Some(""),
        "`-` means no prefix"
    );
}

#[test]
fn impersonation_needs_oidc_and_distinct_names() {
    let alone = fail(&["--oidc-impersonate", "prod"]).to_string();
    assert!(alone.contains("--oidc-issuer-url"), "{alone}");
    assert!(alone.contains("--oidc-impersonate"), "{alone}");

    let mut twice = OIDC.to_vec();
    twice.extend(["--oidc-impersonate", "prod,prod"]);
    let twice = fail(&twice).to_string();
    assert!(twice.contains("prod is named twice"), "{twice}");

    let mut empty = OIDC.to_vec();
    empty.extend(["--oidc-impersonate", "prod,,dev"]);
    let empty = fail(&empty).to_string();
    assert!(empty.contains("empty cluster name"), "{empty}");
}
