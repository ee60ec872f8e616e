//! The HTTP client `openidconnect` uses: reqwest with rustls, no redirects (they would
//! open the door to server-side request forgery), an optional extra CA for the provider.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use openidconnect::{AsyncHttpClient, HttpRequest, HttpResponse};

/// How long one request to the provider may take.
const TIMEOUT: Duration = Duration::from_secs(15);

/// Talks to the OIDC provider.
#[derive(Clone, Debug)]
pub struct HttpClient {
    inner: reqwest::Client,
    timeout: Duration,
}

/// A failed exchange with the provider.
#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    /// No answer: why, and the flag that fixes it (see [`crate::reach`]).
    #[error("{0}")]
    Unreachable(String),
    /// An answer that could not be read or used.
    #[error("{0}")]
    Answer(String),
}

impl HttpClient {
    /// Trusts the system's roots plus `extra_ca_pem` (`--oidc-ca-file`).
    pub fn new(extra_ca_pem: Option<&[u8]>) -> Result<Self, crate::OidcError> {
        Self::with_timeout(extra_ca_pem, TIMEOUT)
    }

    /// [`HttpClient::new`] with another time limit per request.
    pub(crate) fn with_timeout(
        extra_ca_pem: Option<&[u8]>,
        timeout: Duration,
    ) -> Result<Self, crate::OidcError> {
        use rustls::pki_types::CertificateDer;
        use rustls::pki_types::pem::PemObject;
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut roots = rustls::RootCertStore::empty();
        roots.add_parsable_certificates(rustls_native_certs::load_native_certs().certs);
        if let Some(pem) = extra_ca_pem {
            for cert in CertificateDer::pem_slice_iter(pem) {
                let cert =
                    cert.map_err(|e| crate::OidcError::Config(format!("--oidc-ca-file: {e}")))?;
                roots
                    .add(cert)
                    .map_err(|e| crate::OidcError::Config(format!("--oidc-ca-file: {e}")))?;
            }
        }
        let tls = rustls::ClientConfig::builder()
            .with_root_certificates(roots)
            .with_no_client_auth();
        let inner = reqwest::Client::builder()
            .tls_backend_preconfigured(tls)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(timeout)
            .build()
            .map_err(|e| crate::OidcError::Config(e.to_string()))?;
        Ok(Self { inner, timeout })
    }

    fn unreachable(&self, error: &reqwest::Error) -> HttpError {
        HttpError::Unreachable(crate::reach::explain(error, self.timeout.as_secs()))
    }
}

impl HttpClient {
    /// RFC 7009 revocation of a refresh token, authenticating as the client.
    pub(crate) async fn revoke(
        &self,
        endpoint: &url::Url,
        token: &str,
        client_id: &str,
        client_secret: Option<&str>,
    ) -> Result<(), HttpError> {
        let mut form = vec![("token", token), ("token_type_hint", "refresh_token")];
        // A confidential client authenticates with HTTP Basic; a public one names itself.
        if client_secret.is_none() {
            form.push(("client_id", client_id));
        }
        let mut request = self.inner.post(endpoint.clone()).form(&form);
        if let Some(secret) = client_secret {
            // RFC 6749 §2.3.1: both parts are form-urlencoded before Basic encoding.
            let encode = |text: &str| {
                url::form_urlencoded::byte_serialize(text.as_bytes()).collect::<String>()
            };
            request = request.basic_auth(encode(client_id), Some(encode(secret)));
        }
        let response = request.send().await.map_err(|e| self.unreachable(&e))?;
        if response.status().is_success() {
            Ok(())
        } else {
            Err(HttpError::Answer(format!(
                "revocation endpoint answered {}",
                response.status()
            )))
        }
    }
}

impl<'c> AsyncHttpClient<'c> for HttpClient {
    type Error = HttpError;
    type Future = Pin<Box<dyn Future<Output = Result<HttpResponse, HttpError>> + Send + Sync + 'c>>;

    fn call(&'c self, request: HttpRequest) -> Self::Future {
        Box::pin(async move {
            let (parts, body) = request.into_parts();
            let mut builder = self
                .inner
                .request(parts.method, parts.uri.to_string())
                .body(body);
            for (name, value) in &parts.headers {
                builder = builder.header(name, value);
            }
            let response = builder.send().await.map_err(|e| self.unreachable(&e))?;
            let mut out = http::Response::builder().status(response.status());
            for (name, value) in response.headers() {
                out = out.header(name, value);
            }
            let bytes = response.bytes().await.map_err(|e| self.unreachable(&e))?;
            out.body(bytes.to_vec())
                .map_err(|e| HttpError::Answer(e.to_string()))
        })
    }
}
