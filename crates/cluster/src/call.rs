//! Typed calls on [`ClusterClient::send`]: JSON in, JSON out, and a refusal kept as the
//! API server's own `Status` so the caller can pass it on unchanged. Every request
//! Lanthorn makes on its own behalf (identity reviews, access reviews, Helm's storage,
//! reachability probes) goes through here; only the proxy and streams use `send`.

use bytes::Bytes;
use http::header::{ACCEPT, CONTENT_TYPE};
use http::{Method, Request, StatusCode};
use http_body_util::{BodyExt as _, Empty, Full};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::{ClusterClient, ClusterError, Credential, UpstreamBody};

/// Answers above this size are not read into memory by a typed call.
const MAX_ANSWER: usize = 64 * 1024 * 1024;

/// How a typed call failed.
#[derive(Debug, thiserror::Error)]
pub enum CallError {
    /// The cluster could not be reached, or the credential could not be produced.
    #[error(transparent)]
    Cluster(#[from] ClusterError),
    /// The cluster answered with a status other than success: its `Status` body as sent.
    #[error("the cluster answered {status}")]
    Status {
        /// The answer's status.
        status: StatusCode,
        /// The answer's body (normally a `Status` object).
        body: Bytes,
    },
    /// The answer was not what the call expects (not JSON of the shape, cut off, too big).
    #[error("{0}")]
    Unexpected(String),
}

impl CallError {
    /// The cluster's status, for an answer the cluster gave.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Status { status, .. } => Some(*status),
            _ => None,
        }
    }
}

/// The user a cluster sees (a SelfSubjectReview's `status.userInfo`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, ts_rs::TS)]
pub struct UserInfo {
    /// `system:serviceaccount:demo:viewer`, `admin@example.com`, …
    pub username: String,
    /// Groups, as the cluster resolves them.
    #[serde(default)]
    pub groups: Vec<String>,
    /// The user's UID, when the authenticator gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub uid: Option<String>,
}

#[derive(Deserialize)]
struct SelfSubjectReview {
    status: SelfSubjectReviewStatus,
}

#[derive(Deserialize)]
struct SelfSubjectReviewStatus {
    #[serde(rename = "userInfo")]
    user_info: UserInfo,
}

impl ClusterClient {
    /// `method path` with an optional JSON `body`: the status and the whole answer, whatever
    /// the status.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<Bytes>,
        credential: &Credential,
    ) -> Result<(StatusCode, Bytes), CallError> {
        let upstream: UpstreamBody = match body {
            Some(bytes) => Full::new(bytes)
                .map_err(|never| match never {})
                .boxed_unsync(),
            None => Empty::new().map_err(|never| match never {}).boxed_unsync(),
        };
        let request = Request::builder()
            .method(method)
            .uri(path)
            .header(ACCEPT, "application/json")
            .header(CONTENT_TYPE, "application/json")
            .body(upstream)
            .map_err(|e| CallError::Unexpected(format!("cannot form the request: {e}")))?;
        let response = self.send(request, credential).await?;
        let status = response.status();
        let bytes = self.read_answer(response.into_body()).await?;
        Ok((status, bytes))
    }

    /// The whole body, at most [`MAX_ANSWER`] bytes.
    async fn read_answer(&self, mut body: UpstreamBody) -> Result<Bytes, CallError> {
        let cut = |reason: String| {
            CallError::Cluster(ClusterError::Unreachable {
                cluster: self.spec().name.to_string(),
                reason,
            })
        };
        let mut bytes = bytes::BytesMut::new();
        while let Some(frame) = body.frame().await {
            let frame = frame.map_err(|e| cut(format!("reading the answer: {e}")))?;
            if let Ok(data) = frame.into_data() {
                if bytes.len() + data.len() > MAX_ANSWER {
                    return Err(CallError::Unexpected(format!(
                        "cluster {} answered with more than {} MiB",
                        self.spec().name,
                        MAX_ANSWER >> 20
                    )));
                }
                bytes.extend_from_slice(&data);
            }
        }
        Ok(bytes.freeze())
    }

    /// `method path` decoded as `T` on success; otherwise the cluster's own answer.
    pub async fn json<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<Bytes>,
        credential: &Credential,
    ) -> Result<T, CallError> {
        let (status, bytes) = self.call(method, path, body, credential).await?;
        if !status.is_success() {
            return Err(CallError::Status {
                status,
                body: bytes,
            });
        }
        serde_json::from_slice(&bytes).map_err(|e| {
            CallError::Unexpected(format!(
                "cluster {} answered {path} with something other than the expected JSON: {e}",
                self.spec().name
            ))
        })
    }

    /// `GET path` decoded as `T`.
    pub async fn get_json<T: DeserializeOwned>(
        &self,
        path: &str,
        credential: &Credential,
    ) -> Result<T, CallError> {
        self.json(Method::GET, path, None, credential).await
    }

    /// `POST path` with `body` as JSON, the answer decoded as `T`.
    pub async fn post_json<T: DeserializeOwned>(
        &self,
        path: &str,
        body: &impl Serialize,
        credential: &Credential,
    ) -> Result<T, CallError> {
        let bytes = serde_json::to_vec(body)
            .map_err(|e| CallError::Unexpected(format!("cannot encode the request: {e}")))?;
        self.json(Method::POST, path, Some(Bytes::from(bytes)), credential)
            .await
    }

    /// Who `credential` is, as the cluster says (SelfSubjectReview).
    pub async fn review_self(&self, credential: &Credential) -> Result<UserInfo, CallError> {
        let review = json!({"apiVersion": "authentication.k8s.io/v1",
                            "kind": "SelfSubjectReview", "metadata": {}});
        let answer: SelfSubjectReview = self
            .post_json(
                "/apis/authentication.k8s.io/v1/selfsubjectreviews",
                &review,
                credential,
            )
            .await?;
        Ok(answer.status.user_info)
    }

    /// Whether `credential` may do what `attributes` (a SelfSubjectAccessReview's
    /// `resourceAttributes`) describe. A review the cluster refuses or answers oddly counts
    /// as no.
    pub async fn may(&self, credential: &Credential, attributes: Value) -> Result<bool, CallError> {
        let review = json!({"apiVersion": "authorization.k8s.io/v1",
                            "kind": "SelfSubjectAccessReview",
                            "spec": {"resourceAttributes": attributes}});
        let answer: Result<Value, CallError> = self
            .post_json(
                "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
                &review,
                credential,
            )
            .await;
        match answer {
            Ok(answer) => Ok(answer["status"]["allowed"] == true),
            Err(CallError::Status { .. } | CallError::Unexpected(_)) => Ok(false),
            Err(other) => Err(other),
        }
    }
}
