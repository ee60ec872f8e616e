//! Helm's listing rules: the latest revision of each release, then a state filter, sorted
//! by name (or by date), as `helm list` and Headlamp's release list show them.

use std::collections::BTreeMap;

use crate::Release;

/// Which states to show. Empty means Helm's default: deployed and failed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StateMask {
    pub all: bool,
    pub deployed: bool,
    pub failed: bool,
    pub pending: bool,
    pub superseded: bool,
    pub uninstalling: bool,
    pub uninstalled: bool,
}

impl StateMask {
    fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Whether `status` passes; `all` passes everything.
    pub fn allows(&self, status: &str) -> bool {
        if self.all {
            return true;
        }
        if self.is_empty() {
            return matches!(status, "deployed" | "failed");
        }
        match status {
            "deployed" => self.deployed,
            "failed" => self.failed,
            "superseded" => self.superseded,
            "uninstalling" => self.uninstalling,
            "uninstalled" => self.uninstalled,
            s if s.starts_with("pending-") => self.pending,
            _ => false,
        }
    }

    /// Only superseded revisions are asked for: they are never a release's latest.
    fn only_superseded(&self) -> bool {
        *self
            == Self {
                superseded: true,
                ..Self::default()
            }
    }
}

/// What to list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub states: StateMask,
    /// Keep names containing this text.
    pub name_contains: Option<String>,
    /// Newest first instead of by name.
    pub by_date: bool,
    /// Skip this many, then keep at most `limit` (0: no limit).
    pub offset: usize,
    pub limit: usize,
}

/// The highest revision of each release (by namespace and name).
pub fn latest(releases: Vec<Release>) -> Vec<Release> {
    let mut newest: BTreeMap<(String, String), Release> = BTreeMap::new();
    for release in releases {
        let key = (release.namespace.clone(), release.name.clone());
        match newest.get(&key) {
            Some(kept) if kept.revision >= release.revision => {}
            _ => {
                newest.insert(key, release);
            }
        }
    }
    newest.into_values().collect()
}

/// The releases `filter` asks for, in Helm's order.
pub fn select(releases: Vec<Release>, filter: &Filter) -> Vec<Release> {
    let named: Vec<Release> = releases
        .into_iter()
        .filter(|r| {
            filter
                .name_contains
                .as_deref()
                .is_none_or(|text| r.name.contains(text))
        })
        .collect();
    let candidates = if filter.states.only_superseded() {
        named
    } else {
        latest(named)
    };
    let mut kept: Vec<Release> = candidates
        .into_iter()
        .filter(|r| filter.states.allows(&r.status))
        .collect();
    if filter.by_date {
        kept.sort_by(|a, b| b.last_deployed.cmp(&a.last_deployed));
    } else {
        kept.sort_by(|a, b| (&a.name, &a.namespace).cmp(&(&b.name, &b.namespace)));
    }
    let limit = if filter.limit == 0 {
        usize::MAX
    } else {
        filter.limit
    };
    kept.into_iter().skip(filter.offset).take(limit).collect()
}

/// Every stored revision of `name` in `namespace`, oldest first.
pub fn history(releases: Vec<Release>, namespace: &str, name: &str) -> Vec<Release> {
    let mut revisions: Vec<Release> = releases
        .into_iter()
        .filter(|r| r.name == name && r.namespace == namespace)
        .collect();
    revisions.sort_by_key(|r| r.revision);
    revisions
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;

    fn release(ns: &str, name: &str, revision: u64, status: &str, when: &str) -> Release {
        Release {
            name: name.into(),
            namespace: ns.into(),
            revision,
            status: status.into(),
            last_deployed: when.into(),
            json: Value::Null,
        }
    }

    fn names(list: &[Release]) -> Vec<String> {
        list.iter()
            .map(|r| format!("{}/{}@{}", r.namespace, r.name, r.revision))
            .collect()
    }

    fn stored() -> Vec<Release> {
        vec![
            release("a", "web", 1, "superseded", "2026-01-01"),
            release("a", "web", 2, "deployed", "2026-01-02"),
            release("b", "web", 1, "failed", "2026-01-05"),
            release("a", "db", 4, "pending-upgrade", "2026-01-03"),
            release("a", "db", 3, "deployed", "2026-01-01"),
            release("a", "old", 1, "uninstalled", "2025-12-01"),
        ]
    }

    #[test]
    fn by_default_the_latest_deployed_or_failed_revision_of_each_release() {
        let list = select(stored(), &Filter::default());
        // db's latest revision is pending, so db is not shown, not its older revision.
        assert_eq!(names(&list), ["a/web@2", "b/web@1"]);
    }

    #[test]
    fn state_flags_all_and_superseded() {
        let all = Filter {
            states: StateMask {
                all: true,
                ..StateMask::default()
            },
            ..Filter::default()
        };
        assert_eq!(
            names(&select(stored(), &all)),
            ["a/db@4", "a/old@1", "a/web@2", "b/web@1"]
        );
        let pending = Filter {
            states: StateMask {
                pending: true,
                ..StateMask::default()
            },
            ..Filter::default()
        };
        assert_eq!(names(&select(stored(), &pending)), ["a/db@4"]);
        let superseded = Filter {
            states: StateMask {
                superseded: true,
                ..StateMask::default()
            },
            ..Filter::default()
        };
        assert_eq!(names(&select(stored(), &superseded)), ["a/web@1"]);
    }

    #[test]
    fn name_filter_date_order_and_paging() {
        let filter = Filter {
            states: StateMask {
                all: true,
                ..StateMask::default()
            },
            by_date: true,
            offset: 1,
            limit: 2,
            ..Filter::default()
        };
        assert_eq!(names(&select(stored(), &filter)), ["a/db@4", "a/web@2"]);
        let named = Filter {
            name_contains: Some("we".into()),
            ..Filter::default()
        };
        assert_eq!(names(&select(stored(), &named)), ["a/web@2", "b/web@1"]);
    }

    #[test]
    fn history_is_every_revision_of_one_release_oldest_first() {
        assert_eq!(names(&history(stored(), "a", "db")), ["a/db@3", "a/db@4"]);
        assert!(history(stored(), "c", "db").is_empty());
    }
}
