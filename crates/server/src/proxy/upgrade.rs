//! WebSocket upgrades (exec, attach, port-forward): once the cluster answers
//! `101 Switching Protocols`, bytes are piped both ways until either side closes.

use hyper::upgrade::OnUpgrade;
use hyper_util::rt::TokioIo;

use crate::AppState;

/// Pipes the client's upgraded connection to the cluster's, in a task of its own.
pub fn pipe(state: &AppState, client: OnUpgrade, upstream: OnUpgrade) {
    let guard = state.metrics.stream_opened();
    tokio::spawn(async move {
        let (client, upstream) = tokio::join!(client, upstream);
        match (client, upstream) {
            (Ok(client), Ok(upstream)) => {
                let (mut client, mut upstream) = (TokioIo::new(client), TokioIo::new(upstream));
                if let Err(error) = tokio::io::copy_bidirectional(&mut client, &mut upstream).await
                {
                    tracing::debug!(%error, "upgraded connection ended with an error");
                }
            }
            (Err(error), _) | (_, Err(error)) => {
                tracing::debug!(%error, "upgrade did not complete");
            }
        }
        drop(guard);
    });
}
