use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use ::redis::aio::{ConnectionManager, ConnectionManagerConfig};
use ::redis::{Client, Script};
use async_trait::async_trait;
use secrecy::{ExposeSecret, SecretString};

use super::{Lock, SessionStore, ttl_millis};
use crate::SessionError;
use crate::id::StoreKey;

/// Sorted set of live store keys, scored by expiry time (unix ms), so that
/// `count` costs O(log n) instead of a `SCAN` of a possibly shared keyspace.
const INDEX_KEY: &str = "lanthorn:session-index";
const LOCK_PREFIX: &str = "lanthorn:lock:";
/// A connection attempt or request to Redis that takes longer than this fails
/// instead of holding the browser's request open. Generous for a server that
/// answers in a millisecond; short enough that a wrong URL (say `rediss://` to
/// a plain port, which just stalls) fails at start within seconds.
const TIMEOUT: Duration = Duration::from_secs(2);
/// Reconnection attempts after the first, per failure.
const RETRIES: usize = 2;

/// Compare-and-swap: KEYS = [session key, index]; ARGV = [expected, new, ttl ms, expiry ms].
const REPLACE: &str = r"
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[4], KEYS[1])
return 1
";

/// Release only our own lock: KEYS = [lock key]; ARGV = [owner token].
const UNLOCK: &str = r"
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
";

/// Sessions in Redis, shared by every replica. Keys are `lanthorn:session:*`
/// (with Redis expiry), `lanthorn:session-index` and `lanthorn:lock:*`; a
/// Redis shared with other applications is fine.
///
/// Needs a single Redis server (or a primary behind a proxy): the index is
/// updated in the same transaction as the session, which Redis Cluster would
/// refuse across slots.
#[derive(Clone)]
pub struct RedisStore {
    connection: ConnectionManager,
    replace: Script,
    unlock: Script,
}

impl RedisStore {
    /// Connects to a `redis://` or `rediss://` (TLS, verified against the
    /// system's CA certificates) URL, which may carry a password:
    /// `redis://:PASSWORD@host:6379/0`. Fails when the server cannot be
    /// reached or refuses the password, so a misconfiguration shows at start.
    /// Once connected, a lost connection is re-established in the background.
    pub async fn connect(url: &SecretString) -> Result<Self, SessionError> {
        let url = url.expose_secret();
        if url.starts_with("rediss:") {
            // rustls needs a process-wide provider; keep one already chosen.
            if rustls::crypto::CryptoProvider::get_default().is_none() {
                let _ = rustls::crypto::ring::default_provider().install_default();
            }
        }
        let client = Client::open(url).map_err(SessionError::Store)?;
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(TIMEOUT))
            .set_response_timeout(Some(TIMEOUT))
            .set_number_of_retries(RETRIES);
        let mut connection = ConnectionManager::new_with_config(client, config)
            .await
            .map_err(SessionError::Store)?;
        // Connecting sends no command, so a missing or wrong password would
        // only show on the first sign-in without this.
        ::redis::cmd("PING")
            .query_async::<()>(&mut connection)
            .await
            .map_err(SessionError::Store)?;
        Ok(Self {
            connection,
            replace: Script::new(REPLACE),
            unlock: Script::new(UNLOCK),
        })
    }

    fn connection(&self) -> ConnectionManager {
        self.connection.clone()
    }
}

fn unix_millis() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| {
            u64::try_from(since.as_millis()).unwrap_or(u64::MAX)
        })
}

#[async_trait]
impl SessionStore for RedisStore {
    async fn put(&self, key: &StoreKey, blob: Vec<u8>, ttl: Duration) -> Result<(), SessionError> {
        let now = unix_millis();
        let ttl = ttl_millis(ttl);
        ::redis::pipe()
            .atomic()
            .cmd("SET")
            .arg(key.as_str())
            .arg(blob)
            .arg("PX")
            .arg(ttl)
            .ignore()
            .zadd(INDEX_KEY, key.as_str(), now.saturating_add(ttl))
            .ignore()
            .zrembyscore(INDEX_KEY, "-inf", now)
            .ignore()
            .query_async::<()>(&mut self.connection())
            .await
            .map_err(SessionError::Store)
    }

    async fn replace(
        &self,
        key: &StoreKey,
        current: &[u8],
        blob: Vec<u8>,
        ttl: Duration,
    ) -> Result<bool, SessionError> {
        let ttl = ttl_millis(ttl);
        self.replace
            .key(key.as_str())
            .key(INDEX_KEY)
            .arg(current)
            .arg(blob)
            .arg(ttl)
            .arg(unix_millis().saturating_add(ttl))
            .invoke_async::<i64>(&mut self.connection())
            .await
            .map(|replaced| replaced == 1)
            .map_err(SessionError::Store)
    }

    async fn get(&self, key: &StoreKey) -> Result<Option<Vec<u8>>, SessionError> {
        ::redis::cmd("GET")
            .arg(key.as_str())
            .query_async(&mut self.connection())
            .await
            .map_err(SessionError::Store)
    }

    async fn delete(&self, key: &StoreKey) -> Result<(), SessionError> {
        ::redis::pipe()
            .atomic()
            .del(key.as_str())
            .ignore()
            .zrem(INDEX_KEY, key.as_str())
            .ignore()
            .query_async::<()>(&mut self.connection())
            .await
            .map_err(SessionError::Store)
    }

    async fn count(&self) -> Result<u64, SessionError> {
        let (count,): (u64,) = ::redis::pipe()
            .atomic()
            .zrembyscore(INDEX_KEY, "-inf", unix_millis())
            .ignore()
            .zcard(INDEX_KEY)
            .query_async(&mut self.connection())
            .await
            .map_err(SessionError::Store)?;
        Ok(count)
    }

    async fn try_lock(&self, name: &str, ttl: Duration) -> Result<Option<Lock>, SessionError> {
        let lock = Lock::new(name)?;
        let taken: Option<String> = ::redis::cmd("SET")
            .arg(format!("{LOCK_PREFIX}{name}"))
            .arg(lock.token())
            .arg("NX")
            .arg("PX")
            .arg(ttl_millis(ttl))
            .query_async(&mut self.connection())
            .await
            .map_err(SessionError::Store)?;
        Ok(taken.map(|_| lock))
    }

    async fn unlock(&self, lock: Lock) -> Result<(), SessionError> {
        self.unlock
            .key(format!("{LOCK_PREFIX}{}", lock.name()))
            .arg(lock.token())
            .invoke_async::<i64>(&mut self.connection())
            .await
            .map(drop)
            .map_err(SessionError::Store)
    }
}

impl fmt::Debug for RedisStore {
    /// The connection's own `Debug` shows the URL, password included.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisStore").finish_non_exhaustive()
    }
}
