//! `GET /watch`: the watch multiplexer. One WebSocket per browser tab carries every live
//! list of that tab; each `subscribe` opens one watch (or log read) on a cluster with the
//! caller's credential (the same resolver as the proxy), each `unsubscribe` closes it. See
//! [`protocol`] for the messages and `docs/server.md` for the limits.
//!
//! A socket is bound to the session it was opened with. Every `subscribe` looks that
//! session up again, and so does a check every few seconds: once it has ended (sign-out,
//! TTL, idle timeout, a failed refresh, or a new sign-in that replaced it), every
//! subscription is ended (`401 SessionEnded`) and the socket closes (code 4001); nothing
//! is ever watched with another identity in its place. The browser connects again with
//! whatever cookie it has then.
//!
//! Memory is bounded per socket in bytes ([`SOCKET_BUDGET`], see [`budget`]), sockets per
//! session ([`sockets::MAX_SOCKETS`]) and subscriptions per socket
//! ([`MAX_SUBSCRIPTIONS`]).

mod budget;
pub mod protocol;
mod sockets;
pub use sockets::MAX_SOCKETS;
mod subscription;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Extension;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::{ConnectInfo, State};
use axum::response::Response;
use futures_util::stream::SplitSink;
use futures_util::{SinkExt as _, StreamExt as _};
use http::header::SET_COOKIE;
use http::{HeaderMap, StatusCode};
use tokio::sync::mpsc;
use tokio::task::AbortHandle;
use tokio::time::MissedTickBehavior;

use crate::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, Reason};
use crate::on_cluster::OnCluster;
use crate::proxy::path;
use budget::{Budget, Charge};
use protocol::{ClientMessage, Subscribe};
use subscription::{End, Refusal, Watch};

/// Subscriptions one socket may hold at once.
const MAX_SUBSCRIPTIONS: usize = 100;
/// Largest message accepted from the browser.
const MAX_MESSAGE_BYTES: usize = 64 * 1024;
/// Bytes one socket may hold for its browser: frames not yet written and partial lines.
pub const SOCKET_BUDGET: usize = 8 * 1024 * 1024;
/// How long a subscription waits for room in the budget before it is ended as too slow;
/// also how long the socket stops reading the browser's messages while the budget is spent.
const PATIENCE: Duration = Duration::from_secs(5);
/// A frame the browser does not take within this long closes the socket.
const SEND_TIMEOUT: Duration = Duration::from_secs(30);
/// Keeps idle sockets alive through proxies and notices dead browsers.
const PING_EVERY: Duration = Duration::from_secs(30);
/// How often a socket with subscriptions looks its session up again.
const RECHECK_EVERY: Duration = Duration::from_secs(5);
/// Session store failures in a row (one a check) before the socket is closed.
const STORE_FAILURES: u32 = 3;
/// The close code when the socket's session has ended (private-use range).
pub const CLOSE_SESSION_ENDED: u16 = 4001;
/// The close code when the session store stopped answering.
const CLOSE_STORE_UNAVAILABLE: u16 = 1011;

/// A subscription that ended by itself: its id and generation.
type Done = (String, u64);

/// What the writer sends to the browser.
#[derive(Debug)]
pub enum Outgoing {
    /// A frame, with the bytes it holds charged to the socket's budget until written.
    Text { text: String, _charge: Charge },
    /// The last frame: the socket closes.
    Close { code: u16, reason: &'static str },
}

/// Where a subscription's frames go: the writer's queue (every frame charged to the
/// socket's budget first) and the socket's notice that a subscription ended.
#[derive(Clone, Debug)]
pub struct Outbox {
    out: mpsc::UnboundedSender<Outgoing>,
    done: mpsc::UnboundedSender<Done>,
    budget: Arc<Budget>,
    /// How long a frame waits for room before its subscription is ended as too slow.
    patience: Duration,
}

impl Outbox {
    /// Queues a frame once its bytes fit the budget; `Some` when the subscription must end
    /// instead (the browser is too slow, or the socket is gone).
    async fn send(&self, text: String) -> Option<End> {
        let Some(charge) = Charge::take(&self.budget, text.len(), self.patience).await else {
            return Some(End::slow(self.budget.limit()));
        };
        self.out
            .send(Outgoing::Text {
                text,
                _charge: charge,
            })
            .err()
            .map(|_| End::Gone)
    }

    /// Queues one of the few small frames the browser must get (replies to its messages,
    /// how a subscription ended), charged even past the limit: each is at most
    /// [`protocol::MAX_NOTICE`] bytes, and the socket reads no message from the browser
    /// while its budget is spent, so they are bounded too.
    fn notice(&self, text: String) {
        debug_assert!(text.len() <= protocol::MAX_NOTICE, "{text}");
        let charge = Charge::forced(&self.budget, text.len());
        let _ = self.out.send(Outgoing::Text {
            text,
            _charge: charge,
        });
    }

    /// Reports how a subscription ended: first to the socket (which forgets it before the
    /// browser can reuse its id), then to the browser.
    fn finish(&self, id: &str, generation: u64, end: End, logs: bool) {
        let _ = self.done.send((id.to_owned(), generation));
        let text = match end {
            End::Finished => protocol::ended(id, false),
            End::TimeLimit => protocol::ended(id, logs),
            End::Failed(refusal) => {
                protocol::error(Some(id), refusal.status, &refusal.reason, &refusal.message)
            }
            End::Gone => return,
        };
        self.notice(text);
    }

    fn close(&self, code: u16, reason: &'static str) {
        let _ = self.out.send(Outgoing::Close { code, reason });
    }
}

/// Upgrades to the multiplexer. Cross-origin upgrades were already refused (`security`).
/// The socket counts against its session (or bearer token, or address) and is refused
/// with 429 past [`sockets::MAX_SOCKETS`].
pub async fn handle(
    State(state): State<AppState>,
    address: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Result<Response, ApiError> {
    let caller = Caller::identify(&state, &headers).await?;
    let address = address.map(|Extension(ConnectInfo(address))| address.ip());
    let Some(place) = state.watch_sockets.take(sockets::holder(&caller, address)) else {
        return Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            Reason::TooManySockets,
            format!(
                "one session has at most {} watch sockets open at once (one a browser tab); \
                 close another tab of Lanthorn",
                sockets::MAX_SOCKETS
            ),
        ));
    };
    let bound = caller
        .session
        .as_ref()
        .map(|s| s.id.store_key().digest().to_owned());
    let mut response = upgrade
        .max_message_size(MAX_MESSAGE_BYTES)
        .on_upgrade(move |socket| serve(state, headers, bound, place, socket));
    if caller.stale_cookie {
        response
            .headers_mut()
            .append(SET_COOKIE, crate::cookie::clear(caller.secure));
    }
    Ok(response)
}

/// One open subscription.
#[derive(Debug)]
struct Open {
    generation: u64,
    task: AbortHandle,
    cluster: String,
    /// The session's user it watches as, when it uses the session's sign-in.
    signed_in_as: Option<String>,
}

/// Why a socket closes with a message to each subscription.
#[derive(Debug)]
struct Closing {
    code: u16,
    close_reason: &'static str,
    status: u16,
    reason: &'static str,
    message: String,
}

impl Closing {
    fn session_ended(message: String) -> Self {
        Self {
            code: CLOSE_SESSION_ENDED,
            close_reason: "session ended",
            status: 401,
            reason: Reason::SessionEnded.as_str(),
            message,
        }
    }

    fn store_unavailable(error: &ApiError) -> Self {
        Self {
            code: CLOSE_STORE_UNAVAILABLE,
            close_reason: "session store unavailable",
            status: error.status().as_u16(),
            reason: Reason::SessionStoreUnavailable.as_str(),
            message: error.message().to_owned(),
        }
    }
}

/// Why a subscription was not opened.
enum Refused {
    /// It alone is refused.
    One(Refusal),
    /// The socket's session has ended: so does the socket.
    Socket(Closing),
}

impl From<ApiError> for Refused {
    fn from(error: ApiError) -> Self {
        Self::One(error.into())
    }
}

/// The subscriptions of one socket.
struct Socket {
    state: AppState,
    /// The upgrade request's headers: the caller is identified again on each subscribe
    /// and each check.
    headers: HeaderMap,
    /// The session the socket was opened with (its store-key digest), if any.
    bound: Option<String>,
    open: HashMap<String, Open>,
    generation: u64,
    outbox: Outbox,
    store_failures: u32,
}

async fn serve(
    state: AppState,
    headers: HeaderMap,
    bound: Option<String>,
    place: crate::caps::Slot,
    socket: WebSocket,
) {
    let _open = state.metrics.stream_opened();
    let _place = place;
    let (sink, mut stream) = socket.split();
    let (out, queue) = mpsc::unbounded_channel();
    let (done, mut finished) = mpsc::unbounded_channel::<Done>();
    let mut writer = tokio::spawn(write(sink, queue));
    let mut socket = Socket {
        state,
        headers,
        bound,
        open: HashMap::new(),
        generation: 0,
        outbox: Outbox {
            out,
            done,
            budget: Budget::new(SOCKET_BUDGET),
            patience: PATIENCE,
        },
        store_failures: 0,
    };
    let mut recheck = tokio::time::interval(RECHECK_EVERY);
    recheck.set_missed_tick_behavior(MissedTickBehavior::Delay);
    recheck.tick().await;
    let closing = loop {
        tokio::select! {
            biased;
            Some((id, generation)) = finished.recv() => socket.forget(&id, generation),
            // The browser is gone, or took no frame for too long.
            _ = &mut writer => {
                socket.close_all();
                return;
            }
            _ = recheck.tick() => {
                if let Err(closing) = socket.recheck().await {
                    break closing;
                }
            }
            incoming = stream.next() => match incoming {
                Some(Ok(Message::Text(text))) => {
                    // A browser that reads nothing is not read from either.
                    if !socket.outbox.budget.wait_for_room(PATIENCE).await {
                        socket.close_all();
                        writer.abort();
                        return;
                    }
                    if let Err(closing) = socket.receive(text.as_str()).await {
                        break closing;
                    }
                }
                Some(Ok(Message::Binary(_))) => socket.outbox.notice(protocol::error(
                    None, 400, Reason::BadRequest.as_str(), "messages are JSON text frames",
                )),
                Some(Ok(Message::Close(_)) | Err(_)) | None => {
                    socket.close_all();
                    writer.abort();
                    return;
                }
                Some(Ok(_)) => {}
            }
        }
    };
    socket.end_all(&closing);
    socket.outbox.close(closing.code, closing.close_reason);
    drop(socket);
    // The writer sends what is queued, then the close frame.
    if tokio::time::timeout(SEND_TIMEOUT, &mut writer)
        .await
        .is_err()
    {
        writer.abort();
    }
}

/// Writes queued frames and pings to the browser, each within [`SEND_TIMEOUT`]; returns
/// when the browser is gone, too slow, or the socket is closed.
async fn write(
    mut sink: SplitSink<WebSocket, Message>,
    mut queue: mpsc::UnboundedReceiver<Outgoing>,
) {
    let mut ping = tokio::time::interval(PING_EVERY);
    ping.tick().await;
    loop {
        tokio::select! {
            next = queue.recv() => match next {
                Some(Outgoing::Text { text, _charge: charge }) => {
                    let sent = send_within(&mut sink, Message::Text(text.into())).await;
                    // Written: its bytes are the kernel's now.
                    drop(charge);
                    if !sent {
                        return;
                    }
                }
                Some(Outgoing::Close { code, reason }) => {
                    let frame = CloseFrame { code, reason: reason.into() };
                    send_within(&mut sink, Message::Close(Some(frame))).await;
                    return;
                }
                None => return,
            },
            _ = ping.tick() => {
                if !send_within(&mut sink, Message::Ping(Default::default())).await {
                    return;
                }
            }
        }
    }
}

async fn send_within(sink: &mut SplitSink<WebSocket, Message>, message: Message) -> bool {
    matches!(
        tokio::time::timeout(SEND_TIMEOUT, sink.send(message)).await,
        Ok(Ok(()))
    )
}

impl Socket {
    /// Handles one message (answering malformed or refused ones); `Err` when the socket
    /// must close.
    async fn receive(&mut self, text: &str) -> Result<(), Closing> {
        let message = match serde_json::from_str::<ClientMessage>(text) {
            Ok(message) => message,
            Err(error) => {
                self.outbox.notice(protocol::error(
                    None,
                    400,
                    Reason::BadRequest.as_str(),
                    &format!("not a watch message: {error}"),
                ));
                return Ok(());
            }
        };
        match message {
            ClientMessage::Subscribe(subscribe) => {
                let id = subscribe.id.clone();
                match self.subscribe(subscribe).await {
                    Ok(()) => Ok(()),
                    Err(Refused::One(refusal)) => {
                        self.outbox.notice(protocol::error(
                            Some(&id),
                            refusal.status,
                            &refusal.reason,
                            &refusal.message,
                        ));
                        Ok(())
                    }
                    Err(Refused::Socket(closing)) => {
                        self.outbox.notice(protocol::error(
                            Some(&id),
                            closing.status,
                            closing.reason,
                            &closing.message,
                        ));
                        Err(closing)
                    }
                }
            }
            ClientMessage::Unsubscribe { id } => {
                if let Some(open) = self.open.remove(&id) {
                    open.task.abort();
                }
                Ok(())
            }
        }
    }

    async fn subscribe(&mut self, subscribe: Subscribe) -> Result<(), Refused> {
        subscribe
            .validate()
            .map_err(|m| ApiError::bad_request(Reason::BadRequest, m))?;
        subscribe
            .check_path()
            .map_err(|m| ApiError::bad_request(Reason::BadPath, m))?;
        if self.open.contains_key(&subscribe.id) {
            return Err(ApiError::bad_request(
                Reason::DuplicateId,
                format!("subscription {:?} is already open", subscribe.id),
            )
            .into());
        }
        if self.open.len() >= MAX_SUBSCRIPTIONS {
            return Err(ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                Reason::TooManySubscriptions,
                format!("one socket holds at most {MAX_SUBSCRIPTIONS} watches"),
            )
            .into());
        }
        // The session, looked up again: never a subscription as anyone else once it ended.
        let OnCluster {
            client,
            caller,
            credential,
            ..
        } = OnCluster::resolve(&self.state, &subscribe.cluster, &self.headers).await?;
        path::check(&subscribe.path).map_err(|m| ApiError::bad_request(Reason::BadPath, m))?;
        self.check_bound(&caller)
            .map_err(|message| Refused::Socket(Closing::session_ended(message)))?;
        let now = self.state.sessions.now();
        let sign_in = caller
            .sign_in(&subscribe.cluster)
            .filter(|s| !s.is_expired(now));
        // Lanthorn's cap, or the end of the session or of the token, whichever is first.
        let mut limit = if subscribe.logs.is_some() {
            subscription::LOG_LIMIT
        } else {
            Duration::from_secs(subscription::WATCH_SECONDS) + subscription::WATCH_GRACE
        };
        let until = |unix: u64| Duration::from_secs(unix.saturating_sub(now));
        if let Some(session) = &caller.session {
            limit = limit.min(until(self.state.sessions.expires_at(session)));
        }
        if let Some(expiry) = sign_in.and_then(|s| s.token_expires_at) {
            limit = limit.min(until(expiry));
        }
        self.generation += 1;
        let id = subscribe.id.clone();
        let cluster = subscribe.cluster.clone();
        let watch = Watch {
            client,
            credential,
            subscribe,
            generation: self.generation,
            out: self.outbox.clone(),
            guard: self.state.metrics.stream_opened(),
            limit,
        };
        let task = tokio::spawn(watch.run()).abort_handle();
        self.open.insert(
            id,
            Open {
                generation: self.generation,
                task,
                cluster,
                signed_in_as: sign_in.map(|s| s.username.clone()),
            },
        );
        Ok(())
    }

    /// Whether the socket's session still stands for what its subscriptions use: the same
    /// session, and for each subscription made with its sign-in, that sign-in as the same
    /// user and unexpired. `Err` names what ended.
    fn check_bound(&self, caller: &Caller) -> Result<(), String> {
        let Some(bound) = &self.bound else {
            return Ok(());
        };
        let Some(session) = caller
            .session
            .as_ref()
            .filter(|s| s.id.store_key().digest() == bound.as_str())
        else {
            return Err(
                "the session this socket was opened with has ended (signed out, \
                        expired, or replaced by a new sign-in); connect again"
                    .into(),
            );
        };
        let now = self.state.sessions.now();
        for open in self.open.values() {
            let Some(user) = &open.signed_in_as else {
                continue;
            };
            match session.sign_in(&open.cluster) {
                Some(s) if !s.is_expired(now) && s.username == *user => {}
                _ => {
                    return Err(format!(
                        "the sign-in to cluster {} has ended; connect again",
                        open.cluster
                    ));
                }
            }
        }
        Ok(())
    }

    /// The periodic check of a socket with subscriptions and a session; `Err` when it must
    /// close. A session store that stops answering closes it after a few tries.
    async fn recheck(&mut self) -> Result<(), Closing> {
        if self.bound.is_none() || self.open.is_empty() {
            return Ok(());
        }
        // A look that does not count as use: live lists alone keep no session from idling.
        match Caller::peek(&self.state, &self.headers).await {
            Ok(caller) => {
                self.store_failures = 0;
                self.check_bound(&caller).map_err(Closing::session_ended)
            }
            Err(error) => {
                self.store_failures += 1;
                if self.store_failures >= STORE_FAILURES {
                    Err(Closing::store_unavailable(&error))
                } else {
                    Ok(())
                }
            }
        }
    }

    /// Drops a subscription that ended by itself, unless its id was reused since.
    fn forget(&mut self, id: &str, generation: u64) {
        if self
            .open
            .get(id)
            .is_some_and(|o| o.generation == generation)
        {
            self.open.remove(id);
        }
    }

    /// Ends every subscription, telling the browser why.
    fn end_all(&mut self, closing: &Closing) {
        for (id, open) in self.open.drain() {
            open.task.abort();
            self.outbox.notice(protocol::error(
                Some(&id),
                closing.status,
                closing.reason,
                &closing.message,
            ));
        }
    }

    fn close_all(&mut self) {
        for (_, open) in self.open.drain() {
            open.task.abort();
        }
    }
}
