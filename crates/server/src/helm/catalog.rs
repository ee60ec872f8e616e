//! The chart catalog: charts of the operator's http(s) repositories, read from their
//! `index.yaml`, and one chart's README and default values (`helm show`). Users cannot add
//! repositories. OCI registries have no index: their charts are not listed, but are shown
//! and installed by name (`REPOSITORY/CHART`).
//!
//! - `GET /clusters/{c}/helm/charts?filter=` → `{"charts": [{repository, name, description,
//!   icon, home, keywords, versions: [{version, appVersion, created}]}]}` (newest first)
//! - `GET /clusters/{c}/helm/chart?chart=REPO/CHART[&version=]` → `{readme, values}`
//!
//! Both need a credential the cluster recognises. The indexes are fetched once for all
//! callers (concurrent first requests wait for the same fetch) and kept five minutes; a
//! failed fetch is kept ten seconds. `helm show` answers are kept five minutes per
//! repository, chart and version, up to [`KEEP_SHOWN_BYTES`] in all.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Json;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{engine, params};
use crate::AppState;
use crate::error::{ApiError, Reason};
use crate::on_cluster::OnCluster;
use lanthorn_helm::{Engine, Proven};

const KEEP_INDEXES: Duration = Duration::from_secs(300);
const KEEP_FAILURE: Duration = Duration::from_secs(10);
const KEEP_SHOWN: Duration = Duration::from_secs(300);
/// Most bytes of READMEs and values kept.
pub const KEEP_SHOWN_BYTES: usize = 64 * 1024 * 1024;

/// What the catalog remembers, shared by all callers.
#[derive(Debug, Default)]
pub struct CatalogCache {
    /// The last index read. Held across a fetch, so concurrent callers share it.
    index: tokio::sync::Mutex<Option<Fetched>>,
    /// `helm show` answers by (repository, chart, version).
    shown: Mutex<Shown>,
}

#[derive(Debug)]
struct Fetched {
    at: Instant,
    charts: Result<Arc<Vec<Chart>>, String>,
}

impl Fetched {
    fn fresh(&self) -> bool {
        let keep = if self.charts.is_ok() {
            KEEP_INDEXES
        } else {
            KEEP_FAILURE
        };
        self.at.elapsed() < keep
    }
}

type ShowKey = (String, String, String);

/// A chart's README and default values.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Details {
    readme: Arc<str>,
    values: Arc<str>,
}

#[derive(Debug, Default)]
struct Shown {
    entries: HashMap<ShowKey, (Instant, Details)>,
    bytes: usize,
}

impl Shown {
    fn get(&mut self, key: &ShowKey) -> Option<Details> {
        match self.entries.get(key) {
            Some((at, details)) if at.elapsed() < KEEP_SHOWN => Some(details.clone()),
            Some(_) => {
                self.remove(key);
                None
            }
            None => None,
        }
    }

    /// Keeps `details`, first forgetting expired answers and then the oldest ones until
    /// everything kept fits in [`KEEP_SHOWN_BYTES`]; an answer larger than that is not kept.
    fn put(&mut self, key: ShowKey, details: Details) {
        let size = details.readme.len() + details.values.len();
        if size > KEEP_SHOWN_BYTES {
            return;
        }
        self.remove(&key);
        let expired: Vec<ShowKey> = self
            .entries
            .iter()
            .filter(|(_, (at, _))| at.elapsed() >= KEEP_SHOWN)
            .map(|(k, _)| k.clone())
            .collect();
        for key in &expired {
            self.remove(key);
        }
        while self.bytes + size > KEEP_SHOWN_BYTES {
            let Some(oldest) = self
                .entries
                .iter()
                .min_by_key(|(_, (at, _))| *at)
                .map(|(k, _)| k.clone())
            else {
                break;
            };
            self.remove(&oldest);
        }
        self.bytes += size;
        self.entries.insert(key, (Instant::now(), details));
    }

    fn remove(&mut self, key: &ShowKey) {
        if let Some((_, old)) = self.entries.remove(key) {
            self.bytes -= old.readme.len() + old.values.len();
        }
    }
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "CatalogChart")]
pub struct Chart {
    repository: String,
    name: String,
    description: String,
    icon: Option<String>,
    home: Option<String>,
    keywords: Vec<String>,
    versions: Vec<ChartVersion>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ChartVersion {
    version: String,
    app_version: Option<String>,
    created: Option<String>,
}

#[derive(Deserialize)]
struct Index {
    #[serde(default)]
    entries: HashMap<String, Vec<IndexEntry>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct IndexEntry {
    version: String,
    #[serde(default)]
    app_version: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    icon: Option<String>,
    #[serde(default)]
    home: Option<String>,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    created: Option<String>,
    #[serde(default)]
    deprecated: bool,
}

/// Charts of one repository's index, newest version first; deprecated charts left out.
fn charts_of(repository: &str, index_yaml: &str) -> Result<Vec<Chart>, String> {
    let index: Index = serde_yaml_ng::from_str(index_yaml)
        .map_err(|e| format!("repository {repository}: its index.yaml does not parse: {e}"))?;
    let mut charts = Vec::new();
    for (name, mut entries) in index.entries {
        entries.sort_by(|a, b| {
            b.created
                .cmp(&a.created)
                .then_with(|| b.version.cmp(&a.version))
        });
        let Some(latest) = entries.first() else {
            continue;
        };
        if latest.deprecated {
            continue;
        }
        charts.push(Chart {
            repository: repository.to_owned(),
            description: latest.description.clone().unwrap_or_default(),
            icon: latest
                .icon
                .clone()
                .filter(|i| i.starts_with("https://") || i.starts_with("data:image/")),
            home: latest.home.clone(),
            keywords: latest.keywords.clone(),
            versions: entries
                .iter()
                .map(|e| ChartVersion {
                    version: e.version.clone(),
                    app_version: e.app_version.clone(),
                    created: e.created.clone(),
                })
                .collect(),
            name,
        });
    }
    Ok(charts)
}

impl CatalogCache {
    /// Every listed chart, sorted by name: from the kept index read while it is fresh,
    /// else from a new read that concurrent callers wait for and share.
    async fn charts(&self, engine: &Engine, proven: &Proven) -> Result<Arc<Vec<Chart>>, ApiError> {
        self.charts_with(|| async {
            let slot = engine
                .slot(proven)
                .await
                .map_err(|e| Fetch::Busy(e.into()))?;
            let mut charts = Vec::new();
            for (repository, text) in engine.indexes(&slot).await.map_err(Fetch::Failed)? {
                charts.extend(charts_of(&repository, &text).map_err(Fetch::Failed)?);
            }
            charts.sort_by(|a, b| (&a.name, &a.repository).cmp(&(&b.name, &b.repository)));
            Ok(charts)
        })
        .await
    }

    /// [`Self::charts`] with the fetch given: one fetch at a time, its answer kept.
    async fn charts_with<F, Fut>(&self, fetch: F) -> Result<Arc<Vec<Chart>>, ApiError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Vec<Chart>, Fetch>>,
    {
        let mut kept = self.index.lock().await;
        if let Some(fetched) = kept.as_ref().filter(|f| f.fresh()) {
            return fetched.charts.clone().map_err(unreachable);
        }
        let charts = match fetch().await {
            Ok(charts) => Ok(Arc::new(charts)),
            // Busy is this caller's answer, not the repositories': nothing is kept.
            Err(Fetch::Busy(error)) => return Err(error),
            Err(Fetch::Failed(message)) => Err(message),
        };
        *kept = Some(Fetched {
            at: Instant::now(),
            charts: charts.clone(),
        });
        charts.map_err(unreachable)
    }

    /// A chart's README and values from `helm show`, kept five minutes.
    async fn details(
        &self,
        engine: &Engine,
        proven: &Proven,
        key: ShowKey,
        reference: &str,
    ) -> Result<Details, ApiError> {
        if let Some(details) = self.lock_shown().get(&key) {
            return Ok(details);
        }
        let slot = engine.slot(proven).await?;
        let version = Some(key.2.as_str()).filter(|v| !v.is_empty());
        let (readme, values) = engine
            .show(&slot, reference, version)
            .await
            .map_err(|message| {
                ApiError::new(StatusCode::BAD_GATEWAY, Reason::ChartUnavailable, message)
            })?;
        let details = Details {
            readme: readme.into(),
            values: values.into(),
        };
        self.lock_shown().put(key, details.clone());
        Ok(details)
    }

    fn lock_shown(&self) -> std::sync::MutexGuard<'_, Shown> {
        self.shown
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Why an index fetch gave no charts.
#[derive(Debug)]
enum Fetch {
    /// No turn to run Helm came free.
    Busy(ApiError),
    /// Helm or a repository failed (the message is already clean of credentials).
    Failed(String),
}

fn unreachable(message: String) -> ApiError {
    ApiError::new(
        StatusCode::BAD_GATEWAY,
        Reason::RepositoryUnavailable,
        message,
    )
}

/// The caller's credential for `cluster`, proven (the cluster recognises it): browsing
/// the catalog and the repositories needs a sign-in (a session or a bearer token, or in
/// kubeconfig mode the kubeconfig's own credential); 401 otherwise.
pub(super) async fn signed_in(engine: &Engine, on: OnCluster) -> Result<Proven, ApiError> {
    let OnCluster {
        name: cluster,
        client,
        credential,
        ..
    } = on;
    let client = &client;
    let kubeconfig = client
        .kubeconfig_for(&credential)
        .await
        .map_err(ApiError::from)?
        .ok_or_else(|| {
            ApiError::unauthorized(format!("sign in to cluster {cluster} to browse charts"))
        })?;
    Ok(engine.prove(client, &credential, &kubeconfig).await?)
}

/// `GET /clusters/{cluster}/helm/charts?filter=`.
pub async fn charts(
    State(state): State<AppState>,
    on: OnCluster,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let engine = engine(&state)?;
    let proven = signed_in(&engine, on).await?;
    let filter = query
        .get("filter")
        .map(|f| f.to_lowercase())
        .unwrap_or_default();
    let all = state.helm_catalog.charts(&engine, &proven).await?;
    let charts: Vec<&Chart> = all
        .iter()
        .filter(|c| {
            filter.is_empty()
                || c.name.to_lowercase().contains(&filter)
                || c.description.to_lowercase().contains(&filter)
                || c.keywords
                    .iter()
                    .any(|k| k.to_lowercase().contains(&filter))
        })
        .collect();
    Ok(Json(json!({"charts": charts})).into_response())
}

/// `GET /clusters/{cluster}/helm/chart?chart=REPO/CHART[&version=]`: README and defaults.
pub async fn chart(
    State(state): State<AppState>,
    on: OnCluster,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let engine = engine(&state)?;
    let proven = signed_in(&engine, on).await?;
    let requested = query.get("chart").map(String::as_str).unwrap_or_default();
    let (reference, _) = super::write::chart_reference(&engine, requested)?;
    let version = match query.get("version").filter(|v| !v.is_empty()) {
        Some(v) => Some(params::chart_version(v)?),
        None => None,
    };
    let (repository, name) = requested.split_once('/').unwrap_or_default();
    let key = (
        repository.to_owned(),
        name.to_owned(),
        version.clone().unwrap_or_default(),
    );
    let details = state
        .helm_catalog
        .details(&engine, &proven, key, &reference)
        .await?;
    Ok(Json(json!({"chart": requested, "version": version,
                    "readme": &*details.readme, "values": &*details.values}))
    .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_becomes_charts_with_versions_newest_first() {
        let index = r#"
apiVersion: v1
entries:
  web:
  - version: 1.0.0
    appVersion: "2.0"
    description: old
    created: "2026-01-01T00:00:00Z"
  - version: 1.1.0
    description: A web app
    icon: https://example.com/web.png
    keywords: [http]
    created: "2026-02-01T00:00:00Z"
  gone:
  - version: 0.1.0
    deprecated: true
  sneaky:
  - version: 0.1.0
    icon: "javascript:alert(1)"
"#;
        let mut charts = charts_of("demo", index).unwrap_or_default();
        charts.sort_by(|a, b| a.name.cmp(&b.name));
        let names: Vec<&str> = charts.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["sneaky", "web"]);
        let web = &charts[1];
        assert_eq!(web.description, "A web app");
        assert_eq!(
            web.versions
                .iter()
                .map(|v| v.version.as_str())
                .collect::<Vec<_>>(),
            ["1.1.0", "1.0.0"]
        );
        assert_eq!(web.icon.as_deref(), Some("https://example.com/web.png"));
        assert_eq!(charts[0].icon, None);
        assert!(charts_of("demo", "entries: [").is_err());
    }

    #[tokio::test]
    async fn concurrent_first_reads_share_one_fetch() {
        let cache = Arc::new(CatalogCache::default());
        let fetches = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let readers: Vec<_> = (0..8)
            .map(|_| {
                let (cache, fetches) = (Arc::clone(&cache), Arc::clone(&fetches));
                tokio::spawn(async move {
                    cache
                        .charts_with(|| async {
                            fetches.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                            tokio::time::sleep(Duration::from_millis(100)).await;
                            Ok(charts_of("demo", "entries: {web: [{version: 1.0.0}]}")
                                .unwrap_or_default())
                        })
                        .await
                        .map(|charts| charts.len())
                })
            })
            .collect();
        for reader in readers {
            assert!(matches!(reader.await, Ok(Ok(1))));
        }
        assert_eq!(fetches.load(std::sync::atomic::Ordering::SeqCst), 1);
        // A failure is kept briefly too (waiting callers do not each fetch again) ...
        let failing = CatalogCache::default();
        for _ in 0..3 {
            let answer = failing
                .charts_with(|| async {
                    fetches.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    Err(Fetch::Failed("repository demo: down".into()))
                })
                .await;
            assert!(matches!(answer, Err(e) if e.reason() == "RepositoryUnavailable"));
        }
        assert_eq!(fetches.load(std::sync::atomic::Ordering::SeqCst), 2);
        // ... but "Helm is busy" is only that caller's answer.
        let busy = CatalogCache::default();
        let answer = busy
            .charts_with(|| async {
                Err(Fetch::Busy(ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    Reason::HelmBusy,
                    "busy",
                )))
            })
            .await;
        assert!(matches!(answer, Err(e) if e.reason() == "HelmBusy"));
        assert!(busy.index.lock().await.is_none());
    }

    #[test]
    fn shown_charts_are_kept_within_their_byte_budget() {
        let mut shown = Shown::default();
        let key = |v: &str| ("demo".to_owned(), "web".to_owned(), v.to_owned());
        let details = |size: usize| Details {
            readme: "r".repeat(size).into(),
            values: "".into(),
        };
        shown.put(key("1"), details(10));
        assert_eq!(shown.get(&key("1")), Some(details(10)));
        assert_eq!(shown.get(&key("2")), None);
        // Too large to keep at all.
        shown.put(key("2"), details(KEEP_SHOWN_BYTES + 1));
        assert_eq!(shown.get(&key("2")), None);
        // Filling the budget forgets the oldest.
        shown.put(key("3"), details(KEEP_SHOWN_BYTES - 5));
        assert_eq!(shown.get(&key("1")), None);
        assert!(shown.get(&key("3")).is_some());
        assert!(shown.bytes <= KEEP_SHOWN_BYTES);
        shown.put(key("3"), details(1));
        assert_eq!(shown.bytes, 1);
    }
}
