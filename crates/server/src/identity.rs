//! Who a credential is, as the cluster itself says: a SelfSubjectReview
//! (`authentication.k8s.io/v1`), sent with that credential.

use http::StatusCode;
use lanthorn_cluster::{CallError, ClusterClient, Credential};

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};

use crate::error::{ApiError, Reason};

pub use lanthorn_cluster::UserInfo;

/// Asks the cluster who `credential` is. A credential the cluster rejects gives 401 with
/// a message that says so; an unreachable cluster gives 502/504.
pub async fn review(client: &ClusterClient, credential: &Credential) -> Result<UserInfo, ApiError> {
    // A review has no side effects, so a request lost with a closed connection is sent
    // once more.
    match review_once(client, credential).await {
        Err(error) if error.status() == StatusCode::BAD_GATEWAY => {
            review_once(client, credential).await
        }
        other => other,
    }
}

async fn review_once(
    client: &ClusterClient,
    credential: &Credential,
) -> Result<UserInfo, ApiError> {
    client
        .review_self(credential)
        .await
        .map_err(|error| review_refusal(client.spec().name.as_str(), error))
}

/// A failed SelfSubjectReview on `cluster` as an answer: a token the cluster rejects is a
/// 401 that says so, one it will not let review itself a 403, an odd answer a 502.
pub fn review_refusal(cluster: &str, error: CallError) -> ApiError {
    match error {
        CallError::Status { status, .. } => match status {
            StatusCode::UNAUTHORIZED => ApiError::unauthorized(format!(
                "cluster {cluster} did not accept the token: it is invalid, expired or revoked"
            )),
            StatusCode::FORBIDDEN => ApiError::forbidden(
                Reason::Forbidden,
                format!("cluster {cluster} does not let this identity review itself"),
            ),
            other => ApiError::new(
                StatusCode::BAD_GATEWAY,
                Reason::UnexpectedAnswer,
                format!("cluster {cluster} answered the SelfSubjectReview with {other}"),
            ),
        },
        other => other.into(),
    }
}

/// The `exp` claim of a JWT, read without verifying it: the cluster verifies the token;
/// this only keeps a session from outliving it. `None` for tokens that are not JWTs.
pub fn jwt_expiry(token: &str) -> Option<u64> {
    use base64::Engine;
    let payload = token.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    let claims: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    claims.get("exp")?.as_u64()
}

/// Identities of credentials that are not a session (bearer tokens of API clients, the
/// kubeconfig's own credential), remembered briefly so the audit log can name them
/// without a SelfSubjectReview per request. Keyed by a hash; no token is kept.
#[derive(Debug, Default)]
pub struct IdentityCache {
    entries: Mutex<HashMap<[u8; 32], (UserInfo, Instant)>>,
}

const REMEMBER: Duration = Duration::from_secs(60);
const MAX_ENTRIES: usize = 10_000;

impl IdentityCache {
    /// Who `credential` is on `client`'s cluster, or `None` when the cluster will not say.
    pub async fn who(
        &self,
        client: &ClusterClient,
        credential: &Credential,
        token: Option<&SecretString>,
    ) -> Option<UserInfo> {
        let mut hash = Sha256::new();
        hash.update(client.spec().name.as_str().as_bytes());
        hash.update([0]);
        hash.update(format!("{:?}", credential.source()).as_bytes());
        hash.update([0]);
        if let Some(token) = token {
            hash.update(token.expose_secret().as_bytes());
        }
        let key: [u8; 32] = hash.finalize().into();
        {
            let entries = self
                .entries
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if let Some((user, at)) = entries.get(&key)
                && at.elapsed() < REMEMBER
            {
                return Some(user.clone());
            }
        }
        let user = review(client, credential).await.ok()?;
        let mut entries = self
            .entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if entries.len() >= MAX_ENTRIES {
            entries.retain(|_, (_, at)| at.elapsed() < REMEMBER);
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
        }
        entries.insert(key, (user.clone(), Instant::now()));
        Some(user)
    }
}

/// What is known of a caller for the audit log before asking the cluster: the signed-in
/// user of a session, or the bearer token an API client sent.
#[derive(Debug, Clone)]
pub struct Who {
    signed_in: Option<(String, Vec<String>)>,
    bearer: Option<SecretString>,
}

impl Who {
    /// From the caller of a request to `cluster`.
    pub fn of(caller: &crate::caller::Caller, cluster: &str) -> Self {
        Self {
            signed_in: caller
                .sign_in(cluster)
                .map(|s| (s.username.clone(), s.groups.clone())),
            bearer: caller.bearer().cloned(),
        }
    }

    /// Username and groups: the session's, else the cluster's answer for the credential
    /// (cached), `system:anonymous` for no credential, `unknown` if the cluster won't say.
    pub async fn resolve(
        self,
        state: &crate::AppState,
        client: &ClusterClient,
        credential: &Credential,
    ) -> (String, Vec<String>) {
        if let Some(known) = self.signed_in {
            return known;
        }
        if credential.source() == lanthorn_cluster::CredentialSource::None {
            return ("system:anonymous".to_owned(), Vec::new());
        }
        state
            .identities
            .who(client, credential, self.bearer.as_ref())
            .await
            .map_or_else(
                || ("unknown".to_owned(), Vec::new()),
                |u| (u.username, u.groups),
            )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_exp_from_a_jwt_and_nothing_from_other_tokens() {
        // {"alg":"none"} . {"exp":1795888800,"sub":"x"} . (no signature)
        let jwt = "eyJhbGciOiJub25lIn0.eyJleHAiOjE3OTU4ODg4MDAsInN1YiI6IngifQ.";
        assert_eq!(jwt_expiry(jwt), Some(1_795_888_800));
        assert_eq!(jwt_expiry("abcdef.0123456789abcdef"), None);
        assert_eq!(jwt_expiry("static-token"), None);
    }
}
