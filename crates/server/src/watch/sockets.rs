//! How many `/watch` sockets each holder has open: a session, a bearer token, or (for
//! callers with neither) a client address. The next socket past the cap is refused (429).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{LazyLock, Mutex, PoisonError};

use secrecy::ExposeSecret as _;
use sha2::{Digest as _, Sha256};

use crate::caller::Caller;

/// Sockets one holder may have open at once (one per browser tab).
pub const MAX_SOCKETS: usize = 8;

/// Open sockets by holder, process-wide. The keys hold no secret: a session's store-key
/// digest, a bearer token's SHA-256, or an address.
static OPEN: LazyLock<Mutex<HashMap<String, usize>>> = LazyLock::new(Mutex::default);

/// Who a socket counts against.
pub fn holder(caller: &Caller, address: Option<IpAddr>) -> String {
    if let Some(session) = &caller.session {
        return format!("session:{}", session.id.store_key().digest());
    }
    if let Some(bearer) = caller.bearer() {
        let digest = Sha256::digest(bearer.expose_secret().as_bytes());
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        return format!("bearer:{hex}");
    }
    match address {
        Some(address) => format!("address:{address}"),
        None => "address:unknown".to_owned(),
    }
}

/// One open socket's place; freed when dropped.
#[derive(Debug)]
pub struct Place(String);

/// A place for `holder`'s next socket, unless it has [`MAX_SOCKETS`] open.
pub fn take(holder: String) -> Option<Place> {
    let mut open = OPEN.lock().unwrap_or_else(PoisonError::into_inner);
    let count = open.entry(holder.clone()).or_default();
    if *count >= MAX_SOCKETS {
        return None;
    }
    *count += 1;
    Some(Place(holder))
}

impl Drop for Place {
    fn drop(&mut self) {
        let mut open = OPEN.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(count) = open.get_mut(&self.0) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                open.remove(&self.0);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_holder_gets_at_most_the_cap_and_places_come_back() {
        let me = "test:places-come-back".to_owned();
        let places: Vec<Place> = (0..MAX_SOCKETS).filter_map(|_| take(me.clone())).collect();
        assert_eq!(places.len(), MAX_SOCKETS);
        assert!(take(me.clone()).is_none());
        assert!(take("test:someone-else".to_owned()).is_some());
        drop(places);
        assert!(take(me.clone()).is_some());
        let open = OPEN.lock().unwrap_or_else(PoisonError::into_inner);
        assert!(!open.contains_key(&me), "an unused holder is kept");
    }
}
