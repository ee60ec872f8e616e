//! One OIDC sign-in for the whole fleet: the tokens from one provider are offered to every
//! cluster that uses that provider, each accepting them its own way — directly (its API
//! server trusts the issuer and reviews the token) or by impersonation (Lanthorn maps the
//! validated claims to a user and the cluster reviews that user). Every acceptance is the
//! cluster's own answer; nothing is assumed from another cluster's.

use std::sync::Arc;
use std::time::Duration;

use lanthorn_cluster::{ClusterClient, Credential};
use lanthorn_oidc::{Provider, Tokens};
use lanthorn_session::{ClusterSignIn, SignInMethod};

use crate::AppState;
use crate::error::{ApiError, Reason};
use crate::identity::review;

/// How long another cluster may take to accept a sign-in before it is left out.
const OTHER_CLUSTER_TIMEOUT: Duration = Duration::from_secs(5);

/// Has `client`'s cluster accept `tokens` from `provider`: the sign-in to store, or why
/// the cluster refused it.
pub async fn accept(
    state: &AppState,
    client: &ClusterClient,
    provider: &Provider,
    tokens: &Tokens,
) -> Result<ClusterSignIn, ApiError> {
    let cluster = client.spec().name.as_str();
    let impersonated = state.impersonation.covers(cluster);
    let (username, groups, uid) = if impersonated {
        let issuer = provider.settings().issuer_url.as_str();
        let user = state
            .impersonation
            .mapping()
            .map(&tokens.claims, issuer)
            .map_err(ApiError::unauthorized)?;
        let credential = crate::impersonation::credential_for(client, &user, issuer);
        // The cluster's answer proves Lanthorn may act as this user there.
        review(client, &credential)
            .await
            .map_err(|error| impersonation_refusal(cluster, &error))?;
        (user.username, user.groups, user.uid)
    } else {
        let user = review(client, &Credential::signing_in(tokens.bearer.clone())).await?;
        (user.username, user.groups, user.uid)
    };
    Ok(ClusterSignIn {
        method: SignInMethod::Oidc,
        token: tokens.bearer.clone(),
        refresh_token: tokens.refresh_token.clone(),
        token_expires_at: tokens.expires_at,
        username,
        groups,
        uid,
        impersonated,
    })
}

/// A review refused while impersonating says what is wrong with Lanthorn's own identity,
/// not the user's.
fn impersonation_refusal(cluster: &str, error: &ApiError) -> ApiError {
    match error.status() {
        http::StatusCode::FORBIDDEN => ApiError::forbidden(
            Reason::Forbidden,
            format!(
                "cluster {cluster} does not let Lanthorn act as this user: Lanthorn's own credential there may not impersonate (grant it the impersonation ClusterRole)"
            ),
        ),
        http::StatusCode::UNAUTHORIZED => ApiError::new(
            http::StatusCode::BAD_GATEWAY,
            Reason::UnexpectedAnswer,
            format!(
                "cluster {cluster} does not accept Lanthorn's own credential, so nobody can be signed in there by impersonation"
            ),
        ),
        _ => ApiError::new(
            error.status(),
            Reason::UnexpectedAnswer,
            error.message().to_owned(),
        ),
    }
}

/// Every other cluster whose provider is `provider`, each asked to accept `tokens`; the
/// ones that did, with their sign-ins, and the ones that did not, with why.
pub async fn other_clusters(
    state: &AppState,
    provider: &Arc<Provider>,
    except: &str,
    tokens: &Tokens,
) -> Vec<(String, Result<ClusterSignIn, ApiError>)> {
    let attempts = state
        .clusters
        .iter()
        .filter(|client| client.spec().name.as_str() != except)
        .filter(|client| {
            state
                .oidc_for(client.spec().name.as_str())
                .is_some_and(|theirs| Arc::ptr_eq(theirs, provider))
        })
        .map(|client| async move {
            let name = client.spec().name.to_string();
            let outcome = tokio::time::timeout(
                OTHER_CLUSTER_TIMEOUT,
                accept(state, client, provider, tokens),
            )
            .await
            .unwrap_or_else(|_| {
                Err(ApiError::new(
                    http::StatusCode::GATEWAY_TIMEOUT,
                    Reason::UnexpectedAnswer,
                    format!("cluster {name} did not answer in time"),
                ))
            });
            (name, outcome)
        });
    futures_util::future::join_all(attempts).await
}
