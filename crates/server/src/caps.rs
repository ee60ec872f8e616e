//! Per-key caps on things held open (upstream streams per caller, `/watch` sockets per
//! session): a slot is taken when one opens and given back when it is dropped, so one
//! tenant cannot use up what every tenant shares. Keys hold no secret (a session's
//! store-key digest, a token's hash, an address).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// At most `limit` open at once per key.
#[derive(Debug)]
pub struct Caps {
    limit: usize,
    open: Arc<Mutex<HashMap<String, usize>>>,
}

/// One open thing, counted until dropped.
#[derive(Debug)]
pub struct Slot {
    open: Arc<Mutex<HashMap<String, usize>>>,
    key: String,
}

impl Caps {
    /// Caps of `limit` per key.
    pub fn new(limit: usize) -> Self {
        Self {
            limit,
            open: Arc::default(),
        }
    }

    /// The cap.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// A slot for `key`, or `None` at the cap.
    pub fn take(&self, key: String) -> Option<Slot> {
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        let count = open.entry(key.clone()).or_default();
        if *count >= self.limit {
            return None;
        }
        *count += 1;
        Some(Slot {
            open: self.open.clone(),
            key,
        })
    }

    #[cfg(test)]
    fn holds(&self, key: &str) -> bool {
        self.open
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .contains_key(key)
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(count) = open.get_mut(&self.key) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                open.remove(&self.key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_key_has_its_own_cap_and_slots_come_back() {
        let caps = Caps::new(3);
        let held: Vec<Slot> = (0..5).filter_map(|_| caps.take("a".into())).collect();
        assert_eq!(held.len(), 3);
        assert!(caps.take("a".into()).is_none(), "past the cap");
        assert!(
            caps.take("b".into()).is_some(),
            "another key is not affected"
        );
        drop(held);
        assert!(caps.take("a".into()).is_some(), "slots come back");
        assert!(!caps.holds("b"), "an unused key is forgotten");
    }
}
