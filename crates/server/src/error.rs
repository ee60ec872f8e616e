//! Lanthorn's own error answers: a JSON body naming the problem and the right status.
//! Errors from a cluster are never wrapped: the cluster's own `Status` is passed through.

use axum::Json;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use http::StatusCode;
use lanthorn_cluster::{CallError, ClusterError};
use serde::Serialize;

macro_rules! reasons {
    ($($name:ident),* $(,)?) => {
        /// Every `reason` Lanthorn's own error answers carry: stable, machine-readable
        /// names the web app and the docs may rely on. Written once here, so a handler
        /// cannot invent a new spelling.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
        pub enum Reason {
            $(
                #[allow(missing_docs)]
                $name,
            )*
        }

        impl Reason {
            /// Every reason.
            #[cfg(test)]
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
    BadWatchEvent,
    ChartUnavailable,
    ClusterNotFound,
    ClusterTimeout,
    ClusterUnreachable,
    CredentialUnavailable,
    CrossOriginRefused,
    DuplicateId,
    EventTooLarge,
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
    ServiceWorkerRefused,
    SessionEnded,
    SessionStoreUnavailable,
    SlowClient,
    StoredChartUnusable,
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

/// An error answer: Lanthorn's own (a JSON body naming the problem), or a cluster's
/// refusal passed through as the API server's own `Status`. Every handler returns
/// `Result<_, ApiError>`; `IntoResponse` below is the only place either becomes bytes.
#[derive(Debug)]
pub struct ApiError(Kind);

#[derive(Debug)]
enum Kind {
    Lanthorn {
        status: StatusCode,
        reason: Reason,
        message: String,
        /// What went wrong inside, for the server's log only (never the answer).
        cause: Option<String>,
    },
    Cluster {
        status: StatusCode,
        /// The API server's `Status` body, as it sent it.
        body: Bytes,
        /// Its `reason` and `message`, for the audit log and `/watch` frames.
        reason: String,
        message: String,
    },
}

/// The body of Lanthorn's own error answers.
#[derive(Serialize, ts_rs::TS)]
#[ts(rename = "ErrorBody")]
pub(crate) struct Body<'a> {
    status: u16,
    reason: Reason,
    message: &'a str,
}

impl ApiError {
    /// An error with `status`, a stable machine-readable `reason` and a sentence for people.
    pub fn new(status: StatusCode, reason: Reason, message: impl Into<String>) -> Self {
        Self(Kind::Lanthorn {
            status,
            reason,
            message: message.into(),
            cause: None,
        })
    }

    /// The cluster's own answer (`status` and its `Status` body), passed on unchanged.
    pub fn from_cluster(status: StatusCode, body: Bytes) -> Self {
        let parsed: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
        let text = |key: &str| parsed[key].as_str().unwrap_or_default().to_owned();
        Self(Kind::Cluster {
            status,
            reason: text("reason"),
            message: text("message"),
            body,
        })
    }

    /// Adds what went wrong inside, logged once by [`log_causes`] and never answered.
    pub fn with_cause(mut self, error: impl std::fmt::Display) -> Self {
        if let Kind::Lanthorn { cause, .. } = &mut self.0 {
            *cause = Some(error.to_string());
        }
        self
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
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            Reason::SessionStoreUnavailable,
            "the session store is unavailable; try again shortly",
        )
        .with_cause(format!("session store failed: {error}"))
    }

    /// The status.
    pub fn status(&self) -> StatusCode {
        match &self.0 {
            Kind::Lanthorn { status, .. } | Kind::Cluster { status, .. } => *status,
        }
    }

    /// The machine-readable reason: Lanthorn's, or the cluster's `Status` reason.
    pub fn reason(&self) -> &str {
        match &self.0 {
            Kind::Lanthorn { reason, .. } => reason.as_str(),
            Kind::Cluster { reason, .. } => reason,
        }
    }

    /// The message.
    pub fn message(&self) -> &str {
        match &self.0 {
            Kind::Lanthorn { message, .. } | Kind::Cluster { message, .. } => message,
        }
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

impl From<CallError> for ApiError {
    /// A refusal is the cluster's own answer, passed on; an odd answer is 502.
    fn from(error: CallError) -> Self {
        match error {
            CallError::Cluster(error) => error.into(),
            CallError::Status { status, body } => Self::from_cluster(status, body),
            CallError::Unexpected(message) => {
                Self::new(StatusCode::BAD_GATEWAY, Reason::UnexpectedAnswer, message)
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self.0 {
            Kind::Lanthorn {
                status,
                reason,
                message,
                cause,
            } => {
                let body = Body {
                    status: status.as_u16(),
                    reason,
                    message: &message,
                };
                let mut response = (status, Json(body)).into_response();
                response.extensions_mut().insert(Refused {
                    reason: reason.as_str(),
                });
                if let Some(cause) = cause {
                    response.extensions_mut().insert(Cause(cause));
                }
                response
            }
            Kind::Cluster { status, body, .. } => {
                let mut response = (status, body).into_response();
                response.headers_mut().insert(
                    http::header::CONTENT_TYPE,
                    http::HeaderValue::from_static("application/json"),
                );
                response
            }
        }
    }
}

/// Marks a response as Lanthorn's own refusal, for the audit log (`refusals`).
#[derive(Clone, Copy, Debug)]
pub struct Refused {
    /// The machine-readable reason.
    pub reason: &'static str,
}

/// What went wrong inside behind an error answer; logged by [`log_causes`].
#[derive(Clone, Debug)]
struct Cause(String);

/// The one place internal causes behind error answers are logged: once per answer, with
/// the status, the reason and the path (never the query).
pub async fn log_causes(request: Request, next: Next) -> Response {
    let path: String = request.uri().path().chars().take(300).collect();
    let response = next.run(request).await;
    if let Some(Cause(cause)) = response.extensions().get::<Cause>() {
        let reason = response.extensions().get::<Refused>().map(|r| r.reason);
        tracing::error!(status = response.status().as_u16(), reason, path, %cause, "request failed");
    }
    response
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
