//! The read routes: list, get, history.

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Query, State};
use axum::response::{IntoResponse as _, Response};
use http::StatusCode;
use lanthorn_cluster::Namespace;
use lanthorn_helm::{Filter, Release, StateMask};
use serde_json::{Value, json};

use super::params::{boolean, k8s_name, kube_name, number, release_id};
use super::storage::{Reader, Scope, Stored};
use crate::AppState;
use crate::error::{ApiError, Reason};
use crate::identity::Who;
use crate::on_cluster::OnCluster;

type Params = Query<HashMap<String, String>>;

/// `GET /clusters/{cluster}/helm/releases/list`.
pub async fn list(
    State(state): State<AppState>,
    on: OnCluster,
    Query(params): Params,
) -> Result<Response, ApiError> {
    let flag = |name: &str| boolean(&params, name);
    let scope = if flag("allNamespaces")? {
        Scope::AllNamespaces
    } else {
        Scope::Namespace(k8s_name(&params, "namespace", Some("default"))?)
    };
    let filter = Filter {
        states: StateMask {
            all: flag("all")?,
            deployed: flag("deployed")?,
            failed: flag("failed")?,
            pending: flag("pending")?,
            superseded: flag("superseded")?,
            uninstalling: flag("uninstalling")?,
            uninstalled: flag("uninstalled")?,
        },
        name_contains: params.get("filter").filter(|f| !f.is_empty()).cloned(),
        by_date: flag("byDate")?,
        offset: number(&params, "offset")?,
        limit: number(&params, "limit")?,
    };
    let hints = match params.get("namespaces").filter(|n| !n.is_empty()) {
        Some(list) => list
            .split(',')
            .map(|ns| kube_name::<Namespace>("namespaces", ns.trim()).map(|n| n.to_string()))
            .collect::<Result<Vec<_>, _>>()?,
        None => Vec::new(),
    };
    let stored = read(&state, on, &scope, None, hints).await?;
    let releases = lanthorn_helm::select(stored.releases, &filter);
    Ok(Json(json!({"releases": jsons(releases), "errors": stored.damaged})).into_response())
}

/// `GET /clusters/{cluster}/helm/releases?name=&namespace=`: the latest revision.
pub async fn get(
    State(state): State<AppState>,
    on: OnCluster,
    Query(params): Params,
) -> Result<Response, ApiError> {
    let mut revisions = revisions(&state, on, &params).await?;
    let latest = revisions.pop().map(|r| r.json).unwrap_or_default();
    Ok(Json(latest).into_response())
}

/// `GET /clusters/{cluster}/helm/release/history?name=&namespace=`: every revision.
pub async fn history(
    State(state): State<AppState>,
    on: OnCluster,
    Query(params): Params,
) -> Result<Response, ApiError> {
    let revisions = revisions(&state, on, &params).await?;
    Ok(Json(json!({"releases": jsons(revisions)})).into_response())
}

/// Every revision of the release `name`/`namespace` in `params`, oldest first; 404 when
/// there is none the caller may read.
async fn revisions(
    state: &AppState,
    on: OnCluster,
    params: &HashMap<String, String>,
) -> Result<Vec<Release>, ApiError> {
    let (namespace, name) = release_id(params)?;
    let scope = Scope::Namespace(namespace.clone());
    let stored = read(state, on, &scope, Some(&name), Vec::new()).await?;
    let revisions = lanthorn_helm::history(stored.releases, &namespace, &name);
    if revisions.is_empty() {
        return Err(not_found(&namespace, &name));
    }
    Ok(revisions)
}

/// The stored revisions, read with the caller's credential for `cluster`.
async fn read(
    state: &AppState,
    on: OnCluster,
    scope: &Scope,
    name: Option<&str>,
    mut hints: Vec<String>,
) -> Result<Stored, ApiError> {
    super::engine(state)?;
    let OnCluster {
        name: cluster,
        client,
        caller,
        credential,
    } = on;
    let client = &client;
    if matches!(scope, Scope::AllNamespaces) {
        // A ServiceAccount's own namespace is worth trying when it may not list others.
        let (user, _) = Who::of(&caller, cluster.as_str())
            .resolve(state, client, &credential)
            .await;
        if let Some(ns) = user
            .strip_prefix("system:serviceaccount:")
            .and_then(|rest| rest.split(':').next())
            && !hints.iter().any(|h| h == ns)
        {
            hints.push(ns.to_owned());
        }
    }
    Reader {
        client,
        credential: &credential,
        hints,
    }
    .releases(scope, name)
    .await
}

fn jsons(releases: Vec<Release>) -> Vec<Value> {
    releases.into_iter().map(|r| r.json).collect()
}

pub(super) fn not_found(namespace: &str, name: &str) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        Reason::ReleaseNotFound,
        format!(
            "release {name:?} was not found in namespace {namespace:?}, or you may not read it"
        ),
    )
}
