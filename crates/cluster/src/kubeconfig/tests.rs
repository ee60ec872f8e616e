use std::path::PathBuf;

use secrecy::ExposeSecret;

use super::*;
use crate::KubeconfigAuth;

struct Dir(PathBuf);

impl Dir {
    fn new(tag: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("lanthorn-kubeconfig-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        Self(dir)
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
        path
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn load_ok(paths: &[PathBuf]) -> Vec<ClusterSpec> {
    load_kubeconfigs(paths)
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|r| r.unwrap_or_else(|e| panic!("{e}")))
        .collect()
}

const CA: &str = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

#[test]
fn every_context_becomes_a_cluster_with_its_credential() {
    let dir = Dir::new("contexts");
    dir.write("ca.crt", CA);
    dir.write("token", "file-token\n");
    let kc = dir.write(
        "config",
        r#"
apiVersion: v1
kind: Config
clusters:
- name: a
  cluster: {server: "https://a.example:6443", certificate-authority: ca.crt}
- name: b
  cluster: {server: "https://b.example/prefix", insecure-skip-tls-verify: true, proxy-url: "http://proxy:3128", tls-server-name: kube}
users:
- name: static
  user: {token: static-token}
- name: file
  user: {tokenFile: token}
- name: plugin
  user:
    exec: {apiVersion: client.authentication.k8s.io/v1, command: ./get-token, args: [--x], env: [{name: K, value: V}]}
- name: sso
  user:
    auth-provider: {name: oidc, config: {idp-issuer-url: "https://idp", client-id: kube, id-token: idt, refresh-token: rt, client-secret: cs}}
contexts:
- {name: one, context: {cluster: a, user: static}}
- {name: two, context: {cluster: a, user: file}}
- {name: three, context: {cluster: b, user: plugin}}
- {name: four, context: {cluster: b, user: sso}}
- {name: five, context: {cluster: b}}
"#,
    );
    let specs = load_ok(&[kc]);
    let names: Vec<&str> = specs.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["five", "four", "one", "three", "two"]);
    let by = |n: &str| {
        specs
            .iter()
            .find(|s| s.name.as_str() == n)
            .unwrap_or_else(|| panic!("{n}"))
    };

    let one = by("one");
    assert_eq!(one.server.as_str(), "https://a.example:6443/");
    assert_eq!(
        one.ca_pem.as_deref(),
        Some(CA.as_bytes()),
        "relative CA path read from the kubeconfig's folder"
    );
    assert!(matches!(&one.auth, KubeconfigAuth::Token(t) if t.expose_secret() == "static-token"));

    assert!(matches!(&by("two").auth, KubeconfigAuth::TokenFile(p) if *p == dir.0.join("token")));

    let three = by("three");
    assert!(three.insecure);
    assert_eq!(
        three.proxy_url.as_ref().map(|u| u.as_str()),
        Some("http://proxy:3128/")
    );
    assert_eq!(three.tls_server_name.as_deref(), Some("kube"));
    match &three.auth {
        KubeconfigAuth::Exec(e) => {
            assert_eq!(e.command, "./get-token");
            assert_eq!(e.args, ["--x"]);
            assert_eq!(e.env.get("K").map(String::as_str), Some("V"));
            assert_eq!(e.dir, dir.0);
        }
        other => panic!("expected exec, got {other:?}"),
    }
    match &by("four").auth {
        KubeconfigAuth::OidcProvider(oidc) => {
            assert_eq!(
                oidc.id_token.as_ref().map(|t| t.expose_secret()),
                Some("idt")
            );
            assert_eq!(oidc.issuer_url.as_deref(), Some("https://idp"));
            assert_eq!(oidc.client_id.as_deref(), Some("kube"));
            assert_eq!(
                oidc.client_secret.as_ref().map(|t| t.expose_secret()),
                Some("cs")
            );
            assert!(oidc.can_sign_in());
        }
        other => panic!("expected oidc, got {other:?}"),
    }
    assert!(matches!(by("five").auth, KubeconfigAuth::None));
}

#[test]
fn debug_output_never_shows_secrets() {
    let dir = Dir::new("debug");
    let kc = dir.write(
        "config",
        "clusters: [{name: a, cluster: {server: 'https://a'}}]\n\
         users: [{name: u, user: {token: sekrit-token, client-certificate-data: Y2VydA==, client-key-data: c2Vrcml0LWtleQ==}},\n\
                 {name: o, user: {auth-provider: {name: oidc, config: {id-token: sekrit-idt, client-secret: sekrit-cs}}}}]\n\
         contexts: [{name: x, context: {cluster: a, user: u}}, {name: y, context: {cluster: a, user: o}}]\n",
    );
    let specs = load_ok(&[kc]);
    let debug = format!(
        "{specs:?} {:?}",
        specs.iter().map(|s| &s.auth).collect::<Vec<_>>()
    );
    assert!(!debug.contains("sekrit"), "{debug}");
    assert!(
        specs[0].identity_pem.is_some(),
        "client certificate and key are kept"
    );
}

#[test]
fn the_first_file_defining_a_name_wins() {
    let dir = Dir::new("merge");
    let first = dir.write(
        "first",
        "clusters: [{name: shared, cluster: {server: 'https://first'}}]\n\
         contexts: [{name: ctx, context: {cluster: shared}}]\n",
    );
    let second = dir.write(
        "second",
        "clusters: [{name: shared, cluster: {server: 'https://second'}}, {name: other, cluster: {server: 'https://other'}}]\n\
         contexts: [{name: ctx, context: {cluster: other}}, {name: more, context: {cluster: shared}}]\n",
    );
    let specs = load_ok(&[first, second]);
    let servers: Vec<(&str, &str)> = specs
        .iter()
        .map(|s| (s.name.as_str(), s.server.as_str()))
        .collect();
    assert_eq!(
        servers,
        [("ctx", "https://first/"), ("more", "https://first/")]
    );
}

#[test]
fn a_broken_context_is_reported_next_to_the_good_ones() {
    let dir = Dir::new("broken");
    let kc = dir.write(
        "config",
        "clusters: [{name: a, cluster: {server: 'https://a'}}, {name: bad-ca, cluster: {server: 'https://b', certificate-authority-data: '!!notbase64'}},\n\
                    {name: missing-ca, cluster: {server: 'https://c', certificate-authority: nowhere.crt}}]\n\
         contexts: [{name: good, context: {cluster: a}}, {name: ghost, context: {cluster: nope}},\n\
                    {name: nouser, context: {cluster: a, user: nobody}}, {name: badca, context: {cluster: bad-ca}},\n\
                    {name: noca, context: {cluster: missing-ca}}, {name: 'slash/name', context: {cluster: a}}]\n",
    );
    let results = load_kubeconfigs(&[kc]).unwrap_or_else(|e| panic!("{e}"));
    let good: Vec<String> = results
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .map(|s| s.name.to_string())
        .collect();
    assert_eq!(good, ["good"]);
    let errors: Vec<String> = results
        .iter()
        .filter_map(|r| r.as_ref().err())
        .map(ToString::to_string)
        .collect();
    let all = errors.join("\n");
    assert_eq!(errors.len(), 5, "{all}");
    assert!(
        all.contains("\"ghost\"") && all.contains("no cluster named \"nope\""),
        "{all}"
    );
    assert!(all.contains("no user named \"nobody\""), "{all}");
    assert!(
        all.contains("certificate-authority-data is not base64"),
        "{all}"
    );
    assert!(all.contains("nowhere.crt"), "{all}");
    assert!(all.contains("cannot be used in a URL"), "{all}");
}

#[test]
fn malformed_and_missing_files_name_the_file() {
    let dir = Dir::new("malformed");
    let bad = dir.write(
        "bad",
        "clusters: [{name: a, cluster: {server: 'https://a'}\n",
    );
    let err = load_kubeconfigs(std::slice::from_ref(&bad))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        err.contains(&bad.display().to_string()) && err.contains("malformed"),
        "{err}"
    );
    let wrong_shape = dir.write("shape", "clusters: 5\n");
    let err = load_kubeconfigs(&[wrong_shape])
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("malformed"), "{err}");
    let missing = dir.0.join("absent");
    let err = load_kubeconfigs(&[missing])
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        err.contains("cannot read kubeconfig") && err.contains("absent"),
        "{err}"
    );
    let empty = dir.write("empty", "\n");
    assert!(
        load_kubeconfigs(&[empty])
            .map(|v| v.is_empty())
            .unwrap_or(false)
    );
}

#[test]
fn in_cluster_reads_the_service_account_mount() {
    let dir = Dir::new("incluster");
    dir.write("ca.crt", CA);
    let mut paths = crate::InClusterPaths {
        service_account_dir: dir.0.clone(),
        host: Some("10.96.0.1".into()),
        port: Some("443".into()),
    };
    let spec = crate::in_cluster("main", &paths).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(spec.server.as_str(), "https://10.96.0.1/");
    assert_eq!(spec.name.as_str(), "main");
    assert!(matches!(&spec.auth, KubeconfigAuth::TokenFile(p) if *p == dir.0.join("token")));
    paths.host = Some("fd00::1".into());
    let spec = crate::in_cluster("main", &paths).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(spec.server.host_str(), Some("[fd00::1]"));
    paths.host = None;
    let err = crate::in_cluster("main", &paths)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("KUBERNETES_SERVICE_HOST"), "{err}");
}
