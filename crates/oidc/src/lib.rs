//! OpenID Connect sign-in: discovery, the authorization-code flow (state, nonce and, when
//! configured, PKCE S256), ID token validation by the `openidconnect` crate (issuer,
//! audience, `azp`, expiry, issue time, nonce, signature with the provider's keys,
//! RS/ES/PS algorithms only) and refresh.
//!
//! What a sign-in needs to remember between the redirect and the callback is a
//! [`Transaction`]; the server keeps it in an encrypted cookie, so any replica can finish
//! the flow.

mod http;
mod reach;
mod transaction_secrets;

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use openidconnect::core::CoreIdToken;
use openidconnect::core::{
    CoreAuthDisplay, CoreAuthenticationFlow, CoreClaimName, CoreClaimType, CoreClient,
    CoreClientAuthMethod, CoreGrantType, CoreJsonWebKey, CoreJweContentEncryptionAlgorithm,
    CoreJweKeyManagementAlgorithm, CoreJwsSigningAlgorithm, CoreResponseMode, CoreResponseType,
    CoreSubjectIdentifierType,
};
use openidconnect::{
    AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret, CsrfToken,
    EndpointMaybeSet, EndpointNotSet, EndpointSet, IssuerUrl, Nonce, OAuth2TokenResponse,
    PkceCodeChallenge, RedirectUrl, RefreshToken, Scope, SignatureVerificationError, TokenResponse,
};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use tokio::sync::RwLock;

pub use http::HttpClient;
pub use transaction_secrets::AuthState;
use transaction_secrets::{PkceVerifier, SignInNonce};

/// Discovery fields beyond the core ones: where to end the provider's session, where to
/// revoke tokens, and which PKCE methods it supports.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
struct LogoutMetadata {
    end_session_endpoint: Option<url::Url>,
    revocation_endpoint: Option<url::Url>,
    #[serde(default)]
    code_challenge_methods_supported: Vec<String>,
}

impl openidconnect::AdditionalProviderMetadata for LogoutMetadata {}

type Metadata = openidconnect::ProviderMetadata<
    LogoutMetadata,
    CoreAuthDisplay,
    CoreClientAuthMethod,
    CoreClaimName,
    CoreClaimType,
    CoreGrantType,
    CoreJweContentEncryptionAlgorithm,
    CoreJweKeyManagementAlgorithm,
    CoreJsonWebKey,
    CoreResponseMode,
    CoreResponseType,
    CoreSubjectIdentifierType,
>;

/// A discovered provider.
struct Discovered {
    client: Client,
    logout: LogoutMetadata,
}

type Client = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// How long a started sign-in may take before its callback is refused.
pub const TRANSACTION_LIFETIME: Duration = Duration::from_secs(600);

/// What went wrong; messages never contain a token or a code.
#[derive(Debug, thiserror::Error)]
pub enum OidcError {
    /// The provider did not answer: why, and the flag that fixes it.
    #[error("{0}")]
    Unreachable(String),
    /// The provider answered discovery, but its metadata is unusable.
    #[error("OIDC provider discovery failed: {0}")]
    Discovery(String),
    /// The configuration cannot be used (a URL that does not parse).
    #[error("OIDC configuration: {0}")]
    Config(String),
    /// The provider refused the code or the refresh token.
    #[error("the OIDC provider refused the request: {0}")]
    Token(String),
    /// The ID token did not validate.
    #[error("the ID token is not valid: {0}")]
    IdToken(String),
    /// The sign-in took too long.
    #[error("the sign-in took longer than {} minutes; start again", TRANSACTION_LIFETIME.as_secs() / 60)]
    Expired,
}

/// Settings for one provider.
#[derive(Clone, Debug)]
pub struct ProviderSettings {
    /// Issuer URL, exactly as the provider's discovery document states it.
    pub issuer_url: String,
    /// Client id.
    pub client_id: String,
    /// Client secret (public clients with PKCE have none).
    pub client_secret: Option<SecretString>,
    /// Scopes besides `openid`.
    pub scopes: Vec<String>,
    /// PKCE (S256): `Some(true)` always, `Some(false)` never, `None` when the provider's
    /// discovery document lists S256 in `code_challenge_methods_supported`.
    pub use_pkce: Option<bool>,
    /// Send the access token to the cluster instead of the ID token.
    pub use_access_token: bool,
}

/// A sign-in in progress: everything the callback must check and use.
#[derive(Clone, Serialize, Deserialize)]
pub struct Transaction {
    /// The `state` sent to the provider.
    pub state: AuthState,
    nonce: SignInNonce,
    pkce_verifier: Option<PkceVerifier>,
    /// The issuer it was started with.
    pub issuer: String,
    /// The cluster being signed in to.
    pub cluster: String,
    /// Where to send the browser afterwards (a checked relative path).
    pub return_to: String,
    /// The redirect URI used, which the code exchange must repeat.
    pub redirect_uri: String,
    /// Unix seconds when it started.
    pub started_at: u64,
}

impl std::fmt::Debug for Transaction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transaction")
            .field("cluster", &self.cluster)
            .field("return_to", &self.return_to)
            .finish_non_exhaustive()
    }
}

/// Tokens from a code exchange or a refresh.
#[derive(Debug)]
pub struct Tokens {
    /// What the cluster gets as the bearer: the ID token, or the access token with
    /// `use_access_token`.
    pub bearer: SecretString,
    /// The raw ID token.
    pub id_token: Option<SecretString>,
    /// The refresh token, if the provider gave one.
    pub refresh_token: Option<SecretString>,
    /// When the bearer expires (Unix seconds).
    pub expires_at: Option<u64>,
    /// The claims of the ID token, read only after it validated (signature, issuer,
    /// audience, expiry, and the nonce for a sign-in); empty when there is none.
    pub claims: serde_json::Map<String, serde_json::Value>,
}

/// One OIDC provider, discovered on first use and rediscovered after a failure.
pub struct Provider {
    settings: ProviderSettings,
    http: HttpClient,
    client: RwLock<Option<Arc<Discovered>>>,
    last_rediscovery: tokio::sync::Mutex<Option<std::time::Instant>>,
}

impl std::fmt::Debug for Provider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Provider")
            .field("issuer", &self.settings.issuer_url)
            .finish_non_exhaustive()
    }
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

impl Provider {
    /// A provider reached through `http`.
    pub fn new(settings: ProviderSettings, http: HttpClient) -> Self {
        Self {
            settings,
            http,
            client: RwLock::new(None),
            last_rediscovery: tokio::sync::Mutex::new(None),
        }
    }

    /// The settings.
    pub fn settings(&self) -> &ProviderSettings {
        &self.settings
    }

    async fn client(&self) -> Result<Arc<Discovered>, OidcError> {
        if let Some(client) = self.client.read().await.as_ref() {
            return Ok(client.clone());
        }
        let mut slot = self.client.write().await;
        if let Some(client) = slot.as_ref() {
            return Ok(client.clone());
        }
        let issuer = IssuerUrl::new(self.settings.issuer_url.clone())
            .map_err(|e| OidcError::Config(format!("issuer URL: {e}")))?;
        // discover_async checks that the document's issuer equals this one exactly.
        let metadata = Metadata::discover_async(issuer, &self.http)
            .await
            .map_err(|e| discovery_error(&e))?;
        let logout = metadata.additional_metadata().clone();
        let client = CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(self.settings.client_id.clone()),
            self.settings
                .client_secret
                .as_ref()
                .map(|s| ClientSecret::new(s.expose_secret().to_owned())),
        );
        let discovered = Arc::new(Discovered { client, logout });
        *slot = Some(discovered.clone());
        Ok(discovered)
    }

    /// Starts a sign-in: the provider URL to send the browser to, and the transaction
    /// to keep until the callback.
    pub async fn begin(
        &self,
        cluster: &str,
        return_to: &str,
        redirect_uri: &str,
    ) -> Result<(url::Url, Transaction), OidcError> {
        let discovered = self.client().await?;
        let client = &discovered.client;
        let redirect = RedirectUrl::new(redirect_uri.to_owned())
            .map_err(|e| OidcError::Config(format!("callback URL: {e}")))?;
        let mut request = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .set_redirect_uri(std::borrow::Cow::Owned(redirect));
        for scope in &self.settings.scopes {
            if scope != "openid" {
                request = request.add_scope(Scope::new(scope.clone()));
            }
        }
        let mut verifier = None;
        let advertised = discovered
            .logout
            .code_challenge_methods_supported
            .iter()
            .any(|m| m == "S256");
        if self.settings.use_pkce.unwrap_or(advertised) {
            let (challenge, v) = PkceCodeChallenge::new_random_sha256();
            request = request.set_pkce_challenge(challenge);
            verifier = Some(PkceVerifier::new(v.secret().clone()));
        }
        let (url, state, nonce) = request.url();
        Ok((
            url,
            Transaction {
                state: AuthState::new(state.secret().clone()),
                nonce: SignInNonce::new(nonce.secret().clone()),
                pkce_verifier: verifier,
                issuer: self.settings.issuer_url.clone(),
                cluster: cluster.to_owned(),
                return_to: return_to.to_owned(),
                redirect_uri: redirect_uri.to_owned(),
                started_at: now(),
            },
        ))
    }

    /// Finishes a sign-in: exchanges `code` and validates the ID token against the
    /// transaction's nonce. The caller has already matched `state`.
    pub async fn finish(&self, transaction: &Transaction, code: &str) -> Result<Tokens, OidcError> {
        if now().saturating_sub(transaction.started_at) > TRANSACTION_LIFETIME.as_secs()
            || transaction.issuer != self.settings.issuer_url
        {
            return Err(OidcError::Expired);
        }
        let discovered = self.client().await?;
        let client = &discovered.client;
        let redirect = RedirectUrl::new(transaction.redirect_uri.clone())
            .map_err(|e| OidcError::Config(format!("callback URL: {e}")))?;
        let mut exchange = client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .map_err(|e| OidcError::Discovery(e.to_string()))?
            .set_redirect_uri(std::borrow::Cow::Owned(redirect));
        if let Some(verifier) = &transaction.pkce_verifier {
            exchange = exchange.set_pkce_verifier(verifier.to_openid());
        }
        let response = exchange
            .request_async(&self.http)
            .await
            .map_err(|e| token_error(&e))?;
        let id_token = response
            .id_token()
            .ok_or_else(|| OidcError::IdToken("the provider returned no ID token".into()))?;
        let nonce = transaction.nonce.to_openid();
        let id_expiry = self.verify(&discovered, id_token, Some(&nonce)).await?;
        Ok(self.tokens(
            id_token.to_string(),
            id_expiry,
            response.access_token().secret().clone(),
            response.expires_in(),
            response.refresh_token().map(|r| r.secret().clone()),
        ))
    }

    /// Refreshes with `refresh_token`; the new ID token is validated (without a nonce,
    /// which refresh responses do not carry).
    pub async fn refresh(&self, refresh_token: &SecretString) -> Result<Tokens, OidcError> {
        let discovered = self.client().await?;
        let client = &discovered.client;
        let token = RefreshToken::new(refresh_token.expose_secret().to_owned());
        let response = client
            .exchange_refresh_token(&token)
            .map_err(|e| OidcError::Discovery(e.to_string()))?
            .request_async(&self.http)
            .await
            .map_err(|e| token_error(&e))?;
        let (id_token, id_expiry) = match response.id_token() {
            Some(id_token) => (
                id_token.to_string(),
                self.verify(&discovered, id_token, None).await?,
            ),
            None if self.settings.use_access_token => (String::new(), None),
            None => {
                return Err(OidcError::IdToken(
                    "the refresh returned no ID token".into(),
                ));
            }
        };
        // A provider that does not rotate refresh tokens keeps the old one valid.
        let refresh = response
            .refresh_token()
            .map(|r| r.secret().clone())
            .unwrap_or_else(|| refresh_token.expose_secret().to_owned());
        Ok(self.tokens(
            id_token,
            id_expiry,
            response.access_token().secret().clone(),
            response.expires_in(),
            Some(refresh),
        ))
    }

    /// Validates `id_token` (with `nonce` for a sign-in; refresh responses carry none) and
    /// returns its expiry. A token signed with a key the cached JWKS does not have makes
    /// the provider be discovered again — at most once a second — so key rotation works.
    async fn verify(
        &self,
        discovered: &Arc<Discovered>,
        id_token: &CoreIdToken,
        nonce: Option<&Nonce>,
    ) -> Result<Option<u64>, OidcError> {
        let check = |client: &Client| {
            let verifier = client
                .id_token_verifier()
                .set_allowed_algs(allowed_algorithms());
            let claims = match nonce {
                Some(nonce) => id_token.claims(&verifier, nonce),
                None => id_token.claims(&verifier, |_: Option<&Nonce>| Ok(())),
            };
            claims.map(|c| u64::try_from(c.expiration().timestamp()).ok())
        };
        match check(&discovered.client) {
            Ok(expiry) => Ok(expiry),
            Err(ClaimsVerificationError::SignatureVerification(
                SignatureVerificationError::NoMatchingKey,
            )) => {
                let fresh = self.rediscover(discovered).await?;
                check(&fresh.client).map_err(|e| OidcError::IdToken(error_chain(&e)))
            }
            Err(e) => Err(OidcError::IdToken(error_chain(&e))),
        }
    }

    /// Forgets `stale` and discovers again, unless that happened less than a second ago.
    async fn rediscover(&self, stale: &Arc<Discovered>) -> Result<Arc<Discovered>, OidcError> {
        {
            let mut last = self.last_rediscovery.lock().await;
            if last.is_some_and(|t| t.elapsed() < Duration::from_secs(1)) {
                return Err(OidcError::IdToken(
                    "signed with a key the provider does not publish".into(),
                ));
            }
            *last = Some(std::time::Instant::now());
        }
        {
            let mut slot = self.client.write().await;
            if slot.as_ref().is_some_and(|d| Arc::ptr_eq(d, stale)) {
                *slot = None;
            }
        }
        tracing::info!("ID token signed with an unknown key; fetching the provider's keys again");
        self.client().await
    }

    /// True when the provider's discovery document advertises PKCE with S256.
    pub async fn advertises_pkce(&self) -> Result<bool, OidcError> {
        let discovered = self.client().await?;
        Ok(discovered
            .logout
            .code_challenge_methods_supported
            .iter()
            .any(|m| m == "S256"))
    }

    /// Ends the sign-in at the provider: revokes `refresh_token` where the provider has a
    /// revocation endpoint (best effort), and returns the provider's end-session URL (with
    /// `client_id` and `post_logout_redirect_uri`, as RP-initiated logout allows) when it
    /// has one. The ID token is never put in it: it is a cluster credential, and the URL
    /// goes to page JavaScript, browser history and the provider's access logs.
    pub async fn sign_out(
        &self,
        refresh_token: Option<&SecretString>,
        post_logout_redirect_uri: &str,
    ) -> Option<url::Url> {
        let discovered = match self.client().await {
            Ok(d) => d,
            Err(error) => {
                tracing::warn!(%error, "sign-out: provider unavailable");
                return None;
            }
        };
        if let (Some(endpoint), Some(token)) =
            (&discovered.logout.revocation_endpoint, refresh_token)
        {
            let secret = self
                .settings
                .client_secret
                .as_ref()
                .map(|s| s.expose_secret());
            if let Err(error) = self
                .http
                .revoke(
                    endpoint,
                    token.expose_secret(),
                    &self.settings.client_id,
                    secret,
                )
                .await
            {
                tracing::warn!(%error, "sign-out: revoking the refresh token failed");
            }
        }
        let mut url = discovered.logout.end_session_endpoint.clone()?;
        {
            let mut query = url.query_pairs_mut();
            query.append_pair("client_id", &self.settings.client_id);
            query.append_pair("post_logout_redirect_uri", post_logout_redirect_uri);
        }
        Some(url)
    }

    fn tokens(
        &self,
        id_token: String,
        id_expiry: Option<u64>,
        access_token: String,
        access_lifetime: Option<Duration>,
        refresh_token: Option<String>,
    ) -> Tokens {
        let (bearer, expires_at) = if self.settings.use_access_token {
            (access_token, access_lifetime.map(|d| now() + d.as_secs()))
        } else {
            (id_token.clone(), id_expiry)
        };
        Tokens {
            bearer: SecretString::from(bearer),
            claims: validated_claims(&id_token),
            id_token: (!id_token.is_empty()).then(|| SecretString::from(id_token)),
            refresh_token: refresh_token.map(SecretString::from),
            expires_at,
        }
    }
}

/// The payload of an ID token that has already been validated: decoded, not checked
/// again. Called only from [`Provider::tokens`], after [`Provider::verify`] succeeded.
fn validated_claims(id_token: &str) -> serde_json::Map<String, serde_json::Value> {
    use base64::Engine as _;
    id_token
        .split('.')
        .nth(1)
        .and_then(|payload| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(payload.trim_end_matches('='))
                .ok()
        })
        .and_then(|json| serde_json::from_slice(&json).ok())
        .unwrap_or_default()
}

/// Asymmetric algorithms only: never `none`, never HMAC with a public key as secret.
fn allowed_algorithms() -> Vec<CoreJwsSigningAlgorithm> {
    use CoreJwsSigningAlgorithm::*;
    vec![
        RsaSsaPkcs1V15Sha256,
        RsaSsaPkcs1V15Sha384,
        RsaSsaPkcs1V15Sha512,
        RsaSsaPssSha256,
        RsaSsaPssSha384,
        RsaSsaPssSha512,
        EcdsaP256Sha256,
        EcdsaP384Sha384,
        EdDsa,
    ]
}

fn token_error<T: openidconnect::ErrorResponse + 'static>(
    error: &openidconnect::RequestTokenError<http::HttpError, T>,
) -> OidcError {
    match error {
        openidconnect::RequestTokenError::Request(http::HttpError::Unreachable(why)) => {
            OidcError::Unreachable(why.clone())
        }
        openidconnect::RequestTokenError::ServerResponse(response) => {
            OidcError::Token(response.to_string())
        }
        other => OidcError::Token(error_chain(other)),
    }
}

/// A failed discovery: the provider unreachable (why), or its answer unusable.
fn discovery_error(error: &openidconnect::DiscoveryError<http::HttpError>) -> OidcError {
    match error {
        openidconnect::DiscoveryError::Request(http::HttpError::Unreachable(why)) => {
            OidcError::Unreachable(why.clone())
        }
        other => OidcError::Discovery(error_chain(other)),
    }
}

fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(e) = source {
        text.push_str(": ");
        text.push_str(&e.to_string());
        source = e.source();
    }
    text
}
