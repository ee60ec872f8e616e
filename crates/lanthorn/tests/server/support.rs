//! Starting the real `lanthorn` binary against the local stack, and talking to it.

use std::io::{Read as _, Write as _};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, bail, ensure};
use devstack::DevEnv;
use reqwest::{Method, StatusCode};
use serde_json::Value;

/// A folder under the system temp dir, removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> Result<Self> {
        static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("lanthorn-test-{tag}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)?;
        Ok(Self(dir))
    }

    pub fn write(&self, name: &str, text: &str) -> Result<PathBuf> {
        let path = self.0.join(name);
        std::fs::write(&path, text)?;
        Ok(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A kubeconfig for the stack with contexts `dev` and `dev2` (no credential: requests
/// without a user credential are anonymous), `dev-admin` (the admin token), `dev-cert`
/// (the stack admin's client certificate), `dev-exec` (an exec plugin handing out the
/// viewer's token), `dev-sso` (`auth-provider: oidc` naming the stack's provider), `down`
/// (a port nothing listens on) and `broken` (a missing cluster).
pub fn kubeconfig(env: &DevEnv, dir: &TempDir) -> Result<PathBuf> {
    let server = env.get("DEV_APISERVER")?;
    let ca = env.get("DEV_CA_FILE")?;
    let admin = env.get("DEV_ADMIN_TOKEN")?;
    let viewer = env.get("DEV_VIEWER_TOKEN")?;
    let issuer = env.get("DEV_OIDC_ISSUER")?;
    let client_id = env.get("DEV_OIDC_CLIENT_ID")?;
    let client_secret = env.get("DEV_OIDC_CLIENT_SECRET")?;
    let pki = format!("{}/pki", env.get("DEV_STATE")?);
    let down = format!("https://127.0.0.1:{}", free_port()?);
    let plugin = dir.write(
        "token-plugin.sh",
        "#!/bin/sh\nprintf '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"%s\"}}' \"$PLUGIN_TOKEN\"\n",
    )?;
    std::fs::set_permissions(&plugin, std::os::unix::fs::PermissionsExt::from_mode(0o755))?;
    dir.write(
        "kubeconfig",
        &format!(
            "apiVersion: v1\nkind: Config\n\
             clusters:\n\
             - {{name: stack, cluster: {{server: '{server}', certificate-authority: '{ca}'}}}}\n\
             - {{name: nowhere, cluster: {{server: '{down}', certificate-authority: '{ca}'}}}}\n\
             users:\n\
             - {{name: admin, user: {{token: '{admin}'}}}}\n\
             - {{name: cert, user: {{client-certificate: '{pki}/admin.crt', client-key: '{pki}/admin.key'}}}}\n\
             - {{name: sso, user: {{auth-provider: {{name: oidc, config: {{idp-issuer-url: '{issuer}', client-id: '{client_id}', client-secret: '{client_secret}', idp-certificate-authority: '{ca}', extra-scopes: groups}}}}}}}}\n\
             - {{name: plugin, user: {{exec: {{apiVersion: client.authentication.k8s.io/v1, command: ./token-plugin.sh, env: [{{name: PLUGIN_TOKEN, value: '{viewer}'}}]}}}}}}\n\
             contexts:\n\
             - {{name: dev, context: {{cluster: stack}}}}\n\
             - {{name: dev2, context: {{cluster: stack}}}}\n\
             - {{name: dev-admin, context: {{cluster: stack, user: admin}}}}\n\
             - {{name: dev-cert, context: {{cluster: stack, user: cert}}}}\n\
             - {{name: dev-exec, context: {{cluster: stack, user: plugin}}}}\n\
             - {{name: dev-sso, context: {{cluster: stack, user: sso}}}}\n\
             - {{name: down, context: {{cluster: nowhere}}}}\n\
             - {{name: broken, context: {{cluster: missing}}}}\n\
             current-context: dev\n"
        ),
    )
}

pub fn free_port() -> Result<u16> {
    Ok(TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?
        .local_addr()?
        .port())
}

/// A running `lanthorn` process, killed (by its PID) on drop.
pub struct Server {
    child: Child,
    pub port: u16,
    pub url: String,
    pub audit: PathBuf,
    stderr: PathBuf,
    pub http: reqwest::Client,
    _dir: TempDir,
}

pub const BIN: &str = env!("CARGO_BIN_EXE_lanthorn");

impl Server {
    /// Starts `lanthorn ARGS` with `KUBECONFIG` set to the test kubeconfig, the port and
    /// audit log given through the environment (so `args` stay exactly as written).
    pub async fn start(env: &DevEnv, args: &[&str]) -> Result<Self> {
        Self::start_with(env, args, &[]).await
    }

    pub async fn start_with(env: &DevEnv, args: &[&str], vars: &[(&str, &str)]) -> Result<Self> {
        let dir = TempDir::new("server")?;
        let kubeconfig = kubeconfig(env, &dir)?;
        let port = free_port()?;
        let audit = dir.0.join("audit.log");
        let stderr = dir.0.join("stderr.log");
        let mut command = Command::new(BIN);
        command
            .args(args)
            .env("KUBECONFIG", &kubeconfig)
            .env("LANTHORN_PORT", port.to_string())
            .env("LANTHORN_AUDIT_LOG", &audit)
            .env("LANTHORN_LOG", "info")
            .env_remove("HEADLAMP_CONFIG_PORT")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&stderr)?);
        for (k, v) in vars {
            command.env(k, v);
        }
        let child = command.spawn().context("starting lanthorn")?;
        // Served over TLS, the server's own certificate is what the client trusts.
        let tls_cert = args
            .iter()
            .position(|a| *a == "--tls-cert-file")
            .and_then(|i| args.get(i + 1));
        let (scheme, ca) = match tls_cert {
            Some(cert) => ("https", std::fs::read(cert)?),
            None => ("http", env.ca_pem()?),
        };
        let http = devstack::test_http_client(&ca)?;
        let mut server = Self {
            child,
            port,
            url: format!("{scheme}://127.0.0.1:{port}"),
            audit,
            stderr,
            http,
            _dir: dir,
        };
        server.wait_ready().await?;
        Ok(server)
    }

    async fn wait_ready(&mut self) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait()? {
                bail!("lanthorn exited ({status}): {}", self.stderr_text());
            }
            if let Ok(r) = self.http.get(format!("{}/healthz", self.url)).send().await
                && r.status() == StatusCode::OK
            {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        bail!("lanthorn did not become healthy: {}", self.stderr_text())
    }

    pub fn stderr_text(&self) -> String {
        std::fs::read_to_string(&self.stderr).unwrap_or_default()
    }

    /// A request with an optional session cookie value.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        cookie: Option<&str>,
        body: Option<&Value>,
    ) -> Result<Reply> {
        let mut request = self.http.request(method, format!("{}{path}", self.url));
        if let Some(cookie) = cookie {
            request = request.header("cookie", format!("lanthorn-session={cookie}"));
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        Reply::read(request.send().await?).await
    }

    /// Signs in to `cluster` with `token`; returns the reply (cookie in `set_cookie`).
    pub async fn set_token(
        &self,
        cluster: &str,
        token: &str,
        cookie: Option<&str>,
    ) -> Result<Reply> {
        let body = serde_json::json!({ "token": token });
        self.call(
            Method::POST,
            &format!("/clusters/{cluster}/set-token"),
            cookie,
            Some(&body),
        )
        .await
    }

    /// Signs in to `cluster` with `token` and returns the session cookie's value.
    pub async fn sign_in(&self, cluster: &str, token: &str) -> Result<String> {
        let reply = self.set_token(cluster, token, None).await?;
        reply
            .session_cookie()
            .with_context(|| format!("no session from set-token: {} {}", reply.status, reply.text))
    }

    /// Audit lines written so far (waits up to 5 s for at least `at_least`).
    pub async fn audit_lines(&self, at_least: usize) -> Result<Vec<Value>> {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let text = std::fs::read_to_string(&self.audit).unwrap_or_default();
            let lines: Vec<Value> = text
                .lines()
                .map(serde_json::from_str)
                .collect::<Result<_, _>>()
                .with_context(|| format!("audit log is not JSON lines: {text}"))?;
            if lines.len() >= at_least || Instant::now() > deadline {
                return Ok(lines);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub fn audit_text(&self) -> String {
        std::fs::read_to_string(&self.audit).unwrap_or_default()
    }

    /// Sends raw bytes and returns the raw answer (for paths clients would normalise).
    pub fn raw(&self, request: &[u8]) -> Result<String> {
        raw(self.port, request)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn raw(port: u16, request: &[u8]) -> Result<String> {
    let mut stream = TcpStream::connect((Ipv4Addr::LOCALHOST, port))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.write_all(request)?;
    let mut answer = Vec::new();
    let mut buf = [0_u8; 8192];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => answer.extend_from_slice(&buf[..n]),
            Err(e) if answer.is_empty() => return Err(e.into()),
            Err(_) => break,
        }
    }
    Ok(String::from_utf8_lossy(&answer).into_owned())
}

/// A finished reply.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
    pub text: String,
}

impl Reply {
    pub async fn read(response: reqwest::Response) -> Result<Self> {
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await?;
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Ok(Self {
            status,
            headers,
            body,
            text,
        })
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The session id from `Set-Cookie`, if the reply sets one.
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|v| {
                let first = v.split(';').next()?;
                let (name, value) = first.split_once('=')?;
                (name.ends_with("lanthorn-session") && !value.is_empty()).then(|| value.to_owned())
            })
    }
}

/// A self-signed serving certificate for 127.0.0.1 (cert.pem, key.pem) made with openssl.
pub fn serving_certificate(dir: &TempDir) -> Result<(String, String)> {
    let cert = dir.0.join("cert.pem");
    let key = dir.0.join("key.pem");
    let out = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-days",
            "1",
        ])
        .args([
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-addext",
            "basicConstraints=critical,CA:FALSE",
        ])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()?;
    ensure!(
        out.status.success(),
        "openssl: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok((cert.display().to_string(), key.display().to_string()))
}

pub fn stack() -> Result<DevEnv> {
    DevEnv::load()
}
