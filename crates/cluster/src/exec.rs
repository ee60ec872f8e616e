//! kubeconfig exec credential plugins (`client.authentication.k8s.io`): run the command,
//! read the token from its `ExecCredential`, and reuse it until 30 s before it expires
//! (a token without an expiry for at most [`UNDATED_TOKEN_LIFETIME`]). One run at a time
//! per cluster; requests that find a fresh token never wait for a run.

use std::time::{Duration, SystemTime};

use secrecy::SecretString;
use serde::Deserialize;
use tokio::sync::Mutex;

use crate::ClusterError;
use crate::spec::ExecSpec;

#[derive(Deserialize)]
struct ExecCredential {
    status: Option<ExecStatus>,
}

#[derive(Deserialize)]
struct ExecStatus {
    token: Option<String>,
    #[serde(rename = "expirationTimestamp")]
    expiration: Option<String>,
}

/// How long a token whose `ExecCredential` names no expiry is reused.
pub(crate) const UNDATED_TOKEN_LIFETIME: Duration = Duration::from_secs(300);
/// A token is not used in its last seconds.
const EXPIRY_MARGIN: Duration = Duration::from_secs(30);

/// The last token a plugin gave, shared by all requests to one cluster.
#[derive(Debug, Default)]
pub(crate) struct ExecCache {
    /// The token and until when it is used; locked only to read or replace it.
    cached: std::sync::Mutex<Option<(SecretString, SystemTime)>>,
    /// Held while the plugin runs, so it runs once however many requests need it.
    running: Mutex<()>,
}

impl ExecCache {
    fn fresh(&self, now: SystemTime) -> Option<SecretString> {
        let cached = self
            .cached
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        cached
            .as_ref()
            .filter(|(_, until)| *until > now)
            .map(|(token, _)| token.clone())
    }

    /// A token from the cache, or from a fresh run of the plugin.
    pub(crate) async fn token(&self, spec: &ExecSpec) -> Result<SecretString, ClusterError> {
        if let Some(token) = self.fresh(SystemTime::now()) {
            return Ok(token);
        }
        let _one_run = self.running.lock().await;
        // Another request may have run it while this one waited.
        if let Some(token) = self.fresh(SystemTime::now()) {
            return Ok(token);
        }
        let (token, expiry) = run(spec).await?;
        let now = SystemTime::now();
        let until = match expiry {
            Some(expiry) => expiry.checked_sub(EXPIRY_MARGIN).unwrap_or(now),
            None => now + UNDATED_TOKEN_LIFETIME,
        };
        *self
            .cached
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some((token.clone(), until));
        Ok(token)
    }

    /// Forgets the token, so the next request runs the plugin again.
    #[cfg(test)]
    fn age(&self, by: Duration) {
        let mut cached = self
            .cached
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((_, until)) = cached.as_mut() {
            *until = until.checked_sub(by).unwrap_or(SystemTime::UNIX_EPOCH);
        }
    }
}

async fn run(spec: &ExecSpec) -> Result<(SecretString, Option<SystemTime>), ClusterError> {
    let fail = |reason: String| ClusterError::Exec {
        command: spec.command.clone(),
        reason,
    };
    let api_version = if spec.api_version.is_empty() {
        "client.authentication.k8s.io/v1"
    } else {
        &spec.api_version
    };
    let info = serde_json::json!({
        "apiVersion": api_version,
        "kind": "ExecCredential",
        "spec": {"interactive": false},
    });
    let run = tokio::process::Command::new(&spec.command)
        .args(&spec.args)
        .envs(&spec.env)
        .env("KUBERNETES_EXEC_INFO", info.to_string())
        .current_dir(&spec.dir)
        .stdin(std::process::Stdio::null())
        .kill_on_drop(true)
        .output();
    let out = tokio::time::timeout(Duration::from_secs(30), run)
        .await
        .map_err(|_| fail("did not finish within 30 s".into()))?
        .map_err(|e| fail(e.to_string()))?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        return Err(fail(stderr.trim().chars().take(300).collect()));
    }
    let cred: ExecCredential = serde_json::from_slice(&out.stdout)
        .map_err(|e| fail(format!("output is not an ExecCredential: {e}")))?;
    let status = cred
        .status
        .ok_or_else(|| fail("ExecCredential has no status".into()))?;
    let token = status.token.filter(|t| !t.is_empty()).ok_or_else(|| {
        fail("ExecCredential has no token (client certificates are not supported)".into())
    })?;
    let expiry = status.expiration.as_deref().and_then(parse_rfc3339);
    Ok((SecretString::from(token), expiry))
}

/// Parses `2026-11-28T18:00:00Z` (the form Kubernetes writes) into a time.
fn parse_rfc3339(text: &str) -> Option<SystemTime> {
    let t = text.strip_suffix('Z')?;
    let (date, time) = t.split_once('T')?;
    let mut d = date.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, day) = (d.next()??, d.next()??, d.next()??);
    let mut hms = time.split(':');
    let (h, mi) = (
        hms.next()?.parse::<i64>().ok()?,
        hms.next()?.parse::<i64>().ok()?,
    );
    let s = hms.next()?.split('.').next()?.parse::<i64>().ok()?;
    // Days from civil date (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = u64::try_from(days * 86_400 + h * 3600 + mi * 60 + s).ok()?;
    Some(SystemTime::UNIX_EPOCH + Duration::from_secs(secs))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A plugin that counts its runs in a file and prints a token without an expiry.
    fn counting_plugin(dir: &std::path::Path) -> ExecSpec {
        let script = dir.join("plugin.sh");
        std::fs::write(
            &script,
            "#!/bin/sh\necho run >> runs\nsleep 0.3\nprintf '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"t\"}}'\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755))
            .unwrap_or_else(|e| panic!("{e}"));
        ExecSpec {
            command: script.display().to_string(),
            args: Vec::new(),
            env: std::collections::BTreeMap::new(),
            api_version: String::new(),
            dir: dir.to_owned(),
        }
    }

    #[tokio::test]
    async fn the_plugin_runs_once_for_many_requests_and_again_when_its_token_ages() {
        let dir = std::env::temp_dir().join(format!("lanthorn-exec-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let spec = counting_plugin(&dir);
        let cache = ExecCache::default();
        let runs = || {
            std::fs::read_to_string(dir.join("runs"))
                .unwrap_or_default()
                .lines()
                .count()
        };
        let (a, b, c) = tokio::join!(cache.token(&spec), cache.token(&spec), cache.token(&spec));
        assert!(a.is_ok() && b.is_ok() && c.is_ok());
        assert_eq!(runs(), 1, "concurrent requests share one run");
        assert!(cache.token(&spec).await.is_ok());
        assert_eq!(runs(), 1, "a fresh token is reused");
        // Undated tokens are not kept for ever.
        cache.age(UNDATED_TOKEN_LIFETIME + Duration::from_secs(1));
        assert!(cache.token(&spec).await.is_ok());
        assert_eq!(runs(), 2, "an aged token is fetched again");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn parses_kubernetes_timestamps() {
        let t = parse_rfc3339("2026-11-28T18:00:00Z")
            .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok());
        assert_eq!(t.map(|d| d.as_secs()), Some(1_795_888_800));
        assert_eq!(
            parse_rfc3339("1970-01-01T00:00:00Z"),
            Some(SystemTime::UNIX_EPOCH)
        );
        assert!(parse_rfc3339("yesterday").is_none());
    }
}
