//! The Helm chart (`charts/lanthorn`) and the container image: `helm lint`, golden
//! `helm template` output for the seed's values and Headlamp users' values, values that
//! must not render, `helm install --dry-run=server` against the stack, the server started
//! from each golden Deployment's own arguments, environment and volumes (as the kubelet
//! would start it, in-cluster against the stack), token and OIDC sign-in in that mode, and
//! the OCI image `dev/image` builds.
//!
//! Value files live in `charts/lanthorn/tests/cases/` (each with its golden output in
//! `tests/golden/`) and `tests/failing/` (first line `# expect: <part of the error>`).
//! `LANTHORN_UPDATE_GOLDEN=1` rewrites the golden files; review the diff before committing.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, bail, ensure};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use devstack::{DevEnv, RedisServer};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{TempDir, stack};

mod image;
mod pod;

use pod::{Objects, Pod, pod_command};

/// Secrets the cases give in plain values: none may appear in a Deployment.
const PLAIN_SECRETS: [&str; 3] = ["your-client-secret", "from-values", "redis-password"];
/// What every Deployment the chart renders carries.
const HARDENING: [&str; 9] = [
    "runAsNonRoot: true",
    "readOnlyRootFilesystem: true",
    "allowPrivilegeEscalation: false",
    "- ALL",
    "type: RuntimeDefault",
    "path: /healthz",
    "path: /readyz",
    "limits:",
    "requests:",
];
const VIEWER: &str = "system:serviceaccount:demo:demo-viewer";

fn chart() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../charts/lanthorn")
}

/// `(name, path)` of the `.yaml` files in `charts/lanthorn/tests/<dir>`, sorted.
fn value_files(dir: &str) -> Result<Vec<(String, PathBuf)>> {
    let dir = chart().join("tests").join(dir);
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&dir).with_context(|| format!("{}", dir.display()))? {
        let path = entry?.path();
        if let Some(name) = path.file_name().and_then(|n| n.to_str())
            && let Some(name) = name.strip_suffix(".yaml")
        {
            files.push((name.to_owned(), path.clone()));
        }
    }
    files.sort();
    Ok(files)
}

fn output_text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The stack's helm, with private cache/config/data folders and the admin kubeconfig.
struct Helm {
    program: String,
    kubeconfig: String,
    home: TempDir,
}

impl Helm {
    fn new(env: &DevEnv) -> Result<Self> {
        Ok(Self {
            program: env.get("DEV_HELM")?.to_owned(),
            kubeconfig: env.get("KUBECONFIG")?.to_owned(),
            home: TempDir::new("helm-home")?,
        })
    }

    fn run(&self, args: &[&str]) -> Result<Output> {
        let home = &self.home.0;
        Command::new(&self.program)
            .args(args)
            .env("KUBECONFIG", &self.kubeconfig)
            .env("HELM_CACHE_HOME", home.join("cache"))
            .env("HELM_CONFIG_HOME", home.join("config"))
            .env("HELM_DATA_HOME", home.join("data"))
            .stdin(Stdio::null())
            .output()
            .with_context(|| format!("running {}", self.program))
    }

    /// `helm template lanthorn CHART -n lanthorn -f VALUES`, as the golden files are made.
    fn template(&self, values: &Path) -> Result<Output> {
        let chart = chart().display().to_string();
        let values = values.display().to_string();
        self.run(&[
            "template",
            "lanthorn",
            &chart,
            "--namespace",
            "lanthorn",
            "-f",
            &values,
        ])
    }

    fn render(&self, values: &Path) -> Result<String> {
        let out = self.template(values)?;
        ensure!(
            out.status.success(),
            "helm template -f {}: {}",
            values.display(),
            output_text(&out)
        );
        Ok(String::from_utf8(out.stdout)?)
    }
}

/// The YAML documents of a rendered chart.
fn documents(rendered: &str) -> Vec<&str> {
    rendered
        .split("\n---\n")
        .map(|doc| doc.trim_start_matches("---\n"))
        .filter(|doc| doc.lines().any(|l| l.starts_with("kind: ")))
        .collect()
}

fn kind(doc: &str) -> &str {
    doc.lines()
        .find_map(|l| l.strip_prefix("kind: "))
        .unwrap_or("")
}

/// The Deployment and Secrets of a rendered chart as JSON (kubectl reads the YAML).
fn objects_json(env: &DevEnv, rendered: &str) -> Result<Vec<Value>> {
    let input = documents(rendered)
        .into_iter()
        .filter(|doc| matches!(kind(doc), "Deployment" | "Secret"))
        .collect::<Vec<_>>()
        .join("\n---\n");
    let mut child = Command::new(env.get("DEV_KUBECTL")?)
        .args(["create", "--dry-run=client", "-o", "json", "-f", "-"])
        .env("KUBECONFIG", env.get("KUBECONFIG")?)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    child
        .stdin
        .take()
        .context("kubectl stdin")?
        .write_all(input.as_bytes())?;
    let out = child.wait_with_output()?;
    ensure!(out.status.success(), "kubectl: {}", output_text(&out));
    // One JSON object per document, one after the other (a List for some versions).
    let mut objects = Vec::new();
    for value in serde_json::Deserializer::from_slice(&out.stdout).into_iter::<Value>() {
        let value = value?;
        match value["kind"].as_str() {
            Some("List") => objects.extend(value["items"].as_array().cloned().unwrap_or_default()),
            _ => objects.push(value),
        }
    }
    Ok(objects)
}

/// What a golden output must hold whatever the values: secrets only in Secrets, the
/// hardening of the pod, and for the defaults nothing the operator did not ask for.
fn invariants(name: &str, rendered: &str) -> Vec<String> {
    let docs = documents(rendered);
    let Some(deployment) = docs.iter().find(|d| kind(d) == "Deployment") else {
        return vec!["no Deployment".into()];
    };
    let mut problems = Vec::new();
    for secret in PLAIN_SECRETS {
        if deployment.contains(secret) || deployment.contains(&BASE64.encode(secret)) {
            problems.push(format!("the Deployment holds {secret:?}"));
        }
    }
    for doc in docs.iter().filter(|d| kind(d) == "Secret") {
        let data = doc.split("\ndata:\n").nth(1).unwrap_or("");
        for value in data.lines().filter_map(|l| l.split('"').nth(1)) {
            if deployment.contains(value) {
                problems.push(format!("the Deployment holds the Secret value {value}"));
            }
        }
        if doc.contains("stringData") || PLAIN_SECRETS.iter().any(|s| doc.contains(s)) {
            problems.push("a Secret holds a value unencoded".into());
        }
    }
    for wanted in HARDENING {
        if !deployment.contains(wanted) {
            problems.push(format!("the Deployment lacks {wanted:?}"));
        }
    }
    if name == "defaults" {
        let kinds: Vec<&str> = docs.iter().map(|d| kind(d)).collect();
        if kinds
            != [
                "PodDisruptionBudget",
                "ServiceAccount",
                "Service",
                "Deployment",
            ]
        {
            problems.push(format!("the defaults render {kinds:?}"));
        }
        if !deployment.contains("automountServiceAccountToken: false") {
            problems.push("the defaults mount the ServiceAccount token".into());
        }
    }
    problems
}

/// Where two texts first differ, with the lines around it.
fn first_difference(golden: &str, rendered: &str) -> String {
    let (g, r): (Vec<&str>, Vec<&str>) = (golden.lines().collect(), rendered.lines().collect());
    let at = (0..g.len().max(r.len()))
        .find(|&i| g.get(i) != r.get(i))
        .unwrap_or(0);
    format!(
        "differs at line {}: golden {:?}, rendered {:?}",
        at + 1,
        g.get(at).unwrap_or(&"<end>"),
        r.get(at).unwrap_or(&"<end>")
    )
}

#[test]
fn helm_lint_passes_for_the_defaults_and_every_case() -> Result<()> {
    let env = stack()?;
    let helm = Helm::new(&env)?;
    let chart = chart().display().to_string();
    let out = helm.run(&["lint", "--strict", &chart])?;
    ensure!(out.status.success(), "helm lint: {}", output_text(&out));
    for (name, values) in value_files("cases")? {
        let values = values.display().to_string();
        let out = helm.run(&["lint", "--strict", &chart, "-f", &values])?;
        ensure!(
            out.status.success(),
            "helm lint -f {name}: {}",
            output_text(&out)
        );
    }
    Ok(())
}

#[test]
fn templates_match_their_golden_files() -> Result<()> {
    let env = stack()?;
    let helm = Helm::new(&env)?;
    let update = std::env::var("LANTHORN_UPDATE_GOLDEN").is_ok_and(|v| v == "1");
    let cases = value_files("cases")?;
    let golden_dir = chart().join("tests/golden");
    let mut problems = Vec::new();
    for (name, values) in &cases {
        let rendered = helm.render(values)?;
        let golden = golden_dir.join(format!("{name}.yaml"));
        if update {
            std::fs::write(&golden, &rendered)?;
        } else {
            match std::fs::read_to_string(&golden) {
                Ok(text) if text == rendered => {}
                Ok(text) => {
                    problems.push(format!("{name}: {}", first_difference(&text, &rendered)))
                }
                Err(e) => problems.push(format!("{name}: no golden file ({e})")),
            }
        }
        problems.extend(
            invariants(name, &rendered)
                .into_iter()
                .map(|p| format!("{name}: {p}")),
        );
    }
    for (name, _) in value_files("golden")? {
        if !cases.iter().any(|(case, _)| *case == name) {
            problems.push(format!("golden/{name}.yaml has no case"));
        }
    }
    for seed in [
        "defaults",
        "seed-oidc",
        "seed-external-secret",
        "seed-pkce",
        "seed-session-ttl",
    ] {
        if !cases.iter().any(|(case, _)| case == seed) {
            problems.push(format!("the case {seed} is missing"));
        }
    }
    ensure!(
        problems.is_empty(),
        "{}\n(after checking a wanted change: LANTHORN_UPDATE_GOLDEN=1 cargo test -p lanthorn --test server chart::)",
        problems.join("\n")
    );
    Ok(())
}

#[test]
fn values_that_must_not_render_are_refused_naming_the_problem() -> Result<()> {
    let env = stack()?;
    let helm = Helm::new(&env)?;
    let failing = value_files("failing")?;
    ensure!(failing.len() >= 10, "only {} failing cases", failing.len());
    let mut problems = Vec::new();
    for (name, values) in failing {
        let text = std::fs::read_to_string(&values)?;
        let expect = text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# expect: "))
            .with_context(|| format!("{name}: the first line must be `# expect: ...`"))?;
        let out = helm.template(&values)?;
        let said = String::from_utf8_lossy(&out.stderr);
        if out.status.success() {
            problems.push(format!("{name}: rendered"));
        } else if !said.contains(expect) {
            problems.push(format!("{name}: expected {expect:?}, got {said}"));
        }
        if said.contains("hunter2") {
            problems.push(format!("{name}: the error repeats the secret"));
        }
    }
    ensure!(problems.is_empty(), "{}", problems.join("\n"));
    Ok(())
}

#[test]
fn helm_install_dry_run_server_accepts_every_case() -> Result<()> {
    let env = stack()?;
    let helm = Helm::new(&env)?;
    let chart = chart().display().to_string();
    let install: [&str; 5] = [
        "install",
        "lanthorn-dry-run",
        chart.as_str(),
        "--namespace",
        "default",
    ];
    for (name, values) in value_files("cases")? {
        let mut args = install.to_vec();
        let values = values.display().to_string();
        args.extend(["--dry-run=server", "-f", values.as_str()]);
        // The route goes to the server too: the stack's demo serves stand-in Gateway API
        // CRDs (dev/demo/gateway-crds.yaml).
        let out = helm.run(&args)?;
        ensure!(
            out.status.success(),
            "dry-run {name}: {}",
            output_text(&out)
        );
    }
    // A session key the chart makes: 32 random bytes, looked up from the cluster.
    let mut args = install.to_vec();
    args.extend(["--dry-run=server", "--set", "sessionSecret.create=true"]);
    let out = helm.run(&args)?;
    let text = output_text(&out);
    ensure!(out.status.success(), "dry-run with a made key: {text}");
    let key = text
        .split("name: lanthorn-dry-run-session-key")
        .nth(1)
        .and_then(|rest| rest.split("  key: \"").nth(1))
        .and_then(|rest| rest.split('"').next())
        .context("no session key Secret")?;
    let bytes = BASE64.decode(BASE64.decode(key)?)?;
    ensure!(bytes.len() == 32, "the key has {} bytes", bytes.len());
    Ok(())
}

/// The value of `--flag=value` among a Deployment's arguments.
fn arg_value<'a>(deployment: &'a Value, flag: &str) -> Option<&'a str> {
    let args = deployment["spec"]["template"]["spec"]["containers"][0]["args"].as_array()?;
    args.iter()
        .filter_map(Value::as_str)
        .find_map(|a| a.strip_prefix(flag)?.strip_prefix('='))
}

fn has_arg(deployment: &Value, flag: &str) -> bool {
    let args = &deployment["spec"]["template"]["spec"]["containers"][0]["args"];
    args.as_array()
        .is_some_and(|args| args.iter().any(|a| a.as_str() == Some(flag)))
}

fn deployment_of(objects: &[Value]) -> Result<&Value> {
    objects
        .iter()
        .find(|o| o["kind"] == "Deployment")
        .context("no Deployment")
}

/// Checks a pod started from `name`'s golden Deployment: ready, the one in-cluster
/// cluster, OIDC on exactly when configured, anonymous requests refused unless the
/// operator chose the unsafe ServiceAccount mode.
async fn check_started(name: &str, pod: &Pod, deployment: &Value) -> Result<()> {
    let prefix = arg_value(deployment, "--base-url").unwrap_or("");
    let cluster = arg_value(deployment, "--in-cluster-context-name").unwrap_or("main");
    let ready = pod.call(Method::GET, "/readyz", None, None).await?;
    ensure!(
        ready.status == StatusCode::OK,
        "{name}: /readyz {}",
        ready.text
    );
    let config = pod
        .call(Method::GET, &format!("{prefix}/config"), None, None)
        .await?;
    let clusters = config.body["clusters"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    ensure!(
        clusters.len() == 1
            && clusters[0]["name"] == cluster
            && clusters[0]["source"] == "inCluster"
            && clusters[0]["status"]["reachable"] == true,
        "{name}: {}",
        config.text
    );
    let oidc = arg_value(deployment, "--oidc-client-id").is_some();
    let methods = &clusters[0]["signInMethods"];
    let want = if oidc {
        json!(["token", "oidc"])
    } else {
        json!(["token"])
    };
    ensure!(*methods == want, "{name}: sign-in methods {methods}");
    let path = format!("{prefix}/clusters/{cluster}/api/v1/namespaces");
    let anonymous = pod.call(Method::GET, &path, None, None).await?;
    if has_arg(deployment, "--unsafe-use-service-account-token") {
        ensure!(
            anonymous.status == StatusCode::OK,
            "{name}: {}",
            anonymous.text
        );
    } else {
        ensure!(
            matches!(
                anonymous.status,
                StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN
            ),
            "{name}: a request without a user got {}",
            anonymous.status
        );
    }
    Ok(())
}

#[tokio::test]
async fn the_server_accepts_every_rendered_deployment() -> Result<()> {
    let env = stack()?;
    let golden_dir = chart().join("tests/golden");
    for (name, _) in value_files("cases")? {
        if name == "replicas-redis" {
            continue; // below, with a Redis
        }
        let rendered = std::fs::read_to_string(golden_dir.join(format!("{name}.yaml")))?;
        let manifests = objects_json(&env, &rendered)?;
        let objects = Objects::new(&env, &manifests)?;
        let deployment = deployment_of(&manifests)?;
        let pod = Pod::start(&env, deployment, &objects)
            .await
            .with_context(|| format!("starting {name}"))?;
        check_started(&name, &pod, deployment).await?;
    }
    // Values the chart cannot judge reach the server, which stops with 64 naming them.
    let helm = Helm::new(&env)?;
    let dir = TempDir::new("broken")?;
    let values = dir.write(
        "broken.yaml",
        "config:\n  extraArgs: [--session-idle-timeout=0]\n",
    )?;
    let manifests = objects_json(&env, &helm.render(&values)?)?;
    let objects = Objects::new(&env, &manifests)?;
    let (mut command, _) = pod_command(&env, deployment_of(&manifests)?, &objects, &dir)?;
    let mut child = command.spawn()?;
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            bail!("lanthorn accepted --session-idle-timeout=0");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let stderr = std::fs::read_to_string(dir.0.join("stderr.log"))?;
    ensure!(
        status.code() == Some(64) && stderr.contains("session-idle-timeout"),
        "{status}: {stderr}"
    );
    Ok(())
}

#[tokio::test]
async fn replicas_rendered_with_redis_share_sessions() -> Result<()> {
    let env = stack()?;
    let redis = RedisServer::start(Some("redis-password"))?;
    let rendered = std::fs::read_to_string(chart().join("tests/golden/replicas-redis.yaml"))?;
    let manifests = objects_json(&env, &rendered)?;
    let deployment = deployment_of(&manifests)?;
    ensure!(
        deployment["spec"]["replicas"] == 3,
        "{}",
        deployment["spec"]
    );
    let mut objects = Objects::new(&env, &manifests)?;
    // The rendered Secret names the operator's Redis; here it is a local one.
    let url = redis.url(Some("redis-password"));
    objects.secret("lanthorn-session-store", &[("url", &url)]);
    let a = Pod::start(&env, deployment, &objects).await?;
    let b = Pod::start(&env, deployment, &objects).await?;
    check_started("replicas-redis", &a, deployment).await?;
    let cookie = a
        .token_sign_in("", "main", env.get("DEV_VIEWER_TOKEN")?)
        .await?;
    let me = b
        .call(Method::GET, "/clusters/main/me", Some(&cookie), None)
        .await?;
    ensure!(
        me.body["username"] == VIEWER,
        "signed in on a, on b: {}",
        me.text
    );
    Ok(())
}

/// Values for the stack's OIDC provider in the seed's shape, with the client secret in
/// values (kept in the chart's Secret, mounted as a file) and the provider's CA mounted.
fn stack_oidc_values(env: &DevEnv) -> Result<String> {
    Ok(format!(
        "config:\n  oidc:\n    clientID: '{}'\n    clientSecret: '{}'\n    issuerURL: '{}'\n    \
         scopes: profile,email,groups\n    usePKCE: true\n    callbackURL: '{}'\n    \
         caFile: /etc/oidc-ca/ca.crt\n\
         volumes:\n  - name: oidc-ca\n    configMap:\n      name: oidc-ca\n\
         volumeMounts:\n  - name: oidc-ca\n    mountPath: /etc/oidc-ca\n    readOnly: true\n",
        env.get("DEV_OIDC_CLIENT_ID")?,
        env.get("DEV_OIDC_CLIENT_SECRET")?,
        env.get("DEV_OIDC_ISSUER")?,
        env.get("DEV_OIDC_CALLBACK")?,
    ))
}

#[tokio::test]
async fn in_cluster_deployment_signs_users_in_with_a_token_and_oidc() -> Result<()> {
    let env = stack()?;
    let helm = Helm::new(&env)?;
    let dir = TempDir::new("in-cluster-oidc")?;
    let values = dir.write("values.yaml", &stack_oidc_values(&env)?)?;
    let rendered = helm.render(&values)?;
    let secret = env.get("DEV_OIDC_CLIENT_SECRET")?;
    let deployment_doc = documents(&rendered)
        .into_iter()
        .find(|d| kind(d) == "Deployment")
        .unwrap_or_default();
    ensure!(
        !deployment_doc.contains(secret),
        "the client secret is in the Deployment"
    );
    let manifests = objects_json(&env, &rendered)?;
    let deployment = deployment_of(&manifests)?;
    let mut objects = Objects::new(&env, &manifests)?;
    let ca = String::from_utf8(env.ca_pem()?)?;
    objects.config_map("oidc-ca", &[("ca.crt", &ca)]);
    let pod = Pod::start(&env, deployment, &objects).await?;
    check_started("stack-oidc", &pod, deployment).await?;

    let cookie = pod
        .token_sign_in("", "main", env.get("DEV_VIEWER_TOKEN")?)
        .await?;
    let me = pod
        .call(Method::GET, "/clusters/main/me", Some(&cookie), None)
        .await?;
    ensure!(me.body["username"] == VIEWER, "token sign-in: {}", me.text);

    let begin = pod
        .call(Method::GET, "/oidc?cluster=main&returnTo=%2F", None, None)
        .await?;
    ensure!(
        begin.status == StatusCode::FOUND,
        "/oidc: {} {}",
        begin.status,
        begin.text
    );
    let location = begin.header("location").context("no Location")?;
    ensure!(
        location.contains("code_challenge_method=S256"),
        "{location}"
    );
    let transaction = begin
        .header("set-cookie")
        .and_then(|c| c.split(';').next())
        .context("no transaction cookie")?
        .to_owned();
    let callback = env.get("DEV_OIDC_CALLBACK")?;
    let user = env.get("DEV_OIDC_ADMIN_USER")?;
    let back = devstack::oidc::authorize(
        &env,
        location,
        user,
        env.get("DEV_OIDC_ADMIN_PASSWORD")?,
        callback,
    )
    .await?;
    let path = format!("/oidc-callback?{}", back.query().unwrap_or_default());
    let done = pod
        .call(Method::GET, &path, Some(&transaction), None)
        .await?;
    ensure!(
        done.status == StatusCode::FOUND,
        "callback: {} {}",
        done.status,
        done.text
    );
    let id = done
        .session_cookie()
        .context("no session after the callback")?;
    let cookie = format!("lanthorn-session={id}");
    let me = pod
        .call(Method::GET, "/clusters/main/me", Some(&cookie), None)
        .await?;
    ensure!(me.body["username"] == user, "OIDC sign-in: {}", me.text);
    ensure!(
        !pod.stderr().contains(secret),
        "the client secret is in the log"
    );
    Ok(())
}
