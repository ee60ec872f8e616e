//! The port-forward handshake and stream: one forwarded TCP connection as a WebSocket to
//! the pod's `portforward` subresource (`v4.channel.k8s.io`), made with the forward's
//! credential. Channel 0 carries data,
//! channel 1 the pod side's error text; the first frame on each channel from the server
//! starts with the port number (two bytes, little-endian), which is not data.

use crate::{ClusterClient, Credential, UpstreamBody};
use bytes::Bytes;
use futures_util::{SinkExt as _, StreamExt as _};
use http::header;
use http_body_util::{BodyExt as _, Empty};
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::Role;

const PROTOCOL: &str = "v4.channel.k8s.io";
const DATA: u8 = 0;
const ERROR: u8 = 1;

impl ClusterClient {
    /// Carries one TCP connection to `port` of `pod` until either side closes.
    pub async fn forward_port(
        &self,
        credential: &Credential,
        namespace: &str,
        pod: &str,
        port: u16,
        tcp: TcpStream,
    ) -> Result<(), String> {
        carry(self, credential, namespace, pod, port, tcp).await
    }
}

async fn carry(
    client: &ClusterClient,
    credential: &Credential,
    namespace: &str,
    pod: &str,
    port: u16,
    mut tcp: TcpStream,
) -> Result<(), String> {
    let key = {
        use base64::Engine as _;
        let mut raw = [0u8; 16];
        getrandom::fill(&mut raw).map_err(|e| e.to_string())?;
        base64::engine::general_purpose::STANDARD.encode(raw)
    };
    let request = http::Request::get(format!(
        "/api/v1/namespaces/{namespace}/pods/{pod}/portforward?ports={port}"
    ))
    .header(header::CONNECTION, "Upgrade")
    .header(header::UPGRADE, "websocket")
    .header(header::SEC_WEBSOCKET_VERSION, "13")
    .header(header::SEC_WEBSOCKET_KEY, key)
    .header(header::SEC_WEBSOCKET_PROTOCOL, PROTOCOL)
    .body::<UpstreamBody>(Empty::new().map_err(|never| match never {}).boxed_unsync())
    .map_err(|e| e.to_string())?;
    let mut response = client
        .send(request, credential)
        .await
        .map_err(|e| e.to_string())?;
    if response.status() != http::StatusCode::SWITCHING_PROTOCOLS {
        let status = response.status();
        let body = response
            .into_body()
            .collect()
            .await
            .map(|b| b.to_bytes())
            .unwrap_or_default();
        return Err(format!(
            "the cluster answered {status}: {}",
            String::from_utf8_lossy(&body)
                .chars()
                .take(500)
                .collect::<String>()
        ));
    }
    let upgraded = hyper::upgrade::on(&mut response)
        .await
        .map_err(|e| e.to_string())?;
    let socket = WebSocketStream::from_raw_socket(TokioIo::new(upgraded), Role::Client, None).await;
    let (mut sink, mut stream) = socket.split();
    let (mut tcp_read, mut tcp_write) = tcp.split();
    let mut seen_port = [false, false];
    let mut buffer = vec![0u8; 32 * 1024];
    loop {
        tokio::select! {
            read = tcp_read.read(&mut buffer) => {
                let n = read.map_err(|e| e.to_string())?;
                if n == 0 {
                    let _ = sink.close().await;
                    return Ok(());
                }
                let mut frame = Vec::with_capacity(n + 1);
                frame.push(DATA);
                frame.extend_from_slice(&buffer[..n]);
                sink.send(Message::Binary(Bytes::from(frame)))
                    .await
                    .map_err(|e| e.to_string())?;
            }
            message = stream.next() => {
                let Some(message) = message else { return Ok(()) };
                let data = match message.map_err(|e| e.to_string())? {
                    Message::Binary(data) => data,
                    Message::Close(_) => return Ok(()),
                    _ => continue,
                };
                let Some((&channel, mut payload)) = data.split_first() else { continue };
                let index = usize::from(channel);
                if index < 2 && !seen_port[index] {
                    seen_port[index] = true;
                    payload = payload.get(2..).unwrap_or_default();
                }
                match channel {
                    DATA => tcp_write.write_all(payload).await.map_err(|e| e.to_string())?,
                    ERROR if !payload.is_empty() => {
                        return Err(String::from_utf8_lossy(payload).into_owned());
                    }
                    _ => {}
                }
            }
        }
    }
}
