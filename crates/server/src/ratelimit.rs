//! A fixed-window rate limit by key (a client address): enough to make guessing tokens
//! through `set-token` slow without a store of its own. Memory stays bounded: a full
//! table forgets the windows that have ended.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Keys remembered at once before ended windows are dropped.
const MAX_KEYS: usize = 10_000;

/// `limit` events per `window` for each key.
#[derive(Debug)]
pub struct RateLimit {
    limit: u32,
    window: Duration,
    seen: Mutex<HashMap<String, (Instant, u32)>>,
}

impl RateLimit {
    /// A limit of `limit` per `window`.
    pub fn new(limit: u32, window: Duration) -> Self {
        Self {
            limit,
            window,
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// Counts one event for `key`: `Ok(())`, or `Err(seconds to wait)` past the limit.
    pub fn check(&self, key: &str, now: Instant) -> Result<(), u64> {
        let mut seen = self
            .seen
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if seen.len() >= MAX_KEYS {
            seen.retain(|_, (start, _)| now.duration_since(*start) < self.window);
            if seen.len() >= MAX_KEYS {
                seen.clear();
            }
        }
        let entry = seen.entry(key.to_owned()).or_insert((now, 0));
        if now.duration_since(entry.0) >= self.window {
            *entry = (now, 0);
        }
        if entry.1 >= self.limit {
            let left = self.window.saturating_sub(now.duration_since(entry.0));
            return Err(left.as_secs().max(1));
        }
        entry.1 += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_past_the_limit_until_the_window_ends() {
        let limit = RateLimit::new(3, Duration::from_secs(60));
        let t0 = Instant::now();
        for _ in 0..3 {
            assert_eq!(limit.check("a", t0), Ok(()));
        }
        assert_eq!(limit.check("a", t0 + Duration::from_secs(1)), Err(59));
        assert_eq!(limit.check("b", t0), Ok(()), "keys are counted apart");
        assert_eq!(limit.check("a", t0 + Duration::from_secs(60)), Ok(()));
    }
}
