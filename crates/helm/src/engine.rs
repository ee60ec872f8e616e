//! The `helm` program, run with the caller's own credential, isolated and bounded.
//!
//! - Isolated: a private temporary folder (mode 0700) holds the kubeconfig (0600), the
//!   values file and Helm's cache, config and data folders, and is removed afterwards.
//!   Credentials never appear on a command line (repository passwords go to Helm on its
//!   standard input), and the environment is cleared except for `PATH` and proxy / CA
//!   settings.
//! - Only for a proven credential: [`Engine::prove`] asks the cluster who the credential
//!   is (a SelfSubjectReview) and remembers a yes for a minute, keyed by a hash of the
//!   credential; a token the cluster rejects gets 401 and no process.
//! - Bounded: at most [`MAX_PROCESSES`] runs at once ([`Engine::slot`]); a caller waits
//!   at most [`QUEUE_WAIT`] for a turn, then gets `503 HelmBusy`. Each run has a time
//!   limit and Helm's output is read up to [`MAX_OUTPUT`].
//! - Chart repository URLs may carry credentials (`https://user:password@…`, a token in
//!   the query): they are shown only as [`shown_url`] gives them, and Helm's messages
//!   are cleaned of them before anyone sees them.

use std::collections::HashMap;
use std::ffi::OsString;
use std::io::Write as _;
use std::os::unix::fs::OpenOptionsExt as _;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use http::StatusCode;
use lanthorn_cluster::{CallError, ClusterClient, Credential};
use lanthorn_config::ChartRepository;
use percent_encoding::percent_decode_str;
use secrecy::{ExposeSecret as _, SecretString};
use sha2::{Digest as _, Sha256};
use tokio::io::{AsyncRead, AsyncReadExt as _, AsyncWriteExt as _};
use tokio::process::Command;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use url::Url;

/// Helm runs at once, across all users.
pub const MAX_PROCESSES: usize = 4;
/// How long a request waits for one of them before `503 HelmBusy`.
pub const QUEUE_WAIT: Duration = Duration::from_secs(5);
/// Most bytes kept of Helm's output (a chart's README or values, an error).
pub const MAX_OUTPUT: usize = 8 * 1024 * 1024;
/// A change that runs longer than this is stopped and reported as failed.
const CHANGE_TIMEOUT: Duration = Duration::from_secs(600);
/// A catalog read (`repo add`, `show`) that runs longer than this is stopped.
const READ_TIMEOUT: Duration = Duration::from_secs(120);
/// How long the cluster's yes to "who is this credential" is remembered.
const PROOF_KEPT: Duration = Duration::from_secs(60);
const MAX_PROOFS: usize = 10_000;
/// Longest error message kept from Helm's output.
const MAX_MESSAGE: usize = 4096;
/// Environment passed through to Helm.
const PASSED_ENV: &[&str] = &[
    "PATH",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "NO_PROXY",
    "http_proxy",
    "https_proxy",
    "no_proxy",
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
];

/// Why the engine will not run Helm for a caller.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// Every turn is taken, and none came free in time.
    #[error(
        "Helm is busy: {running} runs are going, the most this server allows at once; try again in a minute"
    )]
    Busy {
        /// How many runs are going.
        running: usize,
    },
    /// The cluster sees the credential as `system:anonymous`.
    #[error("cluster {cluster} sees this request as anonymous; sign in first")]
    Anonymous {
        /// The cluster's name.
        cluster: String,
    },
    /// The cluster refused the identity review, or could not be asked.
    #[error("cluster {cluster} could not confirm who you are: {error}")]
    Review {
        /// The cluster's name.
        cluster: String,
        /// Its answer.
        error: CallError,
    },
}

/// Where the `helm` program is, which chart repositories it may use, and its limits.
#[derive(Debug)]
pub struct Engine {
    binary: PathBuf,
    repositories: Vec<ChartRepository>,
    slots: Arc<Semaphore>,
    max_processes: usize,
    queue_wait: Duration,
    /// Hashes of credentials the cluster recognised, and when.
    proofs: Mutex<HashMap<[u8; 32], Instant>>,
}

/// One run: Helm's arguments (without `--namespace`), and values to pass with `-f`.
#[derive(Debug)]
pub struct Run {
    pub args: Vec<String>,
    pub values: Option<String>,
    /// `helm repo add` every configured http(s) repository first.
    pub with_repositories: bool,
    /// A chart folder to write into the run's private folder first; the argument
    /// [`STORED_CHART`] in `args` stands for its path.
    pub chart_folder: Option<Vec<crate::ChartFile>>,
}

/// In [`Run::args`]: the path of the run's [`Run::chart_folder`].
pub const STORED_CHART: &str = "{stored-chart}";

/// The cluster recognised the caller's credential (see [`Engine::prove`]).
#[derive(Debug)]
pub struct Proven(());

/// A turn to run Helm, held for as long as one run (one or more `helm` processes, one
/// after the other) lasts.
#[derive(Debug)]
pub struct Slot {
    _permit: OwnedSemaphorePermit,
}

impl Engine {
    pub fn new(binary: PathBuf, repositories: Vec<ChartRepository>) -> Self {
        Self::with_limits(binary, repositories, MAX_PROCESSES, QUEUE_WAIT)
    }

    fn with_limits(
        binary: PathBuf,
        repositories: Vec<ChartRepository>,
        max_processes: usize,
        queue_wait: Duration,
    ) -> Self {
        Self {
            binary,
            repositories,
            slots: Arc::new(Semaphore::new(max_processes)),
            max_processes,
            queue_wait,
            proofs: Mutex::new(HashMap::new()),
        }
    }

    /// The configured repositories.
    pub fn repositories(&self) -> &[ChartRepository] {
        &self.repositories
    }

    /// Proves that the cluster recognises `credential` (whose kubeconfig is `kubeconfig`)
    /// before Helm runs for it: a SelfSubjectReview, its yes remembered for a minute under
    /// a hash of the cluster and the kubeconfig. A credential the cluster rejects is a
    /// 401 (not remembered); a cluster that may not be asked answers as it does.
    pub async fn prove(
        &self,
        client: &ClusterClient,
        credential: &Credential,
        kubeconfig: &SecretString,
    ) -> Result<Proven, EngineError> {
        let key = proof_key(client.spec().name.as_str(), kubeconfig);
        if self
            .lock_proofs()
            .get(&key)
            .is_some_and(|at| at.elapsed() < PROOF_KEPT)
        {
            return Ok(Proven(()));
        }
        // A review has no side effects: one lost with a closed connection is sent again.
        let review = match client.review_self(credential).await {
            Err(CallError::Cluster(_)) => client.review_self(credential).await,
            other => other,
        };
        match review {
            Ok(user) if user.username == "system:anonymous" => {
                return Err(EngineError::Anonymous {
                    cluster: client.spec().name.to_string(),
                });
            }
            Ok(_) => {}
            // Recognised, only not allowed to review itself (the review authenticates
            // first: a credential it does not know is a 401).
            Err(error) if error.status() == Some(StatusCode::FORBIDDEN) => {}
            Err(error) => {
                return Err(EngineError::Review {
                    cluster: client.spec().name.to_string(),
                    error,
                });
            }
        }
        let mut proofs = self.lock_proofs();
        if proofs.len() >= MAX_PROOFS {
            proofs.retain(|_, at| at.elapsed() < PROOF_KEPT);
            if proofs.len() >= MAX_PROOFS {
                proofs.clear();
            }
        }
        proofs.insert(key, Instant::now());
        Ok(Proven(()))
    }

    /// A turn to run Helm for a proven caller: at once when fewer than
    /// [`MAX_PROCESSES`] runs are going, else after waiting at most [`QUEUE_WAIT`];
    /// `503 HelmBusy` when none came free.
    pub async fn slot(&self, _proven: &Proven) -> Result<Slot, EngineError> {
        let slots = Arc::clone(&self.slots);
        match tokio::time::timeout(self.queue_wait, slots.acquire_owned()).await {
            Ok(Ok(permit)) => Ok(Slot { _permit: permit }),
            // (The semaphore is never closed.)
            Ok(Err(_)) | Err(_) => Err(EngineError::Busy {
                running: self.max_processes,
            }),
        }
    }

    fn lock_proofs(&self) -> std::sync::MutexGuard<'_, HashMap<[u8; 32], Instant>> {
        self.proofs
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Runs Helm in `namespace` with `kubeconfig`; Helm's error message when it fails.
    /// (Its output on success may show the values, so it is not kept.)
    pub async fn run(
        &self,
        _slot: &Slot,
        kubeconfig: &SecretString,
        namespace: &str,
        run: Run,
    ) -> Result<(), String> {
        let dir = private_dir()?;
        let kubeconfig_path = dir.path().join("kubeconfig");
        private_file(&kubeconfig_path, kubeconfig.expose_secret())?;
        let mut args = run.args;
        if let Some(files) = &run.chart_folder {
            let folder = dir.path().join("chart");
            write_chart(&folder, files)?;
            for arg in &mut args {
                if arg == STORED_CHART {
                    *arg = folder.display().to_string();
                }
            }
        }
        if let Some(values) = &run.values {
            let path = dir.path().join("values.yaml");
            private_file(&path, values)?;
            args.push("--values".into());
            args.push(path.display().to_string());
        }
        args.push("--namespace".into());
        args.push(namespace.to_owned());
        if run.with_repositories {
            self.add_repositories(dir.path()).await?;
        }
        self.log_in_to_registries(dir.path(), &args).await?;
        args.push("--debug".into());
        self.helm(
            dir.path(),
            Some(&kubeconfig_path),
            args,
            None,
            CHANGE_TIMEOUT,
        )
        .await
        .map(|_| ())
    }

    /// `helm repo add` for every http(s) repository, in a private folder. A password in
    /// the URL is given to Helm on its standard input, not in its arguments.
    async fn add_repositories(&self, dir: &Path) -> Result<(), String> {
        for repo in self.repositories.iter().filter(|r| r.url.scheme() != "oci") {
            let mut add = vec![
                "repo".to_owned(),
                "add".to_owned(),
                repo.name.clone(),
                without_userinfo(&repo.url).to_string(),
            ];
            let password = match userinfo(&repo.url) {
                Some((username, password)) => {
                    add.extend(["--username".into(), username, "--password-stdin".into()]);
                    Some(password)
                }
                None => None,
            };
            self.helm(dir, None, add, password, READ_TIMEOUT).await?;
        }
        Ok(())
    }

    /// `helm registry login` for each OCI registry named in `args` whose URL holds a user
    /// name and password (the password on standard input).
    async fn log_in_to_registries(&self, dir: &Path, args: &[String]) -> Result<(), String> {
        for repo in self.repositories.iter().filter(|r| r.url.scheme() == "oci") {
            let prefix = shown_url(&repo.url);
            let Some((username, password)) = userinfo(&repo.url) else {
                continue;
            };
            if !args
                .iter()
                .any(|a| a.starts_with(prefix.trim_end_matches('/')))
            {
                continue;
            }
            let mut host = repo.url.host_str().unwrap_or_default().to_owned();
            if let Some(port) = repo.url.port() {
                host = format!("{host}:{port}");
            }
            let login = vec![
                "registry".to_owned(),
                "login".to_owned(),
                host,
                "--username".to_owned(),
                username,
                "--password-stdin".to_owned(),
            ];
            self.helm(dir, None, login, Some(password), READ_TIMEOUT)
                .await?;
        }
        Ok(())
    }

    /// Each http(s) repository's `index.yaml` as Helm fetched it, by repository name.
    /// (An OCI registry has no index.)
    pub async fn indexes(&self, _slot: &Slot) -> Result<Vec<(String, String)>, String> {
        let dir = private_dir()?;
        self.add_repositories(dir.path()).await?;
        let mut indexes = Vec::new();
        for repo in self.repositories.iter().filter(|r| r.url.scheme() != "oci") {
            let path = dir
                .path()
                .join("cache/repository")
                .join(format!("{}-index.yaml", repo.name));
            let text = tokio::fs::read_to_string(&path)
                .await
                .map_err(|e| format!("repository {}: cannot read its index: {e}", repo.name))?;
            indexes.push((repo.name.clone(), text));
        }
        Ok(indexes)
    }

    /// `helm show readme` and `helm show values` of `chart` (at `version`, else the
    /// latest): a chart's README and default values, in one private folder.
    pub async fn show(
        &self,
        _slot: &Slot,
        chart: &str,
        version: Option<&str>,
    ) -> Result<(String, String), String> {
        let dir = private_dir()?;
        if chart.starts_with("oci://") {
            self.log_in_to_registries(dir.path(), &[chart.to_owned()])
                .await?;
        } else {
            self.add_repositories(dir.path()).await?;
        }
        let mut texts = Vec::new();
        for what in ["readme", "values"] {
            let mut args = vec!["show".to_owned(), what.to_owned(), chart.to_owned()];
            if let Some(version) = version {
                args.push("--version".into());
                args.push(version.to_owned());
            }
            texts.push(
                self.helm(dir.path(), None, args, None, READ_TIMEOUT)
                    .await?,
            );
        }
        let values = texts.pop().unwrap_or_default();
        let readme = texts.pop().unwrap_or_default();
        Ok((readme, values))
    }

    async fn helm(
        &self,
        dir: &Path,
        kubeconfig: Option<&Path>,
        args: Vec<String>,
        input: Option<String>,
        limit: Duration,
    ) -> Result<String, String> {
        let mut command = Command::new(&self.binary);
        command
            .args(&args)
            .env_clear()
            .env("HOME", dir)
            .env("HELM_CACHE_HOME", dir.join("cache"))
            .env("HELM_CONFIG_HOME", dir.join("config"))
            .env("HELM_DATA_HOME", dir.join("data"))
            // Without a credential Helm gets a kubeconfig path that does not exist.
            .env(
                "KUBECONFIG",
                kubeconfig.unwrap_or(&dir.join("no-kubeconfig")),
            )
            .current_dir(dir)
            .stdin(if input.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        for name in PASSED_ENV {
            if let Some(value) = std::env::var_os(name) {
                command.env(name, value);
            }
        }
        let what = args.first().cloned().unwrap_or_default();
        let mut child = command.spawn().map_err(|error| {
            format!(
                "cannot run helm ({}): {error}",
                OsString::from(&self.binary).to_string_lossy()
            )
        })?;
        let (stdin, stdout, stderr) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take());
        let feed = async move {
            if let (Some(mut stdin), Some(input)) = (stdin, input) {
                // (Helm may end without reading it; its message then says why.) The pipe
                // closes when `stdin` is dropped here.
                let _ = stdin.write_all(input.as_bytes()).await;
            }
        };
        // Everything within the time limit: feeding the input, reading the output, the end.
        let finished = async {
            let ((), stdout, stderr, status) = tokio::join!(
                feed,
                read_bounded(stdout),
                read_bounded(stderr),
                child.wait()
            );
            (stdout, stderr, status)
        };
        let (stdout, stderr, status) = match tokio::time::timeout(limit, finished).await {
            Err(_) => {
                return Err(format!(
                    "helm {what} did not finish within {} seconds",
                    limit.as_secs()
                ));
            }
            Ok((_, _, Err(error))) => return Err(format!("helm {what} was lost: {error}")),
            Ok((stdout, stderr, Ok(status))) => (stdout, stderr, status),
        };
        let (stdout, too_long) = stdout;
        if status.success() && !too_long {
            return Ok(String::from_utf8_lossy(&stdout).trim().to_owned());
        }
        if too_long {
            return Err(format!(
                "helm {what} wrote more than {} MiB; not kept",
                MAX_OUTPUT / (1024 * 1024)
            ));
        }
        let stdout = String::from_utf8_lossy(&stdout);
        let stderr = String::from_utf8_lossy(&stderr.0);
        Err(self.scrub(&helm_message(&stderr, &stdout)))
    }

    /// `text` without any repository's credentials: each URL as [`shown_url`] gives it,
    /// and no password, user name or query of one.
    pub fn scrub(&self, text: &str) -> String {
        let mut text = text.to_owned();
        for repo in &self.repositories {
            let shown = shown_url(&repo.url);
            let plain = without_userinfo(&repo.url);
            for form in [repo.url.as_str(), plain.as_str()] {
                text = text.replace(form, &shown);
                text = text.replace(form.trim_end_matches('/'), shown.trim_end_matches('/'));
            }
            let mut secrets: Vec<String> = Vec::new();
            if let Some(query) = repo.url.query().filter(|q| !q.is_empty()) {
                secrets.push(query.to_owned());
                for (_, value) in repo.url.query_pairs() {
                    secrets.push(value.into_owned());
                }
                secrets.extend(
                    query
                        .split('&')
                        .filter_map(|p| p.split_once('='))
                        .map(|(_, v)| v.to_owned()),
                );
            }
            if let Some((username, password)) = userinfo(&repo.url) {
                secrets.push(password);
                secrets.extend(repo.url.password().map(str::to_owned));
                secrets.push(repo.url.username().to_owned());
                secrets.push(username);
            }
            // Longest first, so that a secret holding another is replaced whole.
            secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
            for secret in secrets.iter().filter(|s| s.len() >= 3) {
                text = text.replace(secret.as_str(), "…");
            }
        }
        text
    }
}

/// The key a proof is kept under: no credential is kept, only this hash.
fn proof_key(cluster: &str, kubeconfig: &SecretString) -> [u8; 32] {
    let mut hash = Sha256::new();
    hash.update(b"lanthorn helm proof\0");
    hash.update(cluster.as_bytes());
    hash.update([0]);
    hash.update(kubeconfig.expose_secret().as_bytes());
    hash.finalize().into()
}

/// Reads a pipe up to [`MAX_OUTPUT`] bytes; true when there was more (then the rest is
/// left unread and Helm finds its pipe closed).
async fn read_bounded(pipe: Option<impl AsyncRead + Unpin>) -> (Vec<u8>, bool) {
    let Some(pipe) = pipe else {
        return (Vec::new(), false);
    };
    let mut out = Vec::new();
    let limit = u64::try_from(MAX_OUTPUT).unwrap_or(u64::MAX);
    let read = pipe.take(limit + 1).read_to_end(&mut out).await;
    let too_long = out.len() > MAX_OUTPUT;
    out.truncate(MAX_OUTPUT);
    if read.is_err() {
        return (out, false);
    }
    (out, too_long)
}

/// A repository URL as users and logs may see it: no user name, password, query or
/// fragment.
pub fn shown_url(url: &Url) -> String {
    let mut shown = without_userinfo(url);
    shown.set_query(None);
    shown.set_fragment(None);
    shown.to_string()
}

fn without_userinfo(url: &Url) -> Url {
    let mut plain = url.clone();
    // (Only URLs without a host refuse these, and a repository always has one.)
    let _ = plain.set_username("");
    let _ = plain.set_password(None);
    plain
}

/// The user name and password of a URL, percent-decoded, when it has a user name.
fn userinfo(url: &Url) -> Option<(String, String)> {
    if url.username().is_empty() {
        return None;
    }
    let decode = |text: &str| percent_decode_str(text).decode_utf8_lossy().into_owned();
    Some((
        decode(url.username()),
        url.password().map(decode).unwrap_or_default(),
    ))
}

/// `oci://REGISTRY/PATH/CHART` for chart `chart` of the OCI repository at `url`.
pub fn oci_reference(url: &Url, chart: &str) -> String {
    format!("{}/{chart}", shown_url(url).trim_end_matches('/'))
}

/// Helm's error line without its `Error: ` prefix, followed by the `--debug` lines that
/// say what failed (Helm's summary alone can be as vague as "failed to delete release"),
/// bounded in length. Stack traces and the rest of the debug output are left out.
fn helm_message(stderr: &str, stdout: &str) -> String {
    let text = if stderr.trim().is_empty() {
        stdout
    } else {
        stderr
    };
    let mut summary = Vec::new();
    let mut details: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim_end) {
        if let Some(error) = line.strip_prefix("Error: ") {
            summary.push(error.trim());
        } else if let Some((_, debug)) = line.split_once("[debug] ") {
            let debug = debug.trim();
            let says_why = ["fail", "Fail", "forbidden", "error", "Error"]
                .iter()
                .any(|w| debug.contains(w));
            if says_why && !details.contains(&debug) && !summary.contains(&debug) {
                details.push(debug);
            }
        }
    }
    if summary.is_empty() {
        summary = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with("WARNING:") && !l.contains("[debug]"))
            .take(5)
            .collect();
    }
    details.retain(|d| !summary.iter().any(|s| s == d));
    let mut message = summary.join("\n");
    if !details.is_empty() {
        message.push('\n');
        message.push_str(&details.join("\n"));
    }
    let mut message: String = message.chars().take(MAX_MESSAGE).collect();
    if message.is_empty() {
        message = "helm failed without a message".into();
    }
    message
}

/// A folder only this process's user can enter (0700), removed when dropped.
fn private_dir() -> Result<tempfile::TempDir, String> {
    tempfile::Builder::new()
        .prefix("lanthorn-helm-")
        .tempdir()
        .map_err(|e| format!("cannot make a private folder for helm: {e}"))
}

fn private_file(path: &Path, text: &str) -> Result<(), String> {
    private_bytes(path, text.as_bytes())
}

fn private_bytes(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    file.write_all(bytes)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Writes a chart's files under `folder` (paths already checked by `stored_chart`).
fn write_chart(folder: &Path, files: &[crate::ChartFile]) -> Result<(), String> {
    for file in files {
        let path = folder.join(&file.path);
        if !path.starts_with(folder) {
            return Err(format!("chart file {:?} is outside the chart", file.path));
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        private_bytes(&path, &file.bytes)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helm_messages_lose_the_prefix_and_warnings() {
        let stderr = "WARNING: Kubernetes configuration file is group-readable\nError: UPGRADE FAILED: \"x\" has no deployed releases\n";
        assert_eq!(
            helm_message(stderr, ""),
            "UPGRADE FAILED: \"x\" has no deployed releases"
        );
        assert_eq!(helm_message("", ""), "helm failed without a message");
        assert_eq!(helm_message(&"e".repeat(10_000), "").len(), MAX_MESSAGE);
    }

    fn repository(name: &str, url: &str) -> ChartRepository {
        ChartRepository {
            name: name.to_owned(),
            url: Url::parse(url).unwrap_or_else(|_| {
                Url::parse("http://invalid/").unwrap_or_else(|_| unreachable!())
            }),
        }
    }

    #[test]
    fn repository_urls_are_shown_without_credentials() {
        let cases = [
            (
                "https://someone:hunter2@charts.example.com/x/?token=sekrit#f",
                "https://charts.example.com/x/",
            ),
            (
                "http://127.0.0.1:8879/charts",
                "http://127.0.0.1:8879/charts",
            ),
            (
                "oci://robot:hunter2@registry.example.com/charts",
                "oci://registry.example.com/charts",
            ),
        ];
        for (url, shown) in cases {
            assert_eq!(shown_url(&repository("r", url).url), shown);
        }
        let oci = repository("r", "oci://robot:hunter2@registry.example.com/charts/");
        assert_eq!(
            oci_reference(&oci.url, "app"),
            "oci://registry.example.com/charts/app"
        );
    }

    #[test]
    fn helm_messages_lose_repository_credentials() {
        let engine = Engine::new(
            PathBuf::from("helm"),
            vec![
                repository(
                    "a",
                    "https://some%40one:hunter%2F2@charts.example.com/x?token=sekrit&v=1",
                ),
                repository("b", "http://plain.example/"),
            ],
        );
        let message = engine.scrub(
            "looks like \"https://some%40one:hunter%2F2@charts.example.com/x?token=sekrit&v=1\" is not a valid chart repository: \
             Get \"https://charts.example.com/x/index.yaml?token=sekrit&v=1\": 401 for some@one (hunter/2)",
        );
        for secret in ["hunter", "sekrit", "some%40one", "some@one"] {
            assert!(!message.contains(secret), "{secret} in {message}");
        }
        assert!(
            message.contains("\"https://charts.example.com/x\""),
            "{message}"
        );
        assert_eq!(
            engine.scrub("http://plain.example/ is down"),
            "http://plain.example/ is down"
        );
    }

    #[tokio::test]
    async fn helm_runs_are_capped_and_a_caller_waits_only_so_long() {
        let engine = Engine::with_limits(
            PathBuf::from("helm"),
            Vec::new(),
            2,
            Duration::from_millis(100),
        );
        let proven = Proven(());
        let first = engine.slot(&proven).await;
        let second = engine.slot(&proven).await;
        assert!(first.is_ok() && second.is_ok());
        let started = Instant::now();
        let third = engine.slot(&proven).await;
        assert!(
            matches!(&third, Err(EngineError::Busy { running: 2 })),
            "{third:?}"
        );
        assert!(started.elapsed() >= Duration::from_millis(100));
        assert!(started.elapsed() < Duration::from_secs(2));
        // A turn that ends lets the next caller in, a waiting one included.
        let waiting = engine.slot(&proven);
        drop(first);
        assert!(waiting.await.is_ok());
    }

    #[tokio::test]
    async fn repository_passwords_reach_helm_on_its_input_not_its_arguments() {
        use std::os::unix::fs::PermissionsExt as _;
        let Ok(dir) = tempfile::tempdir() else {
            panic!("no temporary folder");
        };
        let log = dir.path().join("log");
        let script = format!(
            "#!/bin/sh\necho \"args: $*\" >> '{log}'\necho \"input: $(cat)\" >> '{log}'\nmkdir -p \"$HELM_CACHE_HOME/repository\"\necho 'entries: {{}}' > \"$HELM_CACHE_HOME/repository/$3-index.yaml\"\n",
            log = log.display()
        );
        let helm = dir.path().join("helm");
        assert!(std::fs::write(&helm, script).is_ok());
        assert!(std::fs::set_permissions(&helm, std::fs::Permissions::from_mode(0o755)).is_ok());
        let engine = Engine::new(
            helm,
            vec![repository(
                "priv",
                "https://some%40one:hunter2@charts.example.com/x?token=t0k",
            )],
        );
        let Ok(slot) = engine.slot(&Proven(())).await else {
            panic!("no slot");
        };
        let indexes = engine.indexes(&slot).await;
        assert!(
            matches!(&indexes, Ok(i) if i.len() == 1 && i[0].0 == "priv"),
            "{indexes:?}"
        );
        let log = std::fs::read_to_string(&log).unwrap_or_default();
        assert_eq!(
            log,
            "args: repo add priv https://charts.example.com/x?token=t0k --username some@one --password-stdin\ninput: hunter2\n"
        );
    }

    #[test]
    fn proofs_are_kept_by_hash_per_cluster_and_credential() {
        let token = SecretString::from("users: [{user: {token: abc}}]".to_owned());
        let other = SecretString::from("users: [{user: {token: abd}}]".to_owned());
        let key = proof_key("dev", &token);
        assert_eq!(key, proof_key("dev", &token));
        assert_ne!(key, proof_key("dev2", &token));
        assert_ne!(key, proof_key("dev", &other));
    }
}
