use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use async_trait::async_trait;

use super::{Lock, SessionStore};
use crate::SessionError;
use crate::id::StoreKey;

/// Expired entries are swept after this many writes (and on `count`), so
/// abandoned sessions cannot pile up between scrapes.
const SWEEP_EVERY: u32 = 256;

/// Sessions in this process: the default for a single replica. Everything is
/// lost on restart (as it would be anyway with a generated key).
#[derive(Default)]
pub struct MemoryStore {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    blobs: HashMap<String, (Vec<u8>, Instant)>,
    locks: HashMap<String, (String, Instant)>,
    writes_since_sweep: u32,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    /// A panic elsewhere while holding the lock leaves the maps consistent
    /// (every update is a single insert or remove), so poisoning is ignored.
    fn inner(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Inner {
    fn write(&mut self, key: &StoreKey, blob: Vec<u8>, ttl: Duration, now: Instant) {
        self.writes_since_sweep += 1;
        if self.writes_since_sweep >= SWEEP_EVERY {
            self.sweep(now);
        }
        self.blobs
            .insert(key.as_str().to_owned(), (blob, deadline(now, ttl)));
    }

    fn live_blob(&self, key: &StoreKey, now: Instant) -> Option<&Vec<u8>> {
        self.blobs
            .get(key.as_str())
            .filter(|(_, expires)| now < *expires)
            .map(|(blob, _)| blob)
    }

    fn sweep(&mut self, now: Instant) {
        self.writes_since_sweep = 0;
        self.blobs.retain(|_, (_, expires)| now < *expires);
        self.locks.retain(|_, (_, expires)| now < *expires);
    }
}

fn deadline(now: Instant, ttl: Duration) -> Instant {
    // A TTL too large to represent means "as good as never".
    now.checked_add(ttl)
        .or_else(|| now.checked_add(Duration::from_secs(100 * 365 * 24 * 3600)))
        .unwrap_or(now)
}

#[async_trait]
impl SessionStore for MemoryStore {
    async fn put(&self, key: &StoreKey, blob: Vec<u8>, ttl: Duration) -> Result<(), SessionError> {
        self.inner().write(key, blob, ttl, Instant::now());
        Ok(())
    }

    async fn replace(
        &self,
        key: &StoreKey,
        current: &[u8],
        blob: Vec<u8>,
        ttl: Duration,
    ) -> Result<bool, SessionError> {
        let now = Instant::now();
        let mut inner = self.inner();
        if inner.live_blob(key, now).map(Vec::as_slice) != Some(current) {
            return Ok(false);
        }
        inner.write(key, blob, ttl, now);
        Ok(true)
    }

    async fn get(&self, key: &StoreKey) -> Result<Option<Vec<u8>>, SessionError> {
        Ok(self.inner().live_blob(key, Instant::now()).cloned())
    }

    async fn delete(&self, key: &StoreKey) -> Result<(), SessionError> {
        self.inner().blobs.remove(key.as_str());
        Ok(())
    }

    async fn count(&self) -> Result<u64, SessionError> {
        let mut inner = self.inner();
        inner.sweep(Instant::now());
        Ok(u64::try_from(inner.blobs.len()).unwrap_or(u64::MAX))
    }

    async fn try_lock(&self, name: &str, ttl: Duration) -> Result<Option<Lock>, SessionError> {
        let now = Instant::now();
        let mut inner = self.inner();
        if inner
            .locks
            .get(name)
            .is_some_and(|(_, expires)| now < *expires)
        {
            return Ok(None);
        }
        let lock = Lock::new(name)?;
        inner.locks.insert(
            name.to_owned(),
            (lock.token().to_owned(), deadline(now, ttl)),
        );
        Ok(Some(lock))
    }

    async fn unlock(&self, lock: Lock) -> Result<(), SessionError> {
        let mut inner = self.inner();
        if inner
            .locks
            .get(lock.name())
            .is_some_and(|(token, _)| token == lock.token())
        {
            inner.locks.remove(lock.name());
        }
        Ok(())
    }
}

impl fmt::Debug for MemoryStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = self.inner();
        f.debug_struct("MemoryStore")
            .field("entries", &inner.blobs.len())
            .field("locks", &inner.locks.len())
            .finish()
    }
}
