//! Asking the cluster as the caller: plain JSON requests and SelfSubjectAccessReview, for
//! routes that check before they act (port-forward, Helm changes).

use http::StatusCode;
use http_body_util::{BodyExt as _, Empty, Full};
use lanthorn_cluster::{ClusterClient, Credential, UpstreamBody};
use serde_json::{Value, json};

use crate::error::{ApiError, Reason};

/// Whether the credential may do what `attributes` (SelfSubjectAccessReview
/// `resourceAttributes`) describe; a review the cluster will not answer counts as no.
pub async fn may(
    client: &ClusterClient,
    credential: &Credential,
    attributes: Value,
) -> Result<bool, ApiError> {
    let review = json!({"apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview",
                        "spec": {"resourceAttributes": attributes}});
    let (status, answer) = call(
        client,
        credential,
        http::Method::POST,
        "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
        Some(review),
    )
    .await?;
    Ok(status.is_success() && answer["status"]["allowed"] == true)
}

/// A JSON request to the cluster with `credential`: its status and JSON answer.
pub async fn call(
    client: &ClusterClient,
    credential: &Credential,
    method: http::Method,
    path: &str,
    body: Option<Value>,
) -> Result<(StatusCode, Value), ApiError> {
    let upstream: UpstreamBody = match &body {
        Some(value) => Full::new(bytes::Bytes::from(value.to_string()))
            .map_err(|never| match never {})
            .boxed_unsync(),
        None => Empty::new().map_err(|never| match never {}).boxed_unsync(),
    };
    let request = http::Request::builder()
        .method(method)
        .uri(path)
        .header(http::header::ACCEPT, "application/json")
        .header(http::header::CONTENT_TYPE, "application/json")
        .body(upstream)
        .map_err(|e| ApiError::bad_request(Reason::BadRequest, e.to_string()))?;
    let response = client.send(request, credential).await?;
    let status = response.status();
    let bytes = response
        .into_body()
        .collect()
        .await
        .map_err(|e| {
            ApiError::new(
                StatusCode::BAD_GATEWAY,
                Reason::ClusterUnreachable,
                e.to_string(),
            )
        })?
        .to_bytes();
    Ok((
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    ))
}
