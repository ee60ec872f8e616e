//! The audit log: one JSON line per sign-in, sign-out, failed sign-in, session end,
//! mutating request (allowed or not) and refusal Lanthorn makes on its own authority.
//! It never holds a token or a cookie: only who, what, where and the outcome. Lines are
//! written by a thread of their own, so a slow disk never stalls the async runtime.

use std::io::Write;
use std::sync::mpsc;
use std::time::SystemTime;

use lanthorn_config::AuditTarget;
use serde::Serialize;

/// Where audit lines go: a channel to the writer thread.
#[derive(Clone)]
pub struct AuditLog {
    lines: mpsc::Sender<String>,
}

impl std::fmt::Debug for AuditLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AuditLog")
    }
}

/// One audit event.
#[derive(Debug, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct AuditEvent<'a> {
    /// `sign-in`, `sign-in-failed`, `sign-out`, `session-ended`, `request`, `refused`.
    pub event: &'a str,
    /// Who, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<&'a str>,
    /// Their groups.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub groups: &'a [String],
    /// Which credential the request carried (`session`, `bearerHeader`, `kubeconfig`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credential: Option<&'a str>,
    /// The cluster.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster: Option<&'a str>,
    /// `create`, `update`, `patch`, `delete`, …
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verb: Option<&'a str>,
    /// API group (empty for the core group).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<&'a str>,
    /// Resource, with subresource as `pods/exec`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<&'a str>,
    /// Namespace.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<&'a str>,
    /// Object name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<&'a str>,
    /// The request path (never its query), for refusals.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<&'a str>,
    /// HTTP status of the outcome.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// The API server's `Audit-Id`, to join with the cluster's own audit log.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub audit_id: Option<&'a str>,
    /// Why a sign-in failed or a request was refused.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'a str>,
    /// The first characters of the session's store-key digest (never the id), to join
    /// a session's events.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session: Option<&'a str>,
    /// The client's address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remote: Option<&'a str>,
}

#[derive(Serialize)]
struct Line<'a> {
    time: String,
    #[serde(flatten)]
    event: &'a AuditEvent<'a>,
}

impl AuditLog {
    /// Opens the target (a file is appended to and created with mode 0600).
    pub fn open(target: &AuditTarget) -> std::io::Result<Self> {
        let out: Box<dyn Write + Send> = match target {
            AuditTarget::Stdout => Box::new(std::io::stdout()),
            AuditTarget::File(path) => {
                let mut options = std::fs::OpenOptions::new();
                options.create(true).append(true);
                #[cfg(unix)]
                std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
                Box::new(options.open(path)?)
            }
        };
        let (lines, received) = mpsc::channel::<String>();
        std::thread::Builder::new()
            .name("audit-log".into())
            .spawn(move || write_lines(out, &received))?;
        Ok(Self { lines })
    }

    /// Writes one line. A failing write is logged, never fatal to the request.
    pub fn record(&self, event: &AuditEvent<'_>) {
        let line = Line {
            time: rfc3339(SystemTime::now()),
            event,
        };
        let mut text = match serde_json::to_string(&line) {
            Ok(text) => text,
            Err(error) => return tracing::error!(%error, "audit event not serialisable"),
        };
        text.push('\n');
        if self.lines.send(text).is_err() {
            tracing::error!("audit log writer has stopped; event lost");
        }
    }
}

/// The writer thread: every line as it comes, flushed, until every sender is gone.
fn write_lines(mut out: Box<dyn Write + Send>, lines: &mpsc::Receiver<String>) {
    while let Ok(line) = lines.recv() {
        if let Err(error) = out.write_all(line.as_bytes()).and_then(|()| out.flush()) {
            tracing::error!(%error, "audit log write failed");
        }
    }
}

/// `2026-11-29T03:30:00.123Z`.
pub fn rfc3339(time: SystemTime) -> String {
    let since = time
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or_default();
    let secs = since.as_secs();
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(i64::try_from(days).unwrap_or(0));
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        since.subsec_millis()
    )
}

/// Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let m = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn formats_times_as_rfc3339_utc() {
        let t = SystemTime::UNIX_EPOCH + Duration::from_millis(1_795_888_800_250);
        assert_eq!(rfc3339(t), "2026-11-28T18:00:00.250Z");
        assert_eq!(rfc3339(SystemTime::UNIX_EPOCH), "1970-01-01T00:00:00.000Z");
        let leap = SystemTime::UNIX_EPOCH + Duration::from_secs(951_782_400);
        assert_eq!(rfc3339(leap), "2000-02-29T00:00:00.000Z");
    }
}
