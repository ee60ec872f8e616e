use std::fmt::Debug;
use std::time::{SystemTime, UNIX_EPOCH};

/// Wall-clock time in unix seconds, injectable so tests can move it.
///
/// Wall time, not a monotonic clock, because it is compared with values from
/// other replicas and with token `exp` claims.
pub trait Clock: Send + Sync + Debug {
    fn now(&self) -> u64;
}

#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> u64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_secs())
    }
}
