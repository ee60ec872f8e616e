//! WebSocket upgrades (exec, attach, port-forward): once the cluster answers
//! `101 Switching Protocols`, bytes are piped both ways until either side closes.

use hyper::upgrade::OnUpgrade;
use hyper_util::rt::TokioIo;

use crate::AppState;
use crate::streams::Lease;

/// Pipes the client's upgraded connection to the cluster's, in a task of its own, until
/// either side closes or `lease` ends (the session that opened it is gone).
pub fn pipe(
    state: &AppState,
    client: OnUpgrade,
    upstream: OnUpgrade,
    lease: Lease,
    slot: Option<crate::caps::Slot>,
) {
    let guard = (state.metrics.stream_opened(), slot);
    let state = state.clone();
    tokio::spawn(async move {
        let (client, upstream) = tokio::join!(client, upstream);
        match (client, upstream) {
            (Ok(client), Ok(upstream)) => {
                let (mut client, mut upstream) = (TokioIo::new(client), TokioIo::new(upstream));
                tokio::select! {
                    copied = tokio::io::copy_bidirectional(&mut client, &mut upstream) => {
                        if let Err(error) = copied {
                            tracing::debug!(%error, "upgraded connection ended with an error");
                        }
                    }
                    () = lease.ended(state) => {
                        tracing::debug!("upgraded connection ended with its session");
                    }
                }
            }
            (Err(error), _) | (_, Err(error)) => {
                tracing::debug!(%error, "upgrade did not complete");
            }
        }
        drop(guard);
    });
}
