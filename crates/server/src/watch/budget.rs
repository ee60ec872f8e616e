//! The bytes one `/watch` socket may hold for its browser: frames waiting to be written
//! and the partial lines its subscriptions are reading. Every such byte is charged here
//! first; a subscription that finds no room for a while is ended instead of buffering.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::sync::Notify;

/// A socket's byte budget.
#[derive(Debug)]
pub struct Budget {
    limit: usize,
    used: AtomicUsize,
    freed: Notify,
}

impl Budget {
    pub fn new(limit: usize) -> Arc<Self> {
        Arc::new(Self {
            limit,
            used: AtomicUsize::new(0),
            freed: Notify::new(),
        })
    }

    /// Bytes charged now.
    pub fn used(&self) -> usize {
        self.used.load(Ordering::Acquire)
    }

    pub fn limit(&self) -> usize {
        self.limit
    }

    /// Takes `bytes` if they fit now.
    fn try_take(&self, bytes: usize) -> bool {
        self.used
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |used| {
                used.checked_add(bytes).filter(|total| *total <= self.limit)
            })
            .is_ok()
    }

    /// Takes `bytes`, waiting up to `patience` for room; false when there was none.
    pub async fn take(&self, bytes: usize, patience: Duration) -> bool {
        if bytes > self.limit {
            return false;
        }
        let deadline = tokio::time::Instant::now() + patience;
        loop {
            let freed = self.freed.notified();
            tokio::pin!(freed);
            // Registered before looking, so a release in between is not missed.
            freed.as_mut().enable();
            if self.try_take(bytes) {
                return true;
            }
            if tokio::time::timeout_at(deadline, freed).await.is_err() {
                return false;
            }
        }
    }

    /// Waits up to `patience` until something is left; false when the budget stayed spent.
    pub async fn wait_for_room(&self, patience: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + patience;
        loop {
            let freed = self.freed.notified();
            tokio::pin!(freed);
            freed.as_mut().enable();
            if self.used() < self.limit {
                return true;
            }
            if tokio::time::timeout_at(deadline, freed).await.is_err() {
                return false;
            }
        }
    }

    /// Charges `bytes` even past the limit: for the few small messages that must reach the
    /// browser (how a subscription ended), each at most [`super::protocol::MAX_NOTICE`].
    fn force(&self, bytes: usize) {
        self.used.fetch_add(bytes, Ordering::AcqRel);
    }

    fn give(&self, bytes: usize) {
        if bytes > 0 {
            self.used.fetch_sub(bytes, Ordering::AcqRel);
            self.freed.notify_waiters();
        }
    }
}

/// Bytes charged to a [`Budget`], given back when dropped.
#[derive(Debug)]
pub struct Charge {
    budget: Arc<Budget>,
    bytes: usize,
}

impl Charge {
    /// Nothing charged yet.
    pub fn empty(budget: &Arc<Budget>) -> Self {
        Self {
            budget: budget.clone(),
            bytes: 0,
        }
    }

    /// `bytes` charged at once, even past the limit (see [`Budget::force`]).
    pub fn forced(budget: &Arc<Budget>, bytes: usize) -> Self {
        budget.force(bytes);
        Self {
            budget: budget.clone(),
            bytes,
        }
    }

    /// `bytes` charged when room is found within `patience`.
    pub async fn take(budget: &Arc<Budget>, bytes: usize, patience: Duration) -> Option<Self> {
        budget.take(bytes, patience).await.then(|| Self {
            budget: budget.clone(),
            bytes,
        })
    }

    /// Changes the charge to `bytes`: giving back at once, or waiting up to `patience` for
    /// more; false (and unchanged) when no room was found.
    pub async fn resize(&mut self, bytes: usize, patience: Duration) -> bool {
        if bytes <= self.bytes {
            self.budget.give(self.bytes - bytes);
            self.bytes = bytes;
            return true;
        }
        if !self.budget.take(bytes - self.bytes, patience).await {
            return false;
        }
        self.bytes = bytes;
        true
    }

    /// Gives back everything above `bytes` (never waits).
    pub fn shrink_to(&mut self, bytes: usize) {
        if bytes < self.bytes {
            self.budget.give(self.bytes - bytes);
            self.bytes = bytes;
        }
    }

    #[cfg(test)]
    pub fn bytes(&self) -> usize {
        self.bytes
    }
}

impl Drop for Charge {
    fn drop(&mut self) {
        self.budget.give(self.bytes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHORT: Duration = Duration::from_millis(50);

    #[tokio::test]
    async fn charges_stay_within_the_limit_and_come_back_when_dropped() {
        let budget = Budget::new(100);
        let a = Charge::take(&budget, 60, SHORT).await;
        assert!(a.is_some());
        assert!(Charge::take(&budget, 41, SHORT).await.is_none());
        assert!(
            Charge::take(&budget, 101, Duration::from_secs(60))
                .await
                .is_none()
        );
        let mut b = Charge::empty(&budget);
        assert!(b.resize(40, SHORT).await);
        assert_eq!(budget.used(), 100);
        assert!(!b.resize(41, SHORT).await);
        assert_eq!(b.bytes(), 40);
        assert!(b.resize(10, SHORT).await);
        assert_eq!(budget.used(), 70);
        drop(a);
        drop(b);
        assert_eq!(budget.used(), 0);
        let notice = Charge::forced(&budget, 150);
        assert_eq!(budget.used(), 150);
        drop(notice);
        assert_eq!(budget.used(), 0);
    }

    #[tokio::test]
    async fn a_waiting_charge_gets_room_freed_by_another() {
        let budget = Budget::new(100);
        let held = Charge::take(&budget, 100, SHORT).await;
        let waiter = {
            let budget = budget.clone();
            tokio::spawn(async move { Charge::take(&budget, 50, Duration::from_secs(10)).await })
        };
        tokio::time::sleep(SHORT).await;
        assert!(!budget.wait_for_room(SHORT).await);
        drop(held);
        let got = waiter.await.ok().flatten();
        assert_eq!(got.map(|c| c.bytes()), Some(50));
        assert!(budget.wait_for_room(SHORT).await);
    }
}
