//! Where sealed sessions live. Stores only ever see store keys (hashes of
//! session ids) and encrypted blobs.

use std::fmt::Debug;
use std::time::Duration;

use async_trait::async_trait;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::SessionError;
use crate::id::StoreKey;
use crate::random::random_bytes;

mod memory;
mod redis;

pub use self::memory::MemoryStore;
pub use self::redis::RedisStore;

/// A key-value store with expiry, for opaque blobs, plus a small lock.
///
/// Every write carries a TTL after which the store forgets the blob by
/// itself; [`Sessions`](crate::Sessions) also checks expiry on every read, so
/// a store that expires late is harmless, just untidy.
#[async_trait]
pub trait SessionStore: Send + Sync + Debug {
    /// Writes `blob` under `key`, replacing whatever was there.
    async fn put(&self, key: &StoreKey, blob: Vec<u8>, ttl: Duration) -> Result<(), SessionError>;

    /// Writes `blob` only if `key` still holds exactly `current`
    /// (compare-and-swap); `Ok(false)` when it changed or is gone.
    ///
    /// Not in the original sketch: without it, two replicas updating one
    /// session (a token refresh here, a last-seen touch there) could silently
    /// undo each other's write — and losing a rotated refresh token ends the
    /// session at the identity provider too.
    async fn replace(
        &self,
        key: &StoreKey,
        current: &[u8],
        blob: Vec<u8>,
        ttl: Duration,
    ) -> Result<bool, SessionError>;

    async fn get(&self, key: &StoreKey) -> Result<Option<Vec<u8>>, SessionError>;

    async fn delete(&self, key: &StoreKey) -> Result<(), SessionError>;

    /// How many sessions are stored and not yet expired (for `/metrics`).
    async fn count(&self) -> Result<u64, SessionError>;

    /// Takes the lock `name` for at most `ttl` unless someone holds it.
    ///
    /// Returns the [`Lock`] to release, rather than a bare `bool`, because
    /// releasing by name alone would let a holder whose lock had already
    /// expired release the next holder's lock. `name` is stored in clear:
    /// never put an id or a token in it.
    async fn try_lock(&self, name: &str, ttl: Duration) -> Result<Option<Lock>, SessionError>;

    /// Releases `lock` if it is still held by this [`Lock`]; a lock that
    /// expired and was taken by someone else is left alone.
    async fn unlock(&self, lock: Lock) -> Result<(), SessionError>;
}

/// Proof of holding a named lock: the name and a random owner token.
#[derive(Debug, PartialEq, Eq)]
pub struct Lock {
    name: String,
    token: String,
}

impl Lock {
    /// A new owner token for `name` (for [`SessionStore`] implementations).
    pub fn new(name: &str) -> Result<Self, SessionError> {
        let token: [u8; 16] = random_bytes()?;
        Ok(Self {
            name: name.to_owned(),
            token: URL_SAFE_NO_PAD.encode(token),
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn token(&self) -> &str {
        &self.token
    }
}

/// Milliseconds for stores that count in them: at least 1, since a zero TTL
/// means "no expiry" or an error to most stores.
pub(crate) fn ttl_millis(ttl: Duration) -> u64 {
    u64::try_from(ttl.as_millis()).unwrap_or(u64::MAX).max(1)
}
