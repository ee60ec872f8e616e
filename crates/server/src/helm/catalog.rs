//! The chart catalog: charts of the operator's http(s) repositories, read from their
//! `index.yaml` (fetched by Helm, kept five minutes), and one chart's README and default
//! values (`helm show`). Users cannot add repositories.
//!
//! - `GET /clusters/{c}/helm/charts?filter=` → `{"charts": [{repository, name, description,
//!   icon, home, keywords, versions: [{version, appVersion, created}]}]}` (newest first)
//! - `GET /clusters/{c}/helm/chart?chart=REPO/CHART[&version=]` → `{readme, values}`

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::storage::Failure;
use super::{engine, params};
use crate::AppState;
use crate::caller::Caller;
use crate::error::ApiError;

const KEEP_INDEXES: Duration = Duration::from_secs(300);

/// The last catalog read, shared by all callers.
#[derive(Debug, Default)]
pub struct CatalogCache {
    entry: Mutex<Option<(Instant, Vec<Chart>)>>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Chart {
    repository: String,
    name: String,
    description: String,
    icon: Option<String>,
    home: Option<String>,
    keywords: Vec<String>,
    versions: Vec<ChartVersion>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct ChartVersion {
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
    async fn charts(&self, state: &AppState) -> Result<Vec<Chart>, ApiError> {
        if let Some((at, charts)) = self.lock().as_ref()
            && at.elapsed() < KEEP_INDEXES
        {
            return Ok(charts.clone());
        }
        let engine = engine(state)?;
        let unreachable = |message: String| {
            ApiError::new(StatusCode::BAD_GATEWAY, "RepositoryUnavailable", message)
        };
        let mut charts = Vec::new();
        for (repository, text) in engine.indexes().await.map_err(unreachable)? {
            charts.extend(charts_of(&repository, &text).map_err(unreachable)?);
        }
        charts.sort_by(|a, b| (&a.name, &a.repository).cmp(&(&b.name, &b.repository)));
        *self.lock() = Some((Instant::now(), charts.clone()));
        Ok(charts)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<(Instant, Vec<Chart>)>> {
        self.entry
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Only signed-in callers (any credential for the cluster) make Lanthorn fetch indexes.
async fn signed_in(state: &AppState, cluster: &str, headers: &HeaderMap) -> Result<(), ApiError> {
    let client = state
        .clusters
        .get(cluster)
        .ok_or_else(|| ApiError::unknown_cluster(cluster))?;
    let caller = Caller::identify(state, headers).await?;
    if caller.credential(state, client).source() == lanthorn_cluster::CredentialSource::None {
        return Err(ApiError::unauthorized(format!(
            "sign in to cluster {cluster} to browse charts"
        )));
    }
    Ok(())
}

/// `GET /clusters/{cluster}/helm/charts?filter=`.
pub async fn charts(
    State(state): State<AppState>,
    Path(cluster): Path<String>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let result = async {
        engine(&state)?;
        signed_in(&state, &cluster, &headers).await?;
        let filter = query
            .get("filter")
            .map(|f| f.to_lowercase())
            .unwrap_or_default();
        let charts: Vec<Chart> = state
            .helm_catalog
            .charts(&state)
            .await?
            .into_iter()
            .filter(|c| {
                filter.is_empty()
                    || c.name.to_lowercase().contains(&filter)
                    || c.description.to_lowercase().contains(&filter)
                    || c.keywords
                        .iter()
                        .any(|k| k.to_lowercase().contains(&filter))
            })
            .collect();
        Ok::<_, Failure>(Json(json!({"charts": charts})).into_response())
    }
    .await;
    result.unwrap_or_else(IntoResponse::into_response)
}

/// `GET /clusters/{cluster}/helm/chart?chart=REPO/CHART[&version=]`: README and defaults.
pub async fn chart(
    State(state): State<AppState>,
    Path(cluster): Path<String>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let result = async {
        let engine = engine(&state)?;
        signed_in(&state, &cluster, &headers).await?;
        let requested = query.get("chart").map(String::as_str).unwrap_or_default();
        let (reference, _) = super::write::chart_reference(&engine, requested)?;
        let version = match query.get("version").filter(|v| !v.is_empty()) {
            Some(v) => Some(params::chart_version(v)?),
            None => None,
        };
        let failed =
            |message: String| ApiError::new(StatusCode::BAD_GATEWAY, "ChartUnavailable", message);
        let readme = engine
            .show("readme", &reference, version.as_deref())
            .await
            .map_err(failed)?;
        let values = engine
            .show("values", &reference, version.as_deref())
            .await
            .map_err(failed)?;
        Ok::<_, Failure>(
            Json(
                json!({"chart": requested, "version": version, "readme": readme, "values": values}),
            )
            .into_response(),
        )
    }
    .await;
    result.unwrap_or_else(IntoResponse::into_response)
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
}
