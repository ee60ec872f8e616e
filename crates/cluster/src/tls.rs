//! rustls client configurations for one cluster.

use std::sync::{Arc, Once};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use secrecy::ExposeSecret;

use crate::{ClusterError, ClusterSpec};

/// Installs ring as the process-wide rustls provider (idempotent).
pub(crate) fn install_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// The TLS configuration for `spec`; with `with_identity`, it presents the kubeconfig's
/// client certificate.
pub(crate) fn client_config(
    spec: &ClusterSpec,
    with_identity: bool,
) -> Result<rustls::ClientConfig, ClusterError> {
    install_provider();
    let tls_err = |reason: String| ClusterError::Tls {
        cluster: spec.name.to_string(),
        reason,
    };
    let builder = rustls::ClientConfig::builder();
    let builder = if spec.insecure {
        builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(AcceptAnyCertificate))
    } else {
        let mut roots = rustls::RootCertStore::empty();
        match &spec.ca_pem {
            Some(pem) => {
                for cert in CertificateDer::pem_slice_iter(pem) {
                    let cert = cert.map_err(|e| tls_err(format!("CA is not PEM: {e}")))?;
                    roots
                        .add(cert)
                        .map_err(|e| tls_err(format!("CA certificate rejected: {e}")))?;
                }
                if roots.is_empty() {
                    return Err(tls_err(
                        "the certificate authority holds no certificate".into(),
                    ));
                }
            }
            None => {
                let native = rustls_native_certs::load_native_certs();
                roots.add_parsable_certificates(native.certs);
            }
        }
        builder.with_root_certificates(roots)
    };
    let config = match (&spec.identity_pem, with_identity) {
        (Some(pem), true) => {
            let pem = pem.expose_secret().as_bytes();
            let chain = CertificateDer::pem_slice_iter(pem)
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| tls_err(format!("client certificate is not PEM: {e}")))?;
            let key = PrivateKeyDer::from_pem_slice(pem)
                .map_err(|e| tls_err(format!("client key is not PEM: {e}")))?;
            builder
                .with_client_auth_cert(chain, key)
                .map_err(|e| tls_err(format!("client certificate rejected: {e}")))?
        }
        _ => builder.with_no_client_auth(),
    };
    // ALPN is set by the connector builder (h2 + http/1.1, or http/1.1 for upgrades).
    Ok(config)
}

/// `insecure-skip-tls-verify: true`: the operator chose to trust any certificate.
#[derive(Debug)]
struct AcceptAnyCertificate;

impl ServerCertVerifier for AcceptAnyCertificate {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &algorithms())
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &algorithms())
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        algorithms().supported_schemes()
    }
}

fn algorithms() -> rustls::crypto::WebPkiSupportedAlgorithms {
    rustls::crypto::ring::default_provider().signature_verification_algorithms
}
