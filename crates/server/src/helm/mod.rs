//! Helm releases (the App Catalog) with the caller's own credential, on Headlamp's routes
//! and response shapes. Reads decode Helm's storage natively; changes run the `helm`
//! program per request (`engine`), in the background, polled through `action/status`.
//!
//! - `GET …/helm/releases/list` (`namespace`, `allNamespaces`, Helm's list flags) →
//!   `{"releases": [...]}`; `GET …/helm/releases` (`name`, `namespace`) → the latest
//!   revision; `GET …/helm/release/history` → `{"releases": [...]}`
//! - `PUT …/helm/releases/rollback`, `DELETE …/helm/releases/uninstall`,
//!   `PUT …/helm/releases/upgrade`, `POST …/helm/release/install` → 202, then
//!   `GET …/helm/action/status?name=&action=`
//! - `GET …/helm/repositories`: the chart repositories the operator configured (for a
//!   signed-in caller, addresses without credentials); `GET …/helm/charts`,
//!   `GET …/helm/chart`: the catalog (`catalog`)
//!
//! Bounded: `helm` runs only for a credential the cluster recognises and at most four at
//! once (`engine`); the catalog keeps its indexes and `helm show` answers (`catalog`);
//! release decoding has a byte budget per record and per request (`lanthorn_helm`).

mod actions;
mod catalog;
mod engine;
mod params;
mod read;
mod storage;
mod write;

pub use actions::Actions;
pub use catalog::{CatalogCache, chart, charts};
#[cfg(test)]
pub(crate) use catalog::{Chart, ChartVersion};
pub use engine::Engine;
pub use read::{get, history, list};
#[cfg(test)]
pub(crate) use storage::Damaged;
pub use write::{install, repositories, rollback, status, uninstall, upgrade};

/// The Helm engine, or 404 when Helm features are off.
fn engine(state: &crate::AppState) -> Result<std::sync::Arc<Engine>, crate::error::ApiError> {
    state.helm.clone().ok_or_else(|| {
        crate::error::ApiError::new(
            http::StatusCode::NOT_FOUND,
            crate::error::Reason::HelmDisabled,
            "Helm features are turned off on this server (--disable-helm)",
        )
    })
}
