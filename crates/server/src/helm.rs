//! Helm releases (the App Catalog) with the caller's own credential, on Headlamp's routes
//! and response shapes. Reads decode Helm's storage natively; changes run the `helm`
//! program per request (`lanthorn_helm::Engine`), in the background, polled through
//! `action/status`.
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
//! once (`lanthorn_helm::Engine`); the catalog keeps its indexes and `helm show` answers (`catalog`);
//! release decoding has a byte budget per record and per request (`lanthorn_helm`).

mod catalog;
mod params;
mod read;
mod storage;
mod write;

pub use catalog::{CatalogCache, chart, charts};
#[cfg(test)]
pub(crate) use catalog::{Chart, ChartVersion};
pub use lanthorn_helm::{Actions, Engine};
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

impl From<lanthorn_helm::EngineError> for crate::error::ApiError {
    fn from(error: lanthorn_helm::EngineError) -> Self {
        use crate::error::{ApiError, Reason};
        use http::StatusCode;
        use lanthorn_helm::EngineError;
        match error {
            EngineError::Busy { .. } => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                Reason::HelmBusy,
                error.to_string(),
            ),
            EngineError::Anonymous { .. } => ApiError::unauthorized(error.to_string()),
            EngineError::Review { cluster, error } => {
                crate::identity::review_refusal(&cluster, error)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::error::ApiError;
    use http::StatusCode;
    use lanthorn_helm::EngineError;

    #[test]
    fn engine_refusals_become_the_documented_answers() {
        let busy = ApiError::from(EngineError::Busy { running: 4 });
        assert_eq!(busy.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(busy.reason(), "HelmBusy");
        let anonymous = ApiError::from(EngineError::Anonymous {
            cluster: "c".into(),
        });
        assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
        let rejected = ApiError::from(EngineError::Review {
            cluster: "c".into(),
            error: lanthorn_cluster::CallError::Status {
                status: StatusCode::UNAUTHORIZED,
                body: bytes::Bytes::new(),
            },
        });
        assert_eq!(rejected.status(), StatusCode::UNAUTHORIZED);
        assert!(rejected.message().contains("invalid, expired or revoked"));
    }
}
