//! kubeconfig exec credential plugins (`client.authentication.k8s.io`): run the command,
//! read the token from its `ExecCredential`, and reuse it until it expires.

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

/// The last token a plugin gave, shared by all requests to one cluster.
#[derive(Debug, Default)]
pub(crate) struct ExecCache {
    cached: Mutex<Option<(SecretString, Option<SystemTime>)>>,
}

impl ExecCache {
    /// A token from the cache, or from a fresh run of the plugin.
    pub(crate) async fn token(&self, spec: &ExecSpec) -> Result<SecretString, ClusterError> {
        let mut cached = self.cached.lock().await;
        if let Some((token, expiry)) = cached.as_ref() {
            let fresh = expiry.is_none_or(|e| e > SystemTime::now() + Duration::from_secs(30));
            if fresh {
                return Ok(token.clone());
            }
        }
        let (token, expiry) = run(spec).await?;
        *cached = Some((token.clone(), expiry));
        Ok(token)
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
