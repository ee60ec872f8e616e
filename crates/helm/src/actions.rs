//! Progress of Helm changes, polled with `GET …/helm/action/status` (Headlamp's route):
//! `processing`, then `success` or `failed` with Helm's message. Each entry is visible
//! only to the credential that started it, and is forgotten ten minutes after its last
//! update.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use sha2::{Digest as _, Sha256};

const FORGET_AFTER: Duration = Duration::from_secs(600);

/// The four changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Install,
    Upgrade,
    Rollback,
    Uninstall,
}

impl Action {
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "install" => Some(Self::Install),
            "upgrade" => Some(Self::Upgrade),
            "rollback" => Some(Self::Rollback),
            "uninstall" => Some(Self::Uninstall),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Install => "install",
            Self::Upgrade => "upgrade",
            Self::Rollback => "rollback",
            Self::Uninstall => "uninstall",
        }
    }
}

/// Where a change stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    Processing,
    Success(String),
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    cluster: String,
    action: Action,
    namespace: String,
    name: String,
}

#[derive(Debug)]
struct Entry {
    owner: [u8; 32],
    progress: Progress,
    at: Instant,
}

/// The changes started recently.
#[derive(Debug, Default)]
pub struct Actions {
    entries: Mutex<HashMap<Key, Entry>>,
}

/// Identifies who started a change without keeping their credential.
pub fn owner_of(credential_text: &str) -> [u8; 32] {
    Sha256::digest(credential_text.as_bytes()).into()
}

impl Actions {
    /// Records a change as started; false when the same change of the same release is
    /// still running.
    pub fn start(
        &self,
        cluster: &str,
        action: Action,
        namespace: &str,
        name: &str,
        owner: [u8; 32],
    ) -> bool {
        let mut entries = self.lock();
        entries.retain(|_, e| e.at.elapsed() < FORGET_AFTER);
        let key = Key {
            cluster: cluster.to_owned(),
            action,
            namespace: namespace.to_owned(),
            name: name.to_owned(),
        };
        if entries
            .get(&key)
            .is_some_and(|e| e.progress == Progress::Processing)
        {
            return false;
        }
        entries.insert(
            key,
            Entry {
                owner,
                progress: Progress::Processing,
                at: Instant::now(),
            },
        );
        true
    }

    /// Records how a change ended.
    pub fn finish(
        &self,
        cluster: &str,
        action: Action,
        namespace: &str,
        name: &str,
        progress: Progress,
    ) {
        let key = Key {
            cluster: cluster.to_owned(),
            action,
            namespace: namespace.to_owned(),
            name: name.to_owned(),
        };
        if let Some(entry) = self.lock().get_mut(&key) {
            entry.progress = progress;
            entry.at = Instant::now();
        }
    }

    /// The newest matching change started by `owner` (any namespace when none is given).
    pub fn progress(
        &self,
        cluster: &str,
        action: Action,
        namespace: Option<&str>,
        name: &str,
        owner: [u8; 32],
    ) -> Option<Progress> {
        self.lock()
            .iter()
            .filter(|(k, e)| {
                k.cluster == cluster
                    && k.action == action
                    && k.name == name
                    && namespace.is_none_or(|ns| k.namespace == ns)
                    && e.owner == owner
                    && e.at.elapsed() < FORGET_AFTER
            })
            .max_by_key(|(_, e)| e.at)
            .map(|(_, e)| e.progress.clone())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, Entry>> {
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_is_private_to_its_owner_and_one_run_at_a_time() {
        let actions = Actions::default();
        let (alice, bob) = (owner_of("alice"), owner_of("bob"));
        assert!(actions.start("dev", Action::Rollback, "demo", "web", alice));
        assert!(!actions.start("dev", Action::Rollback, "demo", "web", bob));
        assert_eq!(
            actions.progress("dev", Action::Rollback, None, "web", alice),
            Some(Progress::Processing)
        );
        assert_eq!(
            actions.progress("dev", Action::Rollback, None, "web", bob),
            None
        );
        actions.finish(
            "dev",
            Action::Rollback,
            "demo",
            "web",
            Progress::Failed("no".into()),
        );
        assert_eq!(
            actions.progress("dev", Action::Rollback, Some("demo"), "web", alice),
            Some(Progress::Failed("no".into()))
        );
        assert_eq!(
            actions.progress("dev", Action::Rollback, Some("other"), "web", alice),
            None
        );
        assert!(actions.start("dev", Action::Rollback, "demo", "web", bob));
    }
}
