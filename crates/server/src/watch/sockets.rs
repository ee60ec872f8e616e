//! Who a `/watch` socket counts against — a session, a bearer token, or (for callers with
//! neither) a client address — for the cap of [`MAX_SOCKETS`] per holder (`crate::caps`;
//! the next socket is refused with 429).

use std::net::IpAddr;

use crate::caller::Caller;

/// Sockets one holder may have open at once (one per browser tab).
pub const MAX_SOCKETS: usize = 8;

/// Who a socket counts against: the caller's key, or its address for a caller with no
/// session and no token.
pub fn holder(caller: &Caller, address: Option<IpAddr>) -> String {
    match (caller.key(), address) {
        (key, _) if key != crate::caller::AMBIENT => key,
        (_, Some(address)) => format!("address:{address}"),
        (_, None) => "address:unknown".to_owned(),
    }
}
