//! Reading Helm's storage (Secrets and ConfigMaps labelled `owner=helm`) with the caller's
//! own credential. Cluster-wide reads fall back to one read per namespace the caller may
//! see, so a user limited to some namespaces still sees their releases there.

use futures_util::{StreamExt as _, stream};
use http::StatusCode;
use lanthorn_cluster::{ClusterClient, Credential};
use lanthorn_helm::{Release, Storage};
use serde_json::Value;

use crate::error::ApiError;

/// Namespaces read at once when falling back from a cluster-wide read.
const PARALLEL_NAMESPACES: usize = 8;

/// Where to read.
#[derive(Debug, Clone)]
pub enum Scope {
    Namespace(lanthorn_cluster::Namespace),
    AllNamespaces,
}

/// The cluster and the caller's credential for it.
pub struct Reader<'a> {
    pub client: &'a ClusterClient,
    pub credential: &'a Credential,
    /// Namespaces to try when the caller may list neither everywhere nor the namespaces
    /// themselves (a ServiceAccount's own namespace, those the browser remembers).
    pub hints: Vec<String>,
}

/// A stored record that is not a readable release: reported, not hidden.
#[derive(Debug, serde::Serialize, ts_rs::TS)]
#[ts(rename = "DamagedRecord")]
pub struct Damaged {
    pub namespace: String,
    /// The Secret's or ConfigMap's name.
    pub record: String,
    /// The release it belongs to (its `name` label).
    pub release: String,
    pub message: String,
}

/// What Helm's storage holds for the caller.
#[derive(Debug, Default)]
pub struct Stored {
    pub releases: Vec<Release>,
    pub damaged: Vec<Damaged>,
}

impl Reader<'_> {
    /// Every stored revision in `scope` (of release `name` only, when given), from both
    /// drivers. Secrets the caller may not read fail the call with the cluster's answer;
    /// ConfigMaps they may not read are skipped (most clusters use Secrets only).
    pub async fn releases(&self, scope: &Scope, name: Option<&str>) -> Result<Stored, ApiError> {
        let mut selector = String::from("owner%3Dhelm");
        if let Some(name) = name {
            selector.push_str("%2Cname%3D");
            selector.push_str(name);
        }
        let secrets = self
            .list(
                scope,
                "secrets",
                &format!("labelSelector={selector}&fieldSelector=type%3Dhelm.sh%2Frelease.v1"),
            )
            .await?;
        let config_maps = match self
            .list(scope, "configmaps", &format!("labelSelector={selector}"))
            .await
        {
            Ok(items) => items,
            Err(failure) if failure.status() == StatusCode::FORBIDDEN => Vec::new(),
            Err(failure) => return Err(failure),
        };
        let mut stored = Stored::default();
        // One budget for the whole answer: a gzip bomb, or many large records, becomes
        // error entries rather than memory.
        let mut budget = lanthorn_helm::Budget::per_request();
        for (items, storage) in [
            (secrets, Storage::Secret),
            (config_maps, Storage::ConfigMap),
        ] {
            for item in &items {
                match lanthorn_helm::decode_within(item, storage, &mut budget) {
                    Ok(release) => stored.releases.push(release),
                    Err(error) => {
                        let meta = &item["metadata"];
                        let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
                        stored.damaged.push(Damaged {
                            namespace: text(&meta["namespace"]),
                            record: text(&meta["name"]),
                            release: text(&meta["labels"]["name"]),
                            message: error.to_string(),
                        });
                    }
                }
            }
        }
        Ok(stored)
    }

    /// The items of `resource` in `scope`, falling back per namespace when a cluster-wide
    /// list is forbidden.
    async fn list(
        &self,
        scope: &Scope,
        resource: &str,
        query: &str,
    ) -> Result<Vec<Value>, ApiError> {
        match scope {
            Scope::Namespace(ns) => {
                self.items(&format!("/api/v1/namespaces/{ns}/{resource}?{query}"))
                    .await
            }
            Scope::AllNamespaces => {
                let everywhere = self.items(&format!("/api/v1/{resource}?{query}")).await;
                match everywhere {
                    Err(failure) if failure.status() == StatusCode::FORBIDDEN => {
                        let names: Vec<String> = match self.items("/api/v1/namespaces").await {
                            Ok(namespaces) => namespaces
                                .iter()
                                .filter_map(|ns| ns["metadata"]["name"].as_str())
                                .map(str::to_owned)
                                .collect(),
                            Err(_) if !self.hints.is_empty() => self.hints.clone(),
                            Err(_) => return Err(failure),
                        };
                        self.per_namespace(names, resource, query)
                            .await
                            .ok_or(failure)
                    }
                    other => other,
                }
            }
        }
    }

    /// The items in each namespace the caller may read; refused namespaces are skipped.
    /// `None` when every namespace refused.
    async fn per_namespace(
        &self,
        namespaces: Vec<String>,
        resource: &str,
        query: &str,
    ) -> Option<Vec<Value>> {
        let paths: Vec<String> = namespaces
            .iter()
            .map(|ns| format!("/api/v1/namespaces/{ns}/{resource}?{query}"))
            .collect();
        let lists: Vec<Result<Vec<Value>, ApiError>> = stream::iter(paths)
            .map(|path| async move { self.items(&path).await })
            .buffer_unordered(PARALLEL_NAMESPACES)
            .collect()
            .await;
        if !lists.is_empty() && lists.iter().all(Result::is_err) {
            return None;
        }
        Some(lists.into_iter().filter_map(Result::ok).flatten().collect())
    }

    /// GETs a list and returns its items; a refusal is the cluster's own answer.
    async fn items(&self, path: &str) -> Result<Vec<Value>, ApiError> {
        let mut list: Value = self.client.get_json(path, self.credential).await?;
        match list["items"].take() {
            Value::Array(items) => Ok(items),
            _ => Ok(Vec::new()),
        }
    }
}
