//! Lanthorn's HTTP server.
//!
//! [`app`] builds the router from an [`AppState`]; [`serve`] binds and runs it (plain or
//! TLS). Routes:
//! - `GET /config` — clusters, sign-in methods, reachability (`routes::config`)
//! - `POST /clusters/{cluster}/set-token`, `GET /clusters/{cluster}/me`, `POST /sign-out`
//!   (`routes::token`)
//! - `GET /oidc`, `GET /oidc-callback` — OIDC sign-in (`routes::oidc`)
//! - `/clusters/{cluster}/{path}` — the Kubernetes API proxy (`proxy`);
//!   `/clusters/{cluster}/serviceproxy/{ns}/{service}/{path}` — a Service through it
//! - `/clusters/{cluster}/helm/…` — Helm releases read with the caller's credential (`helm`)
//! - `/clusters/{cluster}/portforward` — port-forwards started from the UI (`portforward`)
//! - `GET /watch` — one WebSocket per browser tab multiplexing its watches (`watch`)
//! - `/healthz`, `/readyz`, `/metrics` (`routes::health`)
//! - everything else — the embedded web app (`assets`)
//!
//! Every route that talks to a cluster takes [`on_cluster::OnCluster`]: the only code
//! that may turn a [`caller::Caller`] into a credential (through
//! `lanthorn_cluster::Credential::resolve`, the one credential resolver).

mod assets;
pub mod audit;
mod bindings;
mod caller;
mod caps;
mod clusters;
mod cookie;
mod error;
mod fleet;
mod helm;
mod identity;
pub mod impersonation;
mod listener;
mod metrics;
mod oidc_providers;
mod page;
mod portforward;
mod proxy;
mod ratelimit;
mod refresh;
mod refusals;
mod routes;
mod security;
mod streams;
mod watch;

use caller::on_cluster;

use std::ops::Deref;
use std::sync::Arc;

use axum::Router;
use axum::extract::{MatchedPath, Request};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{any, delete, get, post, put};
use lanthorn_session::Sessions;

pub use audit::AuditLog;
pub use clusters::{Clusters, LoadError};
pub use listener::{ServeError, serve, tls_acceptor as listener_tls};
pub use metrics::Metrics;
pub use refresh::DEFAULT_MARGIN as DEFAULT_REFRESH_MARGIN;
pub use security::{AllowedHosts, WebPolicy};

/// Everything handlers share.
#[derive(Clone, Debug)]
pub struct AppState(Arc<Shared>);

/// The shared parts of [`AppState`].
#[derive(Debug)]
pub struct Shared {
    /// The clusters.
    pub clusters: Clusters,
    /// The session manager.
    pub sessions: Sessions,
    /// The audit log.
    pub audit: AuditLog,
    /// Metrics.
    pub metrics: Metrics,
    /// The browser always reaches us over HTTPS: we terminate TLS, or `--secure-cookies`
    /// says a proxy in front does (cookies are then always `Secure`, with HSTS).
    pub served_over_tls: bool,
    /// Allowed `Host` names and the service proxy origin.
    pub web: WebPolicy,
    /// OIDC sign-in configured server-wide (`--oidc-*`).
    pub oidc: Option<Arc<lanthorn_oidc::Provider>>,
    /// `--oidc-callback-url`, when set.
    pub oidc_callback_url: Option<String>,
    /// Refresh OIDC tokens this many seconds before they expire.
    pub refresh_margin: u64,
    /// `--base-url`, e.g. `/lanthorn`, or empty.
    pub base_url: String,
    /// Identities of non-session credentials, for the audit log.
    pub identities: identity::IdentityCache,
    /// OIDC providers from kubeconfig `auth-provider: oidc` entries, by cluster.
    pub cluster_oidc: std::collections::BTreeMap<String, Arc<lanthorn_oidc::Provider>>,
    /// Clusters reached by impersonation (`--oidc-impersonate`) and the claim mapping.
    pub impersonation: impersonation::ImpersonationMode,
    /// The `helm` program and chart repositories; `None` when Helm features are off.
    pub helm: Option<Arc<helm::Engine>>,
    /// Helm changes in progress or recently ended.
    pub helm_actions: helm::Actions,
    /// The chart repositories' indexes, read recently.
    pub helm_catalog: helm::CatalogCache,
    /// Port-forwards started from the UI.
    pub forwards: portforward::Forwards,
    /// Sign-outs announced to the streams of the session.
    pub streams: streams::SessionStreams,
    /// Long-running upstream streams open, by caller.
    pub stream_caps: caps::Caps,
    /// `/watch` sockets open, by session (or token, or address).
    pub watch_sockets: caps::Caps,
    /// Ended sessions already recorded in the audit log.
    pub ended_sessions: caller::EndedSessions,
    /// Token sign-ins by client address.
    pub sign_in_attempts: ratelimit::RateLimit,
    /// Recent `/config` reachability probes.
    pub probes: routes::config::ProbeCache,
}

/// What [`AppState::new`] is made from.
#[derive(Debug)]
pub struct Parts {
    /// The clusters.
    pub clusters: Clusters,
    /// The session manager.
    pub sessions: Sessions,
    /// The audit log.
    pub audit: AuditLog,
    /// We terminate TLS ourselves, or `--secure-cookies`.
    pub served_over_tls: bool,
    /// Allowed `Host` names and the service proxy origin.
    pub web: WebPolicy,
    /// The OIDC provider, when configured.
    pub oidc: Option<Arc<lanthorn_oidc::Provider>>,
    /// `--oidc-callback-url`.
    pub oidc_callback_url: Option<String>,
    /// Seconds before expiry at which OIDC tokens are refreshed.
    pub refresh_margin: u64,
    /// `--base-url`.
    pub base_url: String,
    /// Helm features.
    pub helm: lanthorn_config::HelmConfig,
    /// Clusters reached by impersonation, and the claim mapping.
    pub impersonation: impersonation::ImpersonationMode,
}

impl AppState {
    /// Wraps the shared parts.
    pub fn new(parts: Parts) -> Self {
        let use_pkce = parts.oidc.as_ref().and_then(|p| p.settings().use_pkce);
        let cluster_oidc = oidc_providers::from_kubeconfigs(&parts.clusters, use_pkce);
        Self(Arc::new(Shared {
            cluster_oidc,
            impersonation: parts.impersonation,
            clusters: parts.clusters,
            sessions: parts.sessions,
            audit: parts.audit,
            metrics: Metrics::default(),
            served_over_tls: parts.served_over_tls,
            web: parts.web,
            oidc: parts.oidc,
            oidc_callback_url: parts.oidc_callback_url,
            refresh_margin: parts.refresh_margin,
            base_url: parts.base_url,
            identities: identity::IdentityCache::default(),
            helm: parts.helm.enabled.then(|| {
                Arc::new(helm::Engine::new(
                    parts.helm.binary,
                    parts.helm.repositories,
                ))
            }),
            helm_actions: helm::Actions::default(),
            helm_catalog: helm::CatalogCache::default(),
            forwards: portforward::Forwards::default(),
            streams: streams::SessionStreams::default(),
            stream_caps: caps::Caps::new(proxy::STREAMS_PER_CALLER),
            watch_sockets: caps::Caps::new(watch::MAX_SOCKETS),
            ended_sessions: caller::EndedSessions::default(),
            sign_in_attempts: ratelimit::RateLimit::new(
                routes::token::SIGN_INS_PER_MINUTE,
                std::time::Duration::from_secs(60),
            ),
            probes: routes::config::ProbeCache::default(),
        }))
    }
}

impl Shared {
    /// The OIDC provider for `cluster`: its kubeconfig's `auth-provider: oidc`, else the
    /// server-wide `--oidc-*` one.
    pub fn oidc_for(&self, cluster: &str) -> Option<&Arc<lanthorn_oidc::Provider>> {
        self.cluster_oidc.get(cluster).or(self.oidc.as_ref())
    }

    /// The issuer that vouches for users of `cluster` (its OIDC provider's), if any.
    pub fn issuer_for(&self, cluster: &str) -> Option<&str> {
        self.oidc_for(cluster)
            .map(|provider| provider.settings().issuer_url.as_str())
    }
}

impl Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// The whole application, mounted under `--base-url` when one is set.
pub fn app(state: AppState) -> Router {
    let routes = Router::new()
        .route("/config", get(routes::config::get))
        .route("/sign-out", post(routes::token::sign_out))
        .route("/oidc", get(routes::oidc::start))
        .route("/oidc-callback", get(routes::oidc::callback))
        .route(
            "/clusters/{cluster}/set-token",
            post(routes::token::set_token),
        )
        .route("/clusters/{cluster}/me", get(routes::token::me))
        .route("/watch", get(watch::handle))
        .route("/clusters/{cluster}/helm/releases/list", get(helm::list))
        .route("/clusters/{cluster}/helm/releases", get(helm::get))
        .route(
            "/clusters/{cluster}/helm/release/history",
            get(helm::history),
        )
        .route(
            "/clusters/{cluster}/helm/releases/rollback",
            put(helm::rollback),
        )
        .route(
            "/clusters/{cluster}/helm/releases/uninstall",
            delete(helm::uninstall),
        )
        .route(
            "/clusters/{cluster}/helm/releases/upgrade",
            put(helm::upgrade),
        )
        .route(
            "/clusters/{cluster}/helm/release/install",
            post(helm::install),
        )
        .route("/clusters/{cluster}/helm/action/status", get(helm::status))
        .route(
            "/clusters/{cluster}/helm/repositories",
            get(helm::repositories),
        )
        .route(
            "/clusters/{cluster}/portforward",
            get(portforward::list).post(portforward::start),
        )
        .route(
            "/clusters/{cluster}/portforward/{id}",
            delete(portforward::stop),
        )
        .route("/clusters/{cluster}/helm/charts", get(helm::charts))
        .route("/clusters/{cluster}/helm/chart", get(helm::chart))
        .route(
            "/clusters/{cluster}/serviceproxy/{*path}",
            any(proxy::service::handle),
        )
        .route("/clusters/{cluster}/{*path}", any(proxy::handle))
        .route("/healthz", get(routes::health::healthz))
        .route("/readyz", get(routes::health::readyz))
        .route("/metrics", get(routes::health::metrics))
        .fallback(assets::serve)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::guard,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), count))
        .with_state(state.clone());
    let base = state.base_url.trim_end_matches('/');
    let app = if base.is_empty() {
        routes
    } else {
        // Probes stay at the root so a chart's probes need not know the prefix.
        Router::new()
            .route("/healthz", get(routes::health::healthz))
            .route("/readyz", get(routes::health::readyz))
            .with_state(state.clone())
            .nest(base, routes)
    };
    // From the outside in: the causes behind error answers are logged once; Lanthorn's
    // own refusals are audited; every answer, refusals
    // included, carries Lanthorn's headers; no answer goes to a Host Lanthorn does not
    // know; each origin serves only its own content.
    app.layer(middleware::from_fn_with_state(
        state.clone(),
        proxy::origin::route,
    ))
    .layer(middleware::from_fn_with_state(
        state.clone(),
        security::check_host,
    ))
    .layer(middleware::from_fn_with_state(
        state.clone(),
        security::headers,
    ))
    .layer(middleware::from_fn_with_state(state, refusals::audit))
    .layer(middleware::from_fn(error::log_causes))
}

/// Counts each request by route template and status.
async fn count(
    axum::extract::State(state): axum::extract::State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "static".to_owned(), |m| m.as_str().to_owned());
    let response = next.run(request).await;
    state.metrics.request(&route, response.status().as_u16());
    response
}
