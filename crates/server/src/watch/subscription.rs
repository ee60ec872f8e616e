//! One subscription: a watch on the API server, read line by line and forwarded to the
//! browser's socket through a bounded channel (a slow browser slows the read, so nothing
//! piles up in memory).

use bytes::{Buf as _, BytesMut};
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
        let id = &self.subscribe.id;
        let mut pending = BytesMut::new();
        // Bytes of `pending` already known to hold no newline.
        let mut scanned = 0;
        while let Some(frame) = body.frame().await {
            // A dropped connection ends the watch like a timeout: the browser resumes.
            let Ok(frame) = frame else { return Ok(()) };
            let Ok(data) = frame.into_data() else {
                continue;
            };
            pending.extend_from_slice(&data);
            while let Some(offset) = pending[scanned..].iter().position(|b| *b == b'\n') {
                let line = pending.split_to(scanned + offset + 1);
                scanned = 0;
                if !self.send_line(id, &line).await {
                    return Ok(());
                }
            }
            scanned = pending.len();
            if pending.len() > MAX_EVENT_BYTES {
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
        if !pending.is_empty() {
            self.send_line(id, &pending).await;
        }
        Ok(())
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
