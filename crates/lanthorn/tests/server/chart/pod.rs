//! A Deployment's container started as the kubelet would start it, in-cluster against
//! the stack: the objects its volumes and variables name, `$(VAR)` expansion, volumes as
//! folders.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, bail};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use devstack::DevEnv;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{BIN, Reply, TempDir, free_port};

const SA_DIR: &str = "/var/run/secrets/kubernetes.io/serviceaccount";
/// 32 bytes, base64: the session key Secret the replicas case names.
const SESSION_KEY: &str = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

/// What the cluster holds for a Deployment: Secrets and ConfigMaps, `name -> key -> text`.
#[derive(Debug, Default)]
pub(super) struct Objects {
    secrets: BTreeMap<String, BTreeMap<String, String>>,
    config_maps: BTreeMap<String, BTreeMap<String, String>>,
}

impl Objects {
    /// The CA ConfigMap of every namespace, the chart's own Secrets, and the Secrets the
    /// cases name as existing ones.
    pub(super) fn new(env: &DevEnv, rendered: &[Value]) -> Result<Self> {
        let mut objects = Self::default();
        let ca = String::from_utf8(env.ca_pem()?)?;
        objects.config_map("kube-root-ca.crt", &[("ca.crt", &ca)]);
        for secret in rendered.iter().filter(|o| o["kind"] == "Secret") {
            let name = secret["metadata"]["name"].as_str().unwrap_or_default();
            let mut data = BTreeMap::new();
            for (key, value) in secret["data"].as_object().into_iter().flatten() {
                let bytes = BASE64.decode(value.as_str().unwrap_or_default())?;
                data.insert(key.clone(), String::from_utf8(bytes)?);
            }
            objects.secrets.insert(name.to_owned(), data);
        }
        // Secrets the operator made beforehand, unless the chart makes one by that name.
        objects.existing("headlamp-oidc", &[("clientSecret", "seed-client-secret")]);
        objects.existing("lanthorn-session-key", &[("key", SESSION_KEY)]);
        objects.existing(
            "oidc",
            &[
                ("OIDC_CLIENT_ID", "headlamp"),
                ("OIDC_ISSUER_URL", "https://dex.example.com"),
                ("OIDC_CLIENT_SECRET", "external-client-secret"),
                ("OIDC_SCOPES", "groups,email"),
            ],
        );
        Ok(objects)
    }

    pub(super) fn secret(&mut self, name: &str, data: &[(&str, &str)]) {
        let data = data.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned()));
        self.secrets.insert(name.to_owned(), data.collect());
    }

    fn existing(&mut self, name: &str, data: &[(&str, &str)]) {
        if !self.secrets.contains_key(name) {
            self.secret(name, data);
        }
    }

    pub(super) fn config_map(&mut self, name: &str, data: &[(&str, &str)]) {
        let data = data.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned()));
        self.config_maps.insert(name.to_owned(), data.collect());
    }

    /// The data a `secret`/`configMap` volume source or key reference names.
    fn data(&self, source: &Value) -> Result<&BTreeMap<String, String>> {
        let (name, map) = match source.get("secretName").or_else(|| source.get("name")) {
            Some(name) if source.get("secretName").is_some() => (name, &self.secrets),
            Some(name) => (name, &self.config_maps),
            None => bail!("no name in {source}"),
        };
        let name = name.as_str().unwrap_or_default();
        map.get(name)
            .with_context(|| format!("no object {name} for {source}"))
    }
}

/// `$(NAME)` replaced by the variable's value when it is defined, as Kubernetes does.
fn expand(text: &str, vars: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("$(") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find(')').map(|end| (&after[..end], end)) {
            Some((name, end)) if vars.contains_key(name) => {
                out.push_str(&vars[name]);
                rest = &after[end + 1..];
            }
            _ => {
                out.push_str("$(");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `text` (a value, or a `--flag=value` argument) with a mount path at the start of its
/// value replaced by the folder standing for that mount (`mounts`: longest path first).
fn relocate(text: &str, mounts: &[(String, PathBuf)]) -> String {
    let (head, value) = match text.split_once('=') {
        Some((flag, value)) if text.starts_with('-') => (format!("{flag}="), value),
        _ => (String::new(), text),
    };
    for (path, local) in mounts {
        if let Some(rest) = value.strip_prefix(path.as_str())
            && (rest.is_empty() || rest.starts_with('/'))
        {
            return format!("{head}{}{rest}", local.display());
        }
    }
    text.to_owned()
}

/// Fills `dir` with a volume's files: a Secret's, a ConfigMap's, or a projection of them.
fn fill_volume(volume: &Value, objects: &Objects, dir: &Path) -> Result<()> {
    let mut sources = Vec::new();
    if let Some(secret) = volume.get("secret") {
        sources.push(secret.clone());
    }
    if let Some(config_map) = volume.get("configMap") {
        sources.push(config_map.clone());
    }
    for source in volume["projected"]["sources"]
        .as_array()
        .into_iter()
        .flatten()
    {
        if let Some(secret) = source.get("secret") {
            let mut secret = secret.clone();
            let name = secret["name"].take();
            secret["secretName"] = name;
            sources.push(secret);
        }
        if let Some(config_map) = source.get("configMap") {
            sources.push(config_map.clone());
        }
    }
    for source in sources {
        let data = objects.data(&source)?;
        let files: Vec<(String, String)> = match source["items"].as_array() {
            Some(items) => items
                .iter()
                .map(|i| {
                    (
                        i["key"].as_str().unwrap_or(""),
                        i["path"].as_str().unwrap_or(""),
                    )
                })
                .map(|(key, path)| (key.to_owned(), path.to_owned()))
                .collect(),
            None => data.keys().map(|k| (k.clone(), k.clone())).collect(),
        };
        for (key, path) in files {
            let text = data
                .get(&key)
                .with_context(|| format!("no key {key} in {source}"))?;
            std::fs::write(dir.join(path), text)?;
        }
    }
    Ok(())
}

/// The pod's environment: the kubelet's API address, envFrom, then env in order.
fn pod_env(env: &DevEnv, container: &Value, objects: &Objects) -> Result<BTreeMap<String, String>> {
    let api = url::Url::parse(env.get("DEV_APISERVER")?)?;
    let mut vars = BTreeMap::from([
        ("KUBERNETES_SERVICE_HOST".to_owned(), "127.0.0.1".to_owned()),
        (
            "KUBERNETES_SERVICE_PORT".to_owned(),
            api.port().unwrap_or(443).to_string(),
        ),
    ]);
    for from in container["envFrom"].as_array().into_iter().flatten() {
        let data = objects.data(&json!({"secretName": from["secretRef"]["name"]}))?;
        vars.extend(data.clone());
    }
    for item in container["env"].as_array().into_iter().flatten() {
        let name = item["name"]
            .as_str()
            .context("env without a name")?
            .to_owned();
        let value = if let Some(value) = item["value"].as_str() {
            expand(value, &vars)
        } else if let Some(reference) = item["valueFrom"].get("secretKeyRef") {
            let source = json!({"secretName": reference["name"]});
            let key = reference["key"].as_str().unwrap_or_default();
            objects
                .data(&source)?
                .get(key)
                .with_context(|| format!("no key {key}"))?
                .clone()
        } else if let Some(reference) = item["valueFrom"].get("configMapKeyRef") {
            let key = reference["key"].as_str().unwrap_or_default();
            objects
                .data(reference)?
                .get(key)
                .with_context(|| format!("no key {key}"))?
                .clone()
        } else {
            bail!("env {name}: unsupported source {item}");
        };
        vars.insert(name, value);
    }
    Ok(vars)
}

/// A Deployment's container as the kubelet would start it: its arguments with `$(VAR)`
/// expanded, its environment, its volumes as folders (the mount paths in arguments and
/// variables pointed at them), the ServiceAccount folder holding what the pod would get
/// (the admin token stands for the pod's own token when it is mounted), on a free
/// loopback port.
pub(super) fn pod_command(
    env: &DevEnv,
    deployment: &Value,
    objects: &Objects,
    dir: &TempDir,
) -> Result<(Command, u16)> {
    let spec = &deployment["spec"]["template"]["spec"];
    let container = &spec["containers"][0];
    let mut vars = pod_env(env, container, objects)?;
    let mut mounts: Vec<(String, PathBuf)> = Vec::new();
    for mount in container["volumeMounts"].as_array().into_iter().flatten() {
        let name = mount["name"].as_str().unwrap_or_default();
        let volume = spec["volumes"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|v| v["name"] == name);
        let local = dir.0.join(format!("volume-{name}"));
        std::fs::create_dir_all(&local)?;
        fill_volume(
            volume.with_context(|| format!("no volume {name}"))?,
            objects,
            &local,
        )?;
        mounts.push((
            mount["mountPath"].as_str().unwrap_or_default().to_owned(),
            local,
        ));
    }
    let sa_dir = match mounts.iter().find(|(path, _)| path == SA_DIR) {
        Some((_, local)) => local.clone(),
        None => {
            let local = dir.0.join("serviceaccount");
            std::fs::create_dir_all(&local)?;
            if spec["automountServiceAccountToken"] != false {
                std::fs::write(local.join("token"), env.get("DEV_ADMIN_TOKEN")?)?;
                std::fs::write(local.join("ca.crt"), env.ca_pem()?)?;
            }
            local
        }
    };
    mounts.sort_by_key(|(path, _)| std::cmp::Reverse(path.len()));
    for value in vars.values_mut() {
        *value = relocate(value, &mounts);
    }
    let args: Vec<String> = container["args"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|a| relocate(&expand(a.as_str().unwrap_or_default(), &vars), &mounts))
        .collect();
    let port = free_port()?;
    let mut command = Command::new(BIN);
    command
        .args(args)
        .env_clear()
        .envs(&vars)
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("LANTHORN_SERVICE_ACCOUNT_DIR", sa_dir)
        .env("LANTHORN_PORT", port.to_string())
        // The pod listens on every address; on this machine only loopback.
        .env("LANTHORN_LISTEN_ADDRESS", "127.0.0.1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(dir.0.join("stderr.log"))?);
    Ok((command, port))
}

/// A Lanthorn process started from a rendered Deployment, killed (by PID) on drop.
pub(super) struct Pod {
    child: Child,
    url: String,
    http: reqwest::Client,
    dir: TempDir,
}

impl Pod {
    pub(super) async fn start(env: &DevEnv, deployment: &Value, objects: &Objects) -> Result<Self> {
        let dir = TempDir::new("pod")?;
        let (mut command, port) = pod_command(env, deployment, objects, &dir)?;
        let child = command.spawn().context("starting lanthorn")?;
        let mut pod = Self {
            child,
            url: format!("http://127.0.0.1:{port}"),
            http: devstack::test_http_client(&env.ca_pem()?)?,
            dir,
        };
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if let Some(status) = pod.child.try_wait()? {
                bail!("lanthorn exited ({status}): {}", pod.stderr());
            }
            if let Ok(r) = pod.http.get(format!("{}/healthz", pod.url)).send().await
                && r.status() == StatusCode::OK
            {
                return Ok(pod);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        bail!("lanthorn did not become healthy: {}", pod.stderr())
    }

    pub(super) fn stderr(&self) -> String {
        std::fs::read_to_string(self.dir.0.join("stderr.log")).unwrap_or_default()
    }

    pub(super) async fn call(
        &self,
        method: Method,
        path: &str,
        cookie: Option<&str>,
        body: Option<Value>,
    ) -> Result<Reply> {
        let mut request = self.http.request(method, format!("{}{path}", self.url));
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        Reply::read(request.send().await?).await
    }

    /// Signs in to `cluster` with `token`; returns the cookie header value.
    pub(super) async fn token_sign_in(
        &self,
        prefix: &str,
        cluster: &str,
        token: &str,
    ) -> Result<String> {
        let path = format!("{prefix}/clusters/{cluster}/set-token");
        let reply = self
            .call(Method::POST, &path, None, Some(json!({"token": token})))
            .await?;
        let id = reply
            .session_cookie()
            .with_context(|| format!("no session: {}", reply.text))?;
        Ok(format!("lanthorn-session={id}"))
    }
}

impl Drop for Pod {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
