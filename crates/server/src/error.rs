//! Lanthorn's own error answers: a JSON body naming the problem and the right status.
//! Errors from a cluster are never wrapped; the proxy passes the cluster's Status through.

use axum::Json;
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use lanthorn_cluster::ClusterError;
use serde::Serialize;

macro_rules! reasons {
    ($($name:ident),* $(,)?) => {
        /// Every `reason` Lanthorn's own error answers carry: stable, machine-readable
        /// names the web app and the docs may rely on. Written once here, so a handler
        /// cannot invent a new spelling.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Reason {
            $(
                #[allow(missing_docs)]
                $name,
            )*
        }

        impl Reason {
            /// Every reason.
            pub const ALL: &'static [Reason] = &[$(Reason::$name),*];

            /// The name, as it appears in the JSON body and the audit log.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Reason::$name => stringify!($name),)*
                }
            }
        }
    };
}

reasons! {
    ActionRunning,
    BadBody,
    BadPath,
    BadRequest,
    BadReturnPath,
    ChartUnavailable,
    ClusterNotFound,
    ClusterTimeout,
    ClusterUnreachable,
    CredentialUnavailable,
    CrossOriginRefused,
    DuplicateId,
    EndpointsUnavailable,
    Forbidden,
    ForwardNotFound,
    GrantFailed,
    GrantRefused,
    HelmBusy,
    HelmDisabled,
    HostNotAllowed,
    ImpersonationRefused,
    Listen,
    LocalPortUnavailable,
    NoReadyPod,
    NotOnThisOrigin,
    OidcNotConfigured,
    OidcProviderUnavailable,
    PortForwardUnavailable,
    Random,
    ReleaseNotFound,
    RepositoryUnavailable,
    ServiceUnavailable,
    ServiceWorkerRefused,
    SessionStoreUnavailable,
    TooLarge,
    TooManyForwards,
    TooManySignIns,
    TooManySockets,
    TooManyStreams,
    TooManySubscriptions,
    Unauthorized,
    UnexpectedAnswer,
    UpgradeUnsupported,
    UpstreamTimeout,
}

/// An error Lanthorn itself answers with.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    reason: Reason,
    message: String,
}

#[derive(Serialize)]
struct Body<'a> {
    status: u16,
    reason: &'a str,
    message: &'a str,
}

impl ApiError {
    /// An error with `status`, a stable machine-readable `reason` and a sentence for people.
    pub fn new(status: StatusCode, reason: Reason, message: impl Into<String>) -> Self {
        Self {
            status,
            reason,
            message: message.into(),
        }
    }

    /// 404 for a cluster name Lanthorn does not know.
    pub fn unknown_cluster(name: &str) -> Self {
        let shown: String = name.chars().take(80).collect();
        Self::new(
            StatusCode::NOT_FOUND,
            Reason::ClusterNotFound,
            format!("there is no cluster named {shown:?}"),
        )
    }

    /// 400 for a request Lanthorn refuses to forward.
    pub fn bad_request(reason: Reason, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, reason, message)
    }

    /// 403 for a request Lanthorn refuses on its own authority.
    pub fn forbidden(reason: Reason, message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, reason, message)
    }

    /// 401 when the request carries no usable credential.
    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, Reason::Unauthorized, message)
    }

    /// 503 when the session store does not answer.
    pub fn store_unavailable(error: &lanthorn_session::SessionError) -> Self {
        tracing::error!(%error, "session store failed");
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            Reason::SessionStoreUnavailable,
            "the session store is unavailable; try again shortly",
        )
    }

    /// The status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The machine-readable reason.
    pub fn reason(&self) -> &'static str {
        self.reason.as_str()
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl From<ClusterError> for ApiError {
    fn from(error: ClusterError) -> Self {
        match &error {
            ClusterError::Timeout { .. } => Self::new(
                StatusCode::GATEWAY_TIMEOUT,
                Reason::ClusterTimeout,
                error.to_string(),
            ),
            ClusterError::Exec { .. } | ClusterError::ReadFile { .. } | ClusterError::BadToken => {
                Self::new(
                    StatusCode::BAD_GATEWAY,
                    Reason::CredentialUnavailable,
                    error.to_string(),
                )
            }
            _ => Self::new(
                StatusCode::BAD_GATEWAY,
                Reason::ClusterUnreachable,
                error.to_string(),
            ),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = Body {
            status: self.status.as_u16(),
            reason: self.reason.as_str(),
            message: &self.message,
        };
        let mut response = (self.status, Json(body)).into_response();
        response.extensions_mut().insert(Refused {
            reason: self.reason.as_str(),
        });
        response
    }
}

/// Marks a response as Lanthorn's own refusal, for the audit log (`refusals`).
#[derive(Clone, Copy, Debug)]
pub struct Refused {
    /// The machine-readable reason.
    pub reason: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_is_documented_once() {
        let docs = include_str!("../../../docs/server.md");
        let mut seen = std::collections::BTreeSet::new();
        for reason in Reason::ALL {
            let name = reason.as_str();
            assert!(seen.insert(name), "{name} twice");
            assert!(
                docs.contains(&format!("| `{name}` |")),
                "docs/server.md (Error answers) lacks {name}"
            );
        }
    }
}
