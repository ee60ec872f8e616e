//! `GET /watch`: the watch multiplexer. One WebSocket per browser tab carries every live
//! list of that tab; each `subscribe` opens one watch on a cluster with the caller's
//! credential (the same resolver as the proxy), each `unsubscribe` closes it. See
//! [`protocol`] for the messages.

pub mod protocol;
mod subscription;

use std::collections::HashMap;
use std::time::Duration;

use axum::extract::State;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::response::Response;
use futures_util::{SinkExt as _, StreamExt as _};
use http::HeaderMap;
use tokio::sync::mpsc;
use tokio::task::AbortHandle;

use crate::AppState;
use crate::caller::Caller;
use crate::error::ApiError;
use crate::proxy::path;
use protocol::{ClientMessage, Subscribe};
use subscription::{Refusal, Watch};

/// Subscriptions one socket may hold at once.
const MAX_SUBSCRIPTIONS: usize = 100;
/// Largest message accepted from the browser.
const MAX_MESSAGE_BYTES: usize = 64 * 1024;
/// Events waiting for a slow browser before the watches stop reading.
const OUTBOX: usize = 256;
/// Keeps idle sockets alive through proxies and notices dead browsers.
const PING_EVERY: Duration = Duration::from_secs(30);

/// A text for the socket, and which subscription (id, generation) it finished, if any.
#[derive(Debug)]
pub struct Outgoing {
    text: String,
    finished: Option<(String, u64)>,
}

/// Upgrades to the multiplexer. Cross-origin upgrades were already refused (`security`).
pub async fn handle(
    State(state): State<AppState>,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Response {
    upgrade
        .max_message_size(MAX_MESSAGE_BYTES)
        .on_upgrade(move |socket| serve(state, headers, socket))
}

/// The subscriptions of one socket.
struct Socket {
    state: AppState,
    /// The upgrade request's headers: the caller is identified again on each subscribe,
    /// so signing out or an ended session stops new watches.
    headers: HeaderMap,
    open: HashMap<String, (u64, AbortHandle)>,
    generation: u64,
    out: mpsc::Sender<Outgoing>,
}

async fn serve(state: AppState, headers: HeaderMap, socket: WebSocket) {
    let _open = state.metrics.stream_opened();
    let (mut sink, mut stream) = socket.split();
    let (out, mut outbox) = mpsc::channel::<Outgoing>(OUTBOX);
    let mut socket = Socket {
        state,
        headers,
        open: HashMap::new(),
        generation: 0,
        out,
    };
    let mut ping = tokio::time::interval(PING_EVERY);
    ping.tick().await;
    loop {
        tokio::select! {
            incoming = stream.next() => {
                let reply = match incoming {
                    Some(Ok(Message::Text(text))) => socket.receive(text.as_str()).await,
                    Some(Ok(Message::Binary(_))) => Some(protocol::error(
                        None, 400, "BadRequest", "messages are JSON text frames",
                    )),
                    Some(Ok(Message::Close(_)) | Err(_)) | None => break,
                    Some(Ok(_)) => None,
                };
                if let Some(reply) = reply
                    && sink.send(Message::Text(reply.into())).await.is_err()
                {
                    break;
                }
            }
            Some(outgoing) = outbox.recv() => {
                if let Some((id, generation)) = &outgoing.finished {
                    socket.forget(id, *generation);
                }
                if sink.send(Message::Text(outgoing.text.into())).await.is_err() {
                    break;
                }
            }
            _ = ping.tick() => {
                if sink.send(Message::Ping(Default::default())).await.is_err() {
                    break;
                }
            }
        }
    }
    socket.close_all();
}

impl Socket {
    /// Handles one message; returns a direct answer for malformed or refused ones.
    async fn receive(&mut self, text: &str) -> Option<String> {
        let message = match serde_json::from_str::<ClientMessage>(text) {
            Ok(message) => message,
            Err(error) => {
                return Some(protocol::error(
                    None,
                    400,
                    "BadRequest",
                    &format!("not a watch message: {error}"),
                ));
            }
        };
        match message {
            ClientMessage::Subscribe(subscribe) => {
                let id = subscribe.id.clone();
                match self.subscribe(subscribe).await {
                    Ok(()) => None,
                    Err(refusal) => Some(protocol::error(
                        Some(&id),
                        refusal.status,
                        &refusal.reason,
                        &refusal.message,
                    )),
                }
            }
            ClientMessage::Unsubscribe { id } => {
                if let Some((_, task)) = self.open.remove(&id) {
                    task.abort();
                }
                None
            }
        }
    }

    async fn subscribe(&mut self, subscribe: Subscribe) -> Result<(), Refusal> {
        subscribe
            .validate()
            .map_err(|m| ApiError::bad_request("BadRequest", m))?;
        if self.open.contains_key(&subscribe.id) {
            return Err(ApiError::bad_request(
                "DuplicateId",
                format!("subscription {:?} is already open", subscribe.id),
            )
            .into());
        }
        if self.open.len() >= MAX_SUBSCRIPTIONS {
            return Err(ApiError::new(
                http::StatusCode::TOO_MANY_REQUESTS,
                "TooManySubscriptions",
                format!("one socket holds at most {MAX_SUBSCRIPTIONS} watches"),
            )
            .into());
        }
        let client = self
            .state
            .clusters
            .get(&subscribe.cluster)
            .ok_or_else(|| ApiError::unknown_cluster(&subscribe.cluster))?
            .clone();
        path::check(&subscribe.path).map_err(|m| ApiError::bad_request("BadPath", m))?;
        let caller = Caller::identify(&self.state, &self.headers).await?;
        let credential = caller.credential(&self.state, &client);
        self.generation += 1;
        let id = subscribe.id.clone();
        let watch = Watch {
            client,
            credential,
            subscribe,
            generation: self.generation,
            out: self.out.clone(),
            guard: self.state.metrics.stream_opened(),
        };
        let task = tokio::spawn(watch.run()).abort_handle();
        self.open.insert(id, (self.generation, task));
        Ok(())
    }

    /// Drops a subscription that ended by itself, unless its id was reused since.
    fn forget(&mut self, id: &str, generation: u64) {
        if self.open.get(id).is_some_and(|(g, _)| *g == generation) {
            self.open.remove(id);
        }
    }

    fn close_all(&mut self) {
        for (_, (_, task)) in self.open.drain() {
            task.abort();
        }
    }
}
