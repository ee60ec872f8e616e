//! One subscription: a watch on the API server, read line by line and forwarded to the
//! browser's socket through a bounded channel (a slow browser slows the read, so nothing
//! piles up in memory).

use bytes::{Buf as _, Bytes, BytesMut};
use http::header::ACCEPT;
use http_body_util::{BodyExt as _, Empty};
use lanthorn_cluster::{ClusterClient, Credential, UpstreamBody};
use serde::Deserialize;
use tokio::sync::mpsc;

use super::Outgoing;
use super::protocol::{self, Subscribe};
use crate::error::ApiError;
use crate::metrics::StreamGuard;

/// The API server ends each watch after this long; the browser then subscribes again,
/// so a signed-out or expired session stops receiving events within this bound.
pub const WATCH_SECONDS: u64 = 300;
/// One watch event larger than this ends the subscription (objects are at most ~1.5 MiB).
const MAX_EVENT_BYTES: usize = 8 * 1024 * 1024;
/// A log line longer than this is cut (a container writing without newlines).
const MAX_LOG_LINE: usize = 1024 * 1024;
/// How much of a refusal's body is read for its message.
const MAX_STATUS_BYTES: usize = 64 * 1024;

/// Why a subscription ended with an error.
#[derive(Debug)]
pub struct Refusal {
    pub status: u16,
    pub reason: String,
    pub message: String,
}

impl From<ApiError> for Refusal {
    fn from(error: ApiError) -> Self {
        Self {
            status: error.status().as_u16(),
            reason: error.reason().to_owned(),
            message: error.message().to_owned(),
        }
    }
}

/// Everything one subscription task needs.
pub struct Watch {
    pub client: std::sync::Arc<ClusterClient>,
    pub credential: Credential,
    pub subscribe: Subscribe,
    pub generation: u64,
    pub out: mpsc::Sender<Outgoing>,
    pub guard: StreamGuard,
}

impl Watch {
    /// Runs the watch to its end and reports how it ended (`ended` or `error`).
    pub async fn run(self) {
        let id = self.subscribe.id.clone();
        let text = match self.forward().await {
            Ok(()) => protocol::ended(&id),
            Err(refusal) => {
                protocol::error(Some(&id), refusal.status, &refusal.reason, &refusal.message)
            }
        };
        let finished = Some((id, self.generation));
        // The socket may be gone already; then nobody is left to tell.
        let _ = self.out.send(Outgoing { text, finished }).await;
        drop(self.guard);
    }

    async fn forward(&self) -> Result<(), Refusal> {
        let request = http::Request::get(self.subscribe.upstream_path(WATCH_SECONDS))
            .header(ACCEPT, self.subscribe.accept())
            .body::<UpstreamBody>(Empty::new().map_err(|never| match never {}).boxed_unsync())
            .map_err(|e| ApiError::bad_request("BadPath", e.to_string()))?;
        let response = self
            .client
            .send(request, &self.credential)
            .await
            .map_err(ApiError::from)?;
        let status = response.status();
        let mut body = response.into_body();
        if !status.is_success() {
            return Err(refusal_from(status.as_u16(), &mut body).await);
        }
        if self.subscribe.logs.is_some() {
            return self.forward_log(body).await;
        }
        let id = &self.subscribe.id;
        let mut lines = Lines::default();
        while let Some(frame) = body.frame().await {
            // A dropped connection ends the watch like a timeout: the browser resumes.
            let Ok(frame) = frame else { return Ok(()) };
            let Ok(data) = frame.into_data() else {
                continue;
            };
            for line in lines.push(&data) {
                if !self.send_line(id, &line).await {
                    return Ok(());
                }
            }
            if lines.pending_len() > MAX_EVENT_BYTES {
                return Err(Refusal {
                    status: 502,
                    reason: "EventTooLarge".into(),
                    message: format!(
                        "a watch event is larger than {} MiB",
                        MAX_EVENT_BYTES / (1024 * 1024)
                    ),
                });
            }
        }
        if let Some(rest) = lines.rest() {
            self.send_line(id, &rest).await;
        }
        Ok(())
    }

    /// A log stream: the lines of each chunk the cluster sends go out as one `log`
    /// message. A line longer than [`MAX_LOG_LINE`] is cut there.
    async fn forward_log(&self, mut body: hyper::body::Incoming) -> Result<(), Refusal> {
        let id = &self.subscribe.id;
        let mut lines = Lines::default();
        while let Some(frame) = body.frame().await {
            let Ok(frame) = frame else { return Ok(()) };
            let Ok(data) = frame.into_data() else {
                continue;
            };
            let mut batch = lines.push(&data);
            if lines.pending_len() > MAX_LOG_LINE {
                batch.extend(lines.rest());
            }
            if !batch.is_empty() && !self.send_log(id, &batch).await {
                return Ok(());
            }
        }
        if let Some(rest) = lines.rest() {
            self.send_log(id, &[rest]).await;
        }
        Ok(())
    }

    /// Sends log lines (newline and carriage return removed); false when the socket is gone.
    async fn send_log(&self, id: &str, lines: &[Bytes]) -> bool {
        let texts: Vec<String> = lines
            .iter()
            .map(|line| {
                let text = String::from_utf8_lossy(line);
                text.trim_end_matches(['\n', '\r']).to_owned()
            })
            .collect();
        self.out
            .send(Outgoing {
                text: protocol::log(id, &texts),
                finished: None,
            })
            .await
            .is_ok()
    }

    /// Forwards one line; false when the socket is gone.
    async fn send_line(&self, id: &str, line: &[u8]) -> bool {
        let Ok(text) = std::str::from_utf8(line) else {
            return true;
        };
        let text = text.trim();
        if text.is_empty() {
            return true;
        }
        self.out
            .send(Outgoing {
                text: protocol::event(id, text),
                finished: None,
            })
            .await
            .is_ok()
    }
}

#[derive(Deserialize)]
struct Status {
    reason: Option<String>,
    message: Option<String>,
}

/// The cluster's own Status (reason and message) for a refused watch.
async fn refusal_from(status: u16, body: &mut hyper::body::Incoming) -> Refusal {
    let mut bytes = BytesMut::new();
    while bytes.len() < MAX_STATUS_BYTES {
        match body.frame().await {
            Some(Ok(frame)) => {
                if let Ok(mut data) = frame.into_data() {
                    let take = data.remaining().min(MAX_STATUS_BYTES - bytes.len());
                    bytes.extend_from_slice(&data.split_to(take));
                }
            }
            _ => break,
        }
    }
    let parsed: Option<Status> = serde_json::from_slice(&bytes).ok();
    let (reason, message) = parsed.map_or((None, None), |s| (s.reason, s.message));
    Refusal {
        status,
        reason: reason.unwrap_or_else(|| "Error".into()),
        message: message
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| format!("the cluster answered {status}")),
    }
}

/// Splits a byte stream into newline-terminated lines, across chunks.
#[derive(Default)]
struct Lines {
    pending: BytesMut,
    /// Bytes of `pending` already known to hold no newline.
    scanned: usize,
}

impl Lines {
    /// Adds a chunk; the lines it completes (with their newline).
    fn push(&mut self, data: &[u8]) -> Vec<Bytes> {
        self.pending.extend_from_slice(data);
        let mut complete = Vec::new();
        while let Some(offset) = self.pending[self.scanned..]
            .iter()
            .position(|b| *b == b'\n')
        {
            complete.push(self.pending.split_to(self.scanned + offset + 1).freeze());
            self.scanned = 0;
        }
        self.scanned = self.pending.len();
        complete
    }

    fn pending_len(&self) -> usize {
        self.pending.len()
    }

    /// What is left without a newline, if anything.
    fn rest(&mut self) -> Option<Bytes> {
        self.scanned = 0;
        (!self.pending.is_empty()).then(|| self.pending.split().freeze())
    }
}

#[cfg(test)]
mod tests {
    use super::Lines;

    #[test]
    fn lines_are_split_across_chunks() {
        let mut lines = Lines::default();
        assert!(lines.push(b"ab").is_empty());
        let got = lines.push(b"c\nde\nf");
        assert_eq!(got, [&b"abc\n"[..], &b"de\n"[..]]);
        assert_eq!(lines.pending_len(), 1);
        assert_eq!(lines.rest().as_deref(), Some(&b"f"[..]));
        assert_eq!(lines.rest(), None);
    }
}
