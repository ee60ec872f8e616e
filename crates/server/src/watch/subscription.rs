//! One subscription: a watch on the API server (or a container's log), read line by line,
//! each line checked and framed ([`protocol::event`], [`protocol::log`]) and queued for
//! the browser's socket. Every byte it holds — its partial line and its queued frames — is
//! charged to the socket's [`Budget`] first; when the browser reads so slowly that no room
//! comes within [`Outbox::patience`], the subscription ends (`410 SlowClient`: the browser
//! lists again, or resumes its log) rather than buffering more.

use std::time::Duration;

use bytes::{Buf as _, Bytes, BytesMut};
use http::header::ACCEPT;
use http_body_util::{BodyExt as _, Empty};
use hyper::body::Body;
use lanthorn_cluster::{ClusterClient, Credential, UpstreamBody};
use serde::Deserialize;

use super::Outbox;
use super::budget::Charge;
use super::protocol::{self, Subscribe};
use crate::error::{ApiError, Reason};
use crate::metrics::StreamGuard;

/// The API server ends each watch after this long; the browser then subscribes again,
/// re-checked, so no watch outlives a session by more than this.
pub const WATCH_SECONDS: u64 = 300;
/// A log subscription ends after this long too (`ended` with `resume`: the browser reads
/// on from where it stopped, re-checked).
pub const LOG_LIMIT: Duration = Duration::from_secs(300);
/// Lanthorn ends a watch itself this long after the API server should have.
pub const WATCH_GRACE: Duration = Duration::from_secs(30);
/// One watch event larger than this ends the subscription (objects are at most ~1.5 MiB;
/// with its partial line and its frame, one subscription then fits the socket's budget).
const MAX_EVENT_BYTES: usize = 3 * 1024 * 1024;
/// A log line longer than this is cut (a container writing without newlines).
const MAX_LOG_LINE: usize = 1024 * 1024;
/// How much of a refusal's body is read for its message.
const MAX_STATUS_BYTES: usize = 64 * 1024;
/// The partial-line buffer is given back above this size once it is empty.
const KEEP_BUFFER: usize = 64 * 1024;

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

/// How a subscription ended.
#[derive(Debug)]
pub enum End {
    /// The cluster closed it (or the connection dropped): `ended`.
    Finished,
    /// Lanthorn's time limit: `ended` (a log with `resume`).
    TimeLimit,
    /// `error`.
    Failed(Refusal),
    /// The socket is gone; nobody is left to tell.
    Gone,
}

impl End {
    pub(super) fn slow(limit: usize) -> Self {
        Self::Failed(Refusal {
            status: 410,
            reason: Reason::SlowClient.as_str().into(),
            message: format!(
                "the browser read this socket too slowly ({} MiB were waiting), so this \
                 subscription was ended; list again and subscribe anew",
                limit / (1024 * 1024)
            ),
        })
    }
}

/// Everything one subscription task needs.
pub struct Watch {
    pub client: std::sync::Arc<ClusterClient>,
    pub credential: Credential,
    pub subscribe: Subscribe,
    pub generation: u64,
    pub out: Outbox,
    pub guard: StreamGuard,
    /// When it ends at the latest: Lanthorn's cap, or sooner when the session or the
    /// token it uses ends sooner.
    pub limit: Duration,
}

impl Watch {
    /// Runs the watch to its end and reports how it ended (`ended` or `error`).
    pub async fn run(self) {
        let end = match tokio::time::timeout(self.limit, self.forward()).await {
            Ok(end) => end,
            Err(_) => End::TimeLimit,
        };
        let id = self.subscribe.id.clone();
        let logs = self.subscribe.logs.is_some();
        self.out.finish(&id, self.generation, end, logs);
        drop(self.guard);
    }

    async fn forward(&self) -> End {
        let request = match http::Request::get(self.subscribe.upstream_path(WATCH_SECONDS))
            .header(ACCEPT, self.subscribe.accept())
            .body::<UpstreamBody>(Empty::new().map_err(|never| match never {}).boxed_unsync())
        {
            Ok(request) => request,
            Err(e) => {
                return End::Failed(ApiError::bad_request(Reason::BadPath, e.to_string()).into());
            }
        };
        let response = match self.client.send(request, &self.credential).await {
            Ok(response) => response,
            Err(error) => return End::Failed(ApiError::from(error).into()),
        };
        let status = response.status();
        let mut body = response.into_body();
        if !status.is_success() {
            return End::Failed(refusal_from(status.as_u16(), &mut body).await);
        }
        let logs = self.subscribe.logs.is_some();
        pump(&self.out, &self.subscribe.id, logs, body).await
    }
}

/// Reads `body` to its end, forwarding its lines as `id`'s events (or log lines).
pub async fn pump<B>(out: &Outbox, id: &str, logs: bool, mut body: B) -> End
where
    B: Body<Data = Bytes> + Unpin,
{
    let mut lines = Lines::new(out);
    while let Some(frame) = body.frame().await {
        // A dropped connection ends the watch like a timeout: the browser resumes.
        let Ok(frame) = frame else {
            return End::Finished;
        };
        let Ok(data) = frame.into_data() else {
            continue;
        };
        if !lines.push(&data, out.patience).await {
            return End::slow(out.budget.limit());
        }
        if logs {
            let mut batch: Vec<String> = lines.complete().map(log_text).collect();
            lines.consume();
            if lines.partial_len() > MAX_LOG_LINE {
                batch.push(log_text(&lines.take_partial()));
            }
            if let Some(end) = send_log(out, id, &batch).await {
                return end;
            }
        } else {
            for line in lines.complete() {
                let Some(text) = line_text(line) else {
                    continue;
                };
                match protocol::event(id, text) {
                    Ok(frame) => {
                        if let Some(end) = out.send(frame).await {
                            return end;
                        }
                    }
                    Err(message) => return bad_upstream(message),
                }
            }
            lines.consume();
            if lines.partial_len() > MAX_EVENT_BYTES {
                return End::Failed(Refusal {
                    status: 502,
                    reason: Reason::EventTooLarge.as_str().into(),
                    message: format!(
                        "a watch event is larger than {} MiB",
                        MAX_EVENT_BYTES / (1024 * 1024)
                    ),
                });
            }
        }
        lines.trim();
    }
    let rest = lines.take_partial();
    if logs {
        if let Some(end) = send_log(out, id, &[log_text(&rest)]).await {
            return end;
        }
    } else if let Some(text) = line_text(&rest) {
        // A watch cut mid-line ended anyway; only a whole last event is passed on.
        if let Ok(frame) = protocol::event(id, text)
            && let Some(end) = out.send(frame).await
        {
            return end;
        }
    }
    End::Finished
}

fn bad_upstream(message: String) -> End {
    End::Failed(Refusal {
        status: 502,
        reason: Reason::BadWatchEvent.as_str().into(),
        message,
    })
}

/// A watch line as text, without its newline; `None` for an empty line or one that is not
/// UTF-8 (never JSON either).
fn line_text(line: &[u8]) -> Option<&str> {
    let text = std::str::from_utf8(line).ok()?.trim();
    (!text.is_empty()).then_some(text)
}

/// A log line as text, newline and carriage return removed (invalid UTF-8 replaced).
fn log_text(line: &[u8]) -> String {
    String::from_utf8_lossy(line)
        .trim_end_matches(['\n', '\r'])
        .to_owned()
}

/// Sends log lines as one message, if there are any.
async fn send_log(out: &Outbox, id: &str, lines: &[String]) -> Option<End> {
    if lines.is_empty() || (lines.len() == 1 && lines[0].is_empty()) {
        return None;
    }
    out.send(protocol::log(id, lines)).await
}

#[derive(Deserialize)]
struct Status {
    reason: Option<String>,
    message: Option<String>,
}

/// The cluster's own Status (reason and message) for a refused watch.
async fn refusal_from(status: u16, body: &mut lanthorn_cluster::UpstreamBody) -> Refusal {
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

/// The bytes read but not yet forwarded: whole lines (up to the last newline) and the
/// partial line after them. Its buffer is charged to the socket's budget as it grows.
struct Lines {
    pending: Vec<u8>,
    /// `pending[..complete]` holds whole lines.
    complete: usize,
    charge: Charge,
}

impl Lines {
    fn new(out: &Outbox) -> Self {
        Self {
            pending: Vec::new(),
            complete: 0,
            charge: Charge::empty(&out.budget),
        }
    }

    /// Adds a chunk once its room is charged (the buffer grows by half, not doubling, so
    /// the charge stays close to what is held); false when no room came in time.
    async fn push(&mut self, data: &[u8], patience: Duration) -> bool {
        let needed = self.pending.len() + data.len();
        if needed > self.pending.capacity() {
            let grown = needed.max(self.pending.capacity() + self.pending.capacity() / 2);
            if !self.charge.resize(grown, patience).await {
                return false;
            }
            self.pending.reserve_exact(grown - self.pending.len());
        }
        let before = self.pending.len();
        self.pending.extend_from_slice(data);
        if let Some(last) = data.iter().rposition(|b| *b == b'\n') {
            self.complete = before + last + 1;
        }
        true
    }

    /// The whole lines, each with its newline.
    fn complete(&self) -> impl Iterator<Item = &[u8]> {
        self.pending[..self.complete].split_inclusive(|b| *b == b'\n')
    }

    /// Forgets the whole lines.
    fn consume(&mut self) {
        self.pending.drain(..self.complete);
        self.complete = 0;
    }

    fn partial_len(&self) -> usize {
        self.pending.len() - self.complete
    }

    /// Takes the partial line (and forgets the whole lines before it).
    fn take_partial(&mut self) -> Vec<u8> {
        self.consume();
        std::mem::take(&mut self.pending)
    }

    /// Gives a large buffer back once it is mostly unused, and the charge follows.
    fn trim(&mut self) {
        if self.pending.capacity() > KEEP_BUFFER && self.pending.len() < self.pending.capacity() / 4
        {
            self.pending
                .shrink_to(self.pending.len().max(KEEP_BUFFER / 4));
        }
        self.charge.shrink_to(self.pending.capacity());
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use http_body_util::StreamBody;
    use hyper::body::Frame;
    use tokio::sync::mpsc;

    use super::super::budget::Budget;
    use super::super::{Done, Outgoing};
    use super::*;

    type Chunks = mpsc::UnboundedSender<Result<Frame<Bytes>, std::io::Error>>;

    /// A body fed by the test, an outbox on a budget of `limit` bytes, and its queue.
    fn fixture(
        limit: usize,
    ) -> (
        Chunks,
        impl Body<Data = Bytes, Error = std::io::Error> + Unpin,
        Outbox,
        mpsc::UnboundedReceiver<Outgoing>,
        Arc<Budget>,
    ) {
        let (chunks, rx) = mpsc::unbounded_channel();
        let body = StreamBody::new(tokio_stream_from(rx));
        let budget = Budget::new(limit);
        let (out, queue) = mpsc::unbounded_channel();
        let (done, _) = mpsc::unbounded_channel::<Done>();
        let outbox = Outbox {
            out,
            done,
            budget: budget.clone(),
            patience: Duration::from_millis(100),
        };
        (chunks, body, outbox, queue, budget)
    }

    fn tokio_stream_from<T: Send + 'static>(
        rx: mpsc::UnboundedReceiver<T>,
    ) -> impl futures_util::Stream<Item = T> + Unpin {
        Box::pin(futures_util::stream::unfold(rx, |mut rx| async move {
            rx.recv().await.map(|item| (item, rx))
        }))
    }

    fn chunk(chunks: &Chunks, data: &str) {
        let _ = chunks.send(Ok(Frame::data(Bytes::from(data.to_owned()))));
    }

    fn texts(queue: &mut mpsc::UnboundedReceiver<Outgoing>) -> Vec<serde_json::Value> {
        let mut out = Vec::new();
        while let Ok(Outgoing::Text { text, .. }) = queue.try_recv() {
            out.push(serde_json::from_str(&text).unwrap_or_default());
        }
        out
    }

    #[tokio::test]
    async fn events_are_split_across_chunks_and_framed_with_their_id() {
        let (chunks, body, out, mut queue, _) = fixture(1 << 20);
        chunk(&chunks, r#"{"type":"ADDED","object":{"a":"#);
        chunk(
            &chunks,
            "1}}\n{\"type\":\"DELETED\",\"object\":{}}\n{\"type\":\"MOD",
        );
        chunk(&chunks, "IFIED\",\"object\":{}}");
        drop(chunks);
        let end = pump(&out, "s1", false, body).await;
        assert!(matches!(end, End::Finished), "{end:?}");
        let got = texts(&mut queue);
        let kinds: Vec<_> = got.iter().map(|m| m["event"]["type"].clone()).collect();
        assert_eq!(kinds, ["ADDED", "DELETED", "MODIFIED"]);
        assert!(got.iter().all(|m| m["id"] == "s1" && m["type"] == "event"));
        assert_eq!(got[0]["event"]["object"]["a"], 1);
    }

    #[tokio::test]
    async fn a_forged_line_ends_its_own_subscription_and_speaks_for_no_other() {
        let (chunks, body, out, mut queue, _) = fixture(1 << 20);
        chunk(&chunks, "{\"type\":\"ADDED\",\"object\":{}}\n");
        chunk(
            &chunks,
            "{\"type\":\"ADDED\",\"object\":{}},\"id\":\"victim\",\"event\":{\"type\":\"DELETED\",\"object\":{}}\n",
        );
        chunk(&chunks, "{\"type\":\"ADDED\",\"object\":{}}\n");
        let end = pump(&out, "mine", false, body).await;
        let End::Failed(refusal) = end else {
            panic!("a forged line was accepted: {end:?}");
        };
        assert_eq!(
            (refusal.status, refusal.reason.as_str()),
            (502, "BadWatchEvent")
        );
        let got = texts(&mut queue);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got.iter().all(|m| m["id"] == "mine"), "{got:?}");
        drop(chunks);
    }

    #[tokio::test]
    async fn non_json_from_a_backend_is_never_forwarded() {
        let (chunks, body, out, mut queue, _) = fixture(1 << 20);
        chunk(&chunks, "<html>hello</html>\n");
        let end = pump(&out, "mine", false, body).await;
        assert!(
            matches!(end, End::Failed(ref r) if r.reason == "BadWatchEvent"),
            "{end:?}"
        );
        assert!(texts(&mut queue).is_empty());
        drop(chunks);
    }

    #[tokio::test]
    async fn a_slow_browser_ends_the_subscription_within_the_budget() {
        let limit = 64 * 1024;
        let (chunks, body, out, mut queue, budget) = fixture(limit);
        let object = "x".repeat(1000);
        let line = format!("{{\"type\":\"ADDED\",\"object\":{{\"f\":\"{object}\"}}}}\n");
        for _ in 0..500 {
            chunk(&chunks, &line);
        }
        // Nobody writes to the browser: the queue keeps every frame.
        let end = pump(&out, "slow", false, body).await;
        let End::Failed(refusal) = end else {
            panic!("a slow browser did not end the watch: {end:?}");
        };
        assert_eq!(
            (refusal.status, refusal.reason.as_str()),
            (410, "SlowClient")
        );
        assert!(budget.used() <= limit, "{} charged", budget.used());
        let queued = texts(&mut queue);
        assert!(!queued.is_empty() && queued.len() < 100, "{}", queued.len());
        // Writing the frames gives their bytes back.
        assert_eq!(budget.used(), 0);
        drop(chunks);
    }

    #[tokio::test]
    async fn a_huge_line_is_charged_and_refused() {
        let (chunks, body, out, _queue, budget) = fixture(8 * 1024 * 1024);
        let piece = "y".repeat(64 * 1024);
        for _ in 0..(MAX_EVENT_BYTES / piece.len() + 2) {
            chunk(&chunks, &piece);
        }
        let end = pump(&out, "big", false, body).await;
        assert!(
            matches!(end, End::Failed(ref r) if r.reason == "EventTooLarge"),
            "{end:?}"
        );
        assert_eq!(
            budget.used(),
            0,
            "the partial line's charge was not given back"
        );
        drop(chunks);
    }

    #[tokio::test]
    async fn log_lines_are_json_strings_and_long_ones_are_cut() {
        let (chunks, body, out, mut queue, _) = fixture(8 * 1024 * 1024);
        chunk(&chunks, "one\r\ntwo \"quoted\" {\"id\":\"victim\"}\nthr");
        chunk(&chunks, "ee");
        drop(chunks);
        let end = pump(&out, "l", true, body).await;
        assert!(matches!(end, End::Finished), "{end:?}");
        let got = texts(&mut queue);
        assert!(got.iter().all(|m| m["id"] == "l" && m["type"] == "log"));
        let lines: Vec<_> = got
            .iter()
            .flat_map(|m| m["lines"].as_array().cloned().unwrap_or_default())
            .collect();
        assert_eq!(
            lines,
            ["one", "two \"quoted\" {\"id\":\"victim\"}", "three"]
        );

        let (chunks, body, out, mut queue, _) = fixture(8 * 1024 * 1024);
        let long = "z".repeat(MAX_LOG_LINE + 10);
        chunk(&chunks, &long);
        chunk(&chunks, "\n");
        drop(chunks);
        pump(&out, "l", true, body).await;
        let sizes: Vec<usize> = texts(&mut queue)
            .iter()
            .flat_map(|m| m["lines"].as_array().cloned().unwrap_or_default())
            .map(|l| l.as_str().map_or(0, str::len))
            .collect();
        assert_eq!(sizes.iter().sum::<usize>(), MAX_LOG_LINE + 10);
        assert!(
            sizes.iter().all(|s| *s <= MAX_LOG_LINE + 64 * 1024),
            "{sizes:?}"
        );
    }

    #[tokio::test]
    async fn the_outbox_ends_how_each_subscription_ended() {
        let (_chunks, _body, out, mut queue, _) = fixture(1 << 20);
        out.finish("w", 1, End::TimeLimit, false);
        out.finish("l", 2, End::TimeLimit, true);
        out.finish("f", 3, End::Finished, true);
        out.finish("s", 4, End::slow(8 << 20), false);
        out.finish("g", 5, End::Gone, false);
        let got = texts(&mut queue);
        assert_eq!(got.len(), 4, "{got:?}");
        assert_eq!(got[0], serde_json::json!({"type": "ended", "id": "w"}));
        assert_eq!(
            got[1],
            serde_json::json!({"type": "ended", "id": "l", "resume": true})
        );
        assert_eq!(got[2], serde_json::json!({"type": "ended", "id": "f"}));
        assert_eq!(
            (got[3]["status"].as_u64(), got[3]["reason"].as_str()),
            (Some(410), Some("SlowClient"))
        );
    }
}
