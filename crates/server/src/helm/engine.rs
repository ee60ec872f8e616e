//! The `helm` program, run once per change with the caller's own credential, isolated:
//! a private temporary folder (mode 0700) holds the kubeconfig (0600), the values file
//! and Helm's cache, config and data folders, and is removed afterwards. The credential
//! never appears on a command line, and the environment is cleared except for `PATH`
//! and proxy / CA settings.

use std::ffi::OsString;
use std::io::Write as _;
use std::os::unix::fs::OpenOptionsExt as _;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use lanthorn_config::ChartRepository;
use secrecy::{ExposeSecret as _, SecretString};
use tokio::process::Command;

/// A change that runs longer than this is stopped and reported as failed.
const TIMEOUT: Duration = Duration::from_secs(600);
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

/// Where the `helm` program is and which chart repositories it may use.
#[derive(Debug)]
pub struct Engine {
    binary: PathBuf,
    repositories: Vec<ChartRepository>,
}

/// One run: Helm's arguments (without `--namespace`), and values to pass with `-f`.
#[derive(Debug)]
pub struct Run {
    pub args: Vec<String>,
    pub values: Option<String>,
    /// `helm repo add` every configured http(s) repository first.
    pub with_repositories: bool,
}

impl Engine {
    pub fn new(binary: PathBuf, repositories: Vec<ChartRepository>) -> Self {
        Self {
            binary,
            repositories,
        }
    }

    /// The configured repositories.
    pub fn repositories(&self) -> &[ChartRepository] {
        &self.repositories
    }

    /// Runs Helm in `namespace` with `kubeconfig`; Helm's error message when it fails.
    /// (Its output on success may show the values, so it is not kept.)
    pub async fn run(
        &self,
        kubeconfig: &SecretString,
        namespace: &str,
        run: Run,
    ) -> Result<(), String> {
        let dir = private_dir()?;
        let kubeconfig_path = dir.path().join("kubeconfig");
        private_file(&kubeconfig_path, kubeconfig.expose_secret())?;
        let mut args = run.args;
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
        args.push("--debug".into());
        self.helm(dir.path(), Some(&kubeconfig_path), args)
            .await
            .map(|_| ())
    }

    /// `helm repo add` for every http(s) repository, in a private folder.
    async fn add_repositories(&self, dir: &Path) -> Result<(), String> {
        for repo in self.repositories.iter().filter(|r| r.url.scheme() != "oci") {
            let add = vec![
                "repo".to_owned(),
                "add".to_owned(),
                repo.name.clone(),
                repo.url.to_string(),
            ];
            self.helm(dir, None, add).await?;
        }
        Ok(())
    }

    /// Each http(s) repository's `index.yaml` as Helm fetched it, by repository name.
    pub async fn indexes(&self) -> Result<Vec<(String, String)>, String> {
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

    /// `helm show readme|values CHART --version V`: a chart's README or default values.
    pub async fn show(
        &self,
        what: &str,
        chart: &str,
        version: Option<&str>,
    ) -> Result<String, String> {
        let dir = private_dir()?;
        if !chart.starts_with("oci://") {
            self.add_repositories(dir.path()).await?;
        }
        let mut args = vec!["show".to_owned(), what.to_owned(), chart.to_owned()];
        if let Some(version) = version {
            args.push("--version".into());
            args.push(version.to_owned());
        }
        self.helm(dir.path(), None, args).await
    }

    async fn helm(
        &self,
        dir: &Path,
        kubeconfig: Option<&Path>,
        args: Vec<String>,
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
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        for name in PASSED_ENV {
            if let Some(value) = std::env::var_os(name) {
                command.env(name, value);
            }
        }
        let what = args.first().cloned().unwrap_or_default();
        let output = match tokio::time::timeout(TIMEOUT, command.output()).await {
            Err(_) => {
                return Err(format!(
                    "helm {what} did not finish within {} minutes",
                    TIMEOUT.as_secs() / 60
                ));
            }
            Ok(Err(error)) => {
                return Err(format!(
                    "cannot run helm ({}): {error}",
                    OsString::from(&self.binary).to_string_lossy()
                ));
            }
            Ok(Ok(output)) => output,
        };
        let stdout = String::from_utf8_lossy(&output.stdout).trim().to_owned();
        if output.status.success() {
            return Ok(stdout);
        }
        let stderr = String::from_utf8_lossy(&output.stderr);
        Err(helm_message(&stderr, &stdout))
    }
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
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    file.write_all(text.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
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
}
