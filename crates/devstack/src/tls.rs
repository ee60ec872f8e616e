//! rustls client configuration trusting only the stack's own CA.

use std::sync::Once;

use anyhow::{Context, Result};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

fn install_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Another crate in the same process may have installed one first; either is fine.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// A client configuration that trusts `ca_pem` and, when given, presents the client
/// certificate and key in `identity_pem`.
pub(crate) fn client_config(
    ca_pem: &[u8],
    identity_pem: Option<&[u8]>,
) -> Result<rustls::ClientConfig> {
    install_provider();
    let mut roots = rustls::RootCertStore::empty();
    for cert in CertificateDer::pem_slice_iter(ca_pem) {
        roots
            .add(cert.context("CA PEM is not a certificate")?)
            .context("CA certificate rejected")?;
    }
    let builder = rustls::ClientConfig::builder().with_root_certificates(roots);
    let config = match identity_pem {
        Some(pem) => {
            let chain = CertificateDer::pem_slice_iter(pem)
                .collect::<Result<Vec<_>, _>>()
                .context("client certificate PEM")?;
            let key = PrivateKeyDer::from_pem_slice(pem).context("client key PEM")?;
            builder
                .with_client_auth_cert(chain, key)
                .context("client certificate rejected")?
        }
        None => builder.with_no_client_auth(),
    };
    Ok(config)
}

/// A reqwest client builder using [`client_config`].
pub(crate) fn http_builder(
    ca_pem: &[u8],
    identity_pem: Option<&[u8]>,
) -> Result<reqwest::ClientBuilder> {
    let config = client_config(ca_pem, identity_pem)?;
    Ok(reqwest::Client::builder()
        .tls_backend_preconfigured(config)
        .timeout(std::time::Duration::from_secs(30)))
}

/// A client for Lanthorn's own HTTP(S) endpoints in tests: trusts the stack's CA, follows
/// no redirects and keeps no cookies (tests handle cookies by hand).
pub fn test_http_client(ca_pem: &[u8]) -> Result<reqwest::Client> {
    Ok(http_builder(ca_pem, None)?
        .redirect(reqwest::redirect::Policy::none())
        .build()?)
}

/// Like [`test_http_client`], speaking only HTTP/1.1 (for like-for-like benchmarks).
pub fn test_http1_client(ca_pem: &[u8]) -> Result<reqwest::Client> {
    Ok(http_builder(ca_pem, None)?
        .redirect(reqwest::redirect::Policy::none())
        .http1_only()
        .build()?)
}
