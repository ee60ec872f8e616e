//! The change routes (Headlamp's): rollback, uninstall, upgrade, install, and the status
//! of a change. Each change runs the `helm` program in the background with the caller's
//! own credential and answers `202 Accepted` at once; `GET …/helm/action/status` tells
//! how it ended, with Helm's message when it failed. Every change reaches the audit log.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use lanthorn_cluster::ClusterClient;
use secrecy::ExposeSecret as _;
use serde::Deserialize;
use serde_json::json;

use lanthorn_cluster::{KubeName, Namespace};
use lanthorn_helm::{Action, Progress, owner_of};
use lanthorn_helm::{Engine, Proven, Run};

use super::{engine, params};
use crate::AppState;
use crate::audit::AuditEvent;
use crate::caller::Caller;
use crate::error::{ApiError, Reason};
use crate::identity::Who;
use crate::on_cluster::OnCluster;

type Body<T> = Result<Json<T>, JsonRejection>;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RollbackRequest {
    name: String,
    namespace: String,
    revision: u64,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChartRequest {
    name: String,
    namespace: String,
    /// `REPOSITORY/CHART`, the repository one the operator configured. Empty for an
    /// upgrade: the chart stored in the release's latest revision.
    #[serde(default)]
    chart: String,
    #[serde(default)]
    version: Option<String>,
    /// Base64-encoded YAML.
    #[serde(default)]
    values: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    create_namespace: bool,
}

/// `PUT /clusters/{cluster}/helm/releases/rollback` `{name, namespace, revision}`.
pub async fn rollback(
    State(state): State<AppState>,
    on: OnCluster,
    body: Body<RollbackRequest>,
) -> Result<Response, ApiError> {
    let Json(request) = body.map_err(bad_body)?;
    let name = params::release_name(&request.name)?;
    let namespace = k8s_namespace(&request.namespace)?;
    if request.revision == 0 {
        return Err(ApiError::bad_request(
            Reason::BadRequest,
            "revision must be 1 or more",
        ));
    }
    let run = Run {
        args: vec![
            "rollback".into(),
            name.to_string(),
            request.revision.to_string(),
        ],
        values: None,
        with_repositories: false,
        chart_folder: None,
    };
    start(&state, on, Action::Rollback, &namespace, &name, run).await
}

/// `DELETE /clusters/{cluster}/helm/releases/uninstall?name=&namespace=[&keepHistory=true]`.
pub async fn uninstall(
    State(state): State<AppState>,
    on: OnCluster,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let (namespace, name) = params::release_id(&query)?;
    let mut args: Vec<String> = vec!["uninstall".into(), name.to_string()];
    if params::boolean(&query, "keepHistory")? {
        args.push("--keep-history".into());
    }
    let run = Run {
        args,
        values: None,
        with_repositories: false,
        chart_folder: None,
    };
    start(&state, on, Action::Uninstall, &namespace, &name, run).await
}

/// `PUT /clusters/{cluster}/helm/releases/upgrade` `{name, namespace, chart, version?,
/// values?, description?}`.
pub async fn upgrade(
    State(state): State<AppState>,
    on: OnCluster,
    body: Body<ChartRequest>,
) -> Result<Response, ApiError> {
    let Json(request) = body.map_err(bad_body)?;
    chart_change(&state, on, Action::Upgrade, request).await
}

/// `POST /clusters/{cluster}/helm/release/install` `{name, namespace, chart, version?,
/// values?, description?, createNamespace?}`.
pub async fn install(
    State(state): State<AppState>,
    on: OnCluster,
    body: Body<ChartRequest>,
) -> Result<Response, ApiError> {
    let Json(request) = body.map_err(bad_body)?;
    chart_change(&state, on, Action::Install, request).await
}

/// `GET /clusters/{cluster}/helm/action/status?name=&action=[&namespace=]`:
/// `{"status": "processing" | "success" | "failed" | "", "message"?}`.
pub async fn status(
    State(state): State<AppState>,
    on: OnCluster,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let name: KubeName = params::k8s_name(&query, "name", None)?;
    let action = query
        .get("action")
        .and_then(|a| Action::parse(a))
        .ok_or_else(|| {
            ApiError::bad_request(
                Reason::BadRequest,
                "action must be install, upgrade, rollback or uninstall",
            )
        })?;
    let namespace = match query.get("namespace").filter(|n| !n.is_empty()) {
        Some(_) => Some(params::k8s_name::<Namespace>(&query, "namespace", None)?),
        None => None,
    };
    let cluster = on.name.clone();
    let owner = owner_of(asker(&state, on).await?.kubeconfig.expose_secret());
    let body = match state.helm_actions.progress(
        cluster.as_str(),
        action,
        namespace.as_deref(),
        &name,
        owner,
    ) {
        None => json!({"status": ""}),
        Some(Progress::Processing) => json!({"status": "processing"}),
        Some(Progress::Success(message)) => {
            json!({"status": "success", "message": message})
        }
        Some(Progress::Failed(message)) => json!({"status": "failed", "message": message}),
    };
    Ok(Json(body).into_response())
}

/// `GET /clusters/{cluster}/helm/repositories`: the chart repositories users may install
/// from, for a caller signed in to the cluster. Addresses are shown without the
/// credentials they may hold.
pub async fn repositories(
    State(state): State<AppState>,
    on: OnCluster,
) -> Result<Response, ApiError> {
    let engine = engine(&state)?;
    super::catalog::signed_in(&engine, on).await?;
    let list: Vec<_> = engine
        .repositories()
        .iter()
        .map(|r| json!({"name": r.name, "url": lanthorn_helm::shown_url(&r.url)}))
        .collect();
    Ok(Json(json!({"repositories": list})).into_response())
}

async fn chart_change(
    state: &AppState,
    on: OnCluster,
    action: Action,
    request: ChartRequest,
) -> Result<Response, ApiError> {
    let engine = engine(state)?;
    let name = params::release_name(&request.name)?;
    let namespace = k8s_namespace(&request.namespace)?;
    let stored = request.chart.is_empty() && action == Action::Upgrade;
    let (chart, from_index, chart_folder) = if stored {
        let files = stored_chart_of(&on, &namespace, &name).await?;
        (lanthorn_helm::STORED_CHART.to_owned(), false, Some(files))
    } else {
        let (chart, from_index) = chart_reference(&engine, &request.chart)?;
        (chart, from_index, None)
    };
    let mut args = vec![action.as_str().to_owned(), name.to_string(), chart];
    if let Some(version) = request.version.as_deref().filter(|v| !v.is_empty()) {
        if stored {
            return Err(ApiError::bad_request(
                Reason::BadRequest,
                "a version needs a chart from a repository; the stored chart has one version",
            ));
        }
        args.push("--version".into());
        args.push(params::chart_version(version)?);
    }
    if let Some(description) = request.description.as_deref().filter(|d| !d.is_empty()) {
        args.push("--description".into());
        args.push(description.chars().take(512).collect());
    }
    if action == Action::Install && request.create_namespace {
        args.push("--create-namespace".into());
    }
    let run = Run {
        args,
        values: params::values(request.values.as_deref())?,
        with_repositories: from_index,
        chart_folder,
    };
    start(state, on, action, &namespace, &name, run).await
}

/// The chart stored in the latest revision of release `name`, read with the caller's own
/// credential: 404 when there is none the caller may read, 422 when Helm did not store
/// all of it (subcharts) or the record is not a usable chart.
async fn stored_chart_of(
    on: &OnCluster,
    namespace: &Namespace,
    name: &KubeName,
) -> Result<Vec<lanthorn_helm::ChartFile>, ApiError> {
    let stored = super::storage::Reader {
        client: &on.client,
        credential: &on.credential,
        hints: Vec::new(),
    }
    .releases(
        &super::storage::Scope::Namespace(namespace.clone()),
        Some(name),
    )
    .await?;
    let latest = lanthorn_helm::history(stored.releases, namespace, name)
        .pop()
        .ok_or_else(|| super::read::not_found(namespace, name))?;
    lanthorn_helm::stored_chart(&latest.json).map_err(|e| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            Reason::StoredChartUnusable,
            format!("release {name} cannot be upgraded from its stored chart: {e}"),
        )
    })
}

/// `REPOSITORY/CHART` → what Helm is given, and whether the repository must be added
/// first (http(s) repositories; OCI charts are named by their full reference).
pub(super) fn chart_reference(engine: &Engine, chart: &str) -> Result<(String, bool), ApiError> {
    let names: Vec<&str> = engine
        .repositories()
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    let refuse = || {
        ApiError::bad_request(
            Reason::BadRequest,
            if names.is_empty() {
                "no chart repositories are configured (--helm-repository NAME=URL)".to_owned()
            } else {
                format!(
                    "chart must be REPOSITORY/CHART with REPOSITORY one of: {}",
                    names.join(", ")
                )
            },
        )
    };
    let (repo_name, chart_name) = chart.split_once('/').ok_or_else(refuse)?;
    let repo = engine
        .repositories()
        .iter()
        .find(|r| r.name == repo_name)
        .ok_or_else(refuse)?;
    let chart_name: KubeName = params::kube_name("chart", chart_name)?;
    if repo.url.scheme() == "oci" {
        Ok((lanthorn_helm::oci_reference(&repo.url, &chart_name), false))
    } else {
        Ok((format!("{repo_name}/{chart_name}"), true))
    }
}

fn k8s_namespace(value: &str) -> Result<Namespace, ApiError> {
    params::kube_name("namespace", value)
}

fn bad_body(rejection: JsonRejection) -> ApiError {
    ApiError::new(
        rejection.status(),
        Reason::BadRequest,
        rejection.body_text(),
    )
}

/// Who asks, on which cluster, with which credential, and a kubeconfig carrying it.
struct Asker {
    cluster: lanthorn_cluster::ClusterName,
    proven: Proven,
    client: Arc<ClusterClient>,
    caller: Caller,
    credential: lanthorn_cluster::Credential,
    kubeconfig: secrecy::SecretString,
}

/// The caller's credential for `cluster` as a kubeconfig, proven: 401 without one, or
/// when the cluster does not recognise it (Helm never acts anonymously, as Lanthorn's own
/// ServiceAccount, or for a made-up token).
async fn asker(state: &AppState, on: OnCluster) -> Result<Asker, ApiError> {
    let engine = engine(state)?;
    let OnCluster {
        name: cluster,
        client,
        caller,
        credential,
    } = on;
    let kubeconfig = client
        .kubeconfig_for(&credential)
        .await
        .map_err(ApiError::from)?
        .ok_or_else(|| {
            ApiError::unauthorized(format!(
                "sign in to cluster {cluster} to change Helm releases"
            ))
        })?;
    let proven = engine.prove(&client, &credential, &kubeconfig).await?;
    Ok(Asker {
        cluster,
        proven,
        client,
        caller,
        credential,
        kubeconfig,
    })
}

/// Starts a change in the background and answers 202, or 409 if the same change of the
/// same release is still running.
async fn start(
    state: &AppState,
    on: OnCluster,
    action: Action,
    namespace: &str,
    name: &str,
    run: Run,
) -> Result<Response, ApiError> {
    let engine = engine(state)?;
    let Asker {
        cluster,
        proven,
        client,
        caller,
        credential,
        kubeconfig,
    } = asker(state, on).await?;
    let cluster = cluster.as_str();
    // Ask the cluster first, so a change the user may not make is refused at once (403)
    // rather than started and failed: Helm keeps releases in Secrets.
    let verbs: &[&str] = match action {
        Action::Install => &["create"],
        Action::Upgrade | Action::Rollback => &["create", "update"],
        Action::Uninstall => &["delete"],
    };
    for verb in verbs {
        let attributes =
            serde_json::json!({"verb": verb, "resource": "secrets", "namespace": namespace});
        if !client.may(&credential, attributes).await? {
            let (user, groups) = Who::of(&caller, cluster)
                .resolve(state, &client, &credential)
                .await;
            state.audit.record(&AuditEvent {
                event: "helm",
                user: Some(&user),
                groups: &groups,
                credential: Some(credential.source().as_str()),
                cluster: Some(cluster),
                verb: Some(action.as_str()),
                group: Some("helm.sh"),
                resource: Some("releases"),
                namespace: Some(namespace),
                name: Some(name),
                status: Some(403),
                ..AuditEvent::default()
            });
            return Err(ApiError::forbidden(
                Reason::Forbidden,
                format!(
                    "{user} may not {} Helm releases in namespace {namespace} (Helm needs {verb} on secrets there)",
                    action.as_str()
                ),
            ));
        }
    }
    // A turn to run Helm, or 503 now: after the 202 there is no one left to tell.
    let slot = engine.slot(&proven).await?;
    let owner = owner_of(kubeconfig.expose_secret());
    if !state
        .helm_actions
        .start(cluster, action, namespace, name, owner)
    {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            Reason::ActionRunning,
            format!("a {} of release {name} is already running", action.as_str()),
        ));
    }
    let who = Who::of(&caller, cluster);
    let message = format!("{} of release {name} started", action.as_str());
    let (state, cluster, namespace, name) = (
        state.clone(),
        cluster.to_owned(),
        namespace.to_owned(),
        name.to_owned(),
    );
    tokio::spawn(async move {
        let outcome = engine.run(&slot, &kubeconfig, &namespace, run).await;
        drop(slot);
        let (user, groups) = who.resolve(&state, &client, &credential).await;
        // The audit log keeps Helm's summary line, not its debug details.
        let failure = outcome
            .as_ref()
            .err()
            .map(|m| m.lines().next().unwrap_or_default());
        state.audit.record(&AuditEvent {
            event: "helm",
            user: Some(&user),
            groups: &groups,
            credential: Some(credential.source().as_str()),
            cluster: Some(&cluster),
            verb: Some(action.as_str()),
            group: Some("helm.sh"),
            resource: Some("releases"),
            namespace: Some(&namespace),
            name: Some(&name),
            status: Some(if failure.is_some() { 500 } else { 200 }),
            reason: failure,
            ..AuditEvent::default()
        });
        let progress = match outcome {
            Ok(()) => Progress::Success(format!("{} of {name} succeeded", action.as_str())),
            Err(message) => Progress::Failed(message),
        };
        state
            .helm_actions
            .finish(&cluster, action, &namespace, &name, progress);
    });
    Ok((
        StatusCode::ACCEPTED,
        Json(json!({"status": "processing", "message": message})),
    )
        .into_response())
}
