//! Why the provider could not be reached, in words an operator can act on: the cause
//! (an untrusted certificate, a certificate for another name, a refused connection, a name
//! that does not resolve, no answer in time) and the flag that fixes it. Said only when the
//! provider did not answer; an answer it gave is reported as such elsewhere.

use std::error::Error as StdError;

/// The operator-facing explanation of a request to `url` that got no answer.
pub(crate) fn explain(error: &reqwest::Error, timeout_secs: u64) -> String {
    let host = error
        .url()
        .and_then(|u| {
            let host = u.host_str()?;
            Some(match u.port_or_known_default() {
                Some(port) => format!("{host}:{port}"),
                None => host.to_owned(),
            })
        })
        .unwrap_or_else(|| "the provider".to_owned());
    let name = error
        .url()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| "its name".to_owned());
    if error.is_timeout() {
        return format!(
            "the OIDC provider at {host} did not answer within {timeout_secs} s; \
             check that it runs and that --oidc-issuer-url names it"
        );
    }
    if let Some(tls) = find::<rustls::Error>(error) {
        return certificate_problem(tls, &host, &name);
    }
    if let Some(io) = find::<std::io::Error>(error) {
        if io.kind() == std::io::ErrorKind::ConnectionRefused {
            return format!(
                "{host} refused the connection: the OIDC provider does not listen there; \
                 check --oidc-issuer-url"
            );
        }
        if let Some(tls) = tls_inside(io) {
            return certificate_problem(tls, &host, &name);
        }
    }
    let chain = chain(error);
    if chain.contains("dns error") || chain.contains("failed to lookup address") {
        return format!("the name {name} does not resolve; check the host in --oidc-issuer-url");
    }
    format!("could not reach the OIDC provider at {host}: {chain}")
}

fn certificate_problem(error: &rustls::Error, host: &str, name: &str) -> String {
    use rustls::CertificateError as C;
    match error {
        rustls::Error::InvalidCertificate(C::UnknownIssuer | C::BadSignature) => format!(
            "the OIDC provider's certificate at {host} is not signed by an authority Lanthorn \
             trusts; give the provider's CA with --oidc-ca-file"
        ),
        rustls::Error::InvalidCertificate(
            C::NotValidForName | C::NotValidForNameContext { .. },
        ) => {
            format!(
                "the OIDC provider's certificate at {host} is not valid for the name {name}; \
                 use the name the certificate is for in --oidc-issuer-url"
            )
        }
        rustls::Error::InvalidCertificate(
            C::Expired | C::ExpiredContext { .. } | C::NotValidYet | C::NotValidYetContext { .. },
        ) => format!(
            "the OIDC provider's certificate at {host} is expired or not valid yet; \
             the provider must renew it"
        ),
        other => format!("TLS with the OIDC provider at {host} failed: {other}"),
    }
}

/// The TLS error an I/O error carries, however deep (the TLS stream wraps it in an I/O error,
/// which the connector wraps in another).
fn tls_inside(io: &std::io::Error) -> Option<&rustls::Error> {
    let mut inner = io.get_ref()?;
    loop {
        if let Some(tls) = inner.downcast_ref::<rustls::Error>() {
            return Some(tls);
        }
        inner = inner.downcast_ref::<std::io::Error>()?.get_ref()?;
    }
}

/// The first error of type `T` in `error`'s chain of sources.
fn find<'e, T: StdError + 'static>(error: &'e (dyn StdError + 'static)) -> Option<&'e T> {
    let mut current: Option<&(dyn StdError + 'static)> = Some(error);
    while let Some(e) = current {
        if let Some(found) = e.downcast_ref::<T>() {
            return Some(found);
        }
        current = e.source();
    }
    None
}

fn chain(error: &(dyn StdError + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(e) = source {
        text.push_str(": ");
        text.push_str(&e.to_string());
        source = e.source();
    }
    text
}

#[cfg(test)]
mod tests {
    //! Real TLS servers and sockets on loopback, each failing in one way.

    use std::sync::Arc;
    use std::time::Duration;

    use openidconnect::AsyncHttpClient as _;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    use tokio::net::TcpListener;

    use crate::http::{HttpClient, HttpError};

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    /// A self-signed certificate for `name` (its PEM, to trust it) and its TLS acceptor.
    fn certificate(
        name: &str,
    ) -> Result<(String, tokio_rustls::TlsAcceptor), Box<dyn std::error::Error>> {
        let made = rcgen::generate_simple_self_signed(vec![name.to_owned()])?;
        let chain = vec![CertificateDer::from(made.cert.der().to_vec())];
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(made.signing_key.serialize_der()));
        let _ = rustls::crypto::ring::default_provider().install_default();
        let config = rustls::ServerConfig::builder()
            .with_no_client_auth()
            .with_single_cert(chain, key)?;
        Ok((
            made.cert.pem(),
            tokio_rustls::TlsAcceptor::from(Arc::new(config)),
        ))
    }

    /// Serves `{}` over TLS on loopback to every connection; returns the port.
    async fn tls_server(acceptor: tokio_rustls::TlsAcceptor) -> std::io::Result<u16> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let port = listener.local_addr()?.port();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let acceptor = acceptor.clone();
                tokio::spawn(async move {
                    let Ok(mut tls) = acceptor.accept(socket).await else {
                        return;
                    };
                    let mut buf = [0u8; 4096];
                    let _ = tls.read(&mut buf).await;
                    let _ = tls
                        .write_all(
                            b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}",
                        )
                        .await;
                    let _ = tls.shutdown().await;
                });
            }
        });
        Ok(port)
    }

    async fn ask(client: &HttpClient, port: u16) -> Result<u16, HttpError> {
        let url = format!("https://127.0.0.1:{port}/.well-known/openid-configuration");
        let request = http::Request::get(url)
            .body(Vec::new())
            .map_err(|e| HttpError::Answer(e.to_string()))?;
        client.call(request).await.map(|r| r.status().as_u16())
    }

    fn unreachable(result: Result<u16, HttpError>) -> String {
        match result {
            Err(HttpError::Unreachable(why)) => why,
            other => panic!("expected no answer, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn a_trusted_provider_answers() -> TestResult {
        let (pem, acceptor) = certificate("127.0.0.1")?;
        let port = tls_server(acceptor).await?;
        let client = HttpClient::new(Some(pem.as_bytes()))?;
        assert_eq!(ask(&client, port).await.map_err(|e| e.to_string())?, 200);
        Ok(())
    }

    #[tokio::test]
    async fn an_untrusted_certificate_names_oidc_ca_file() -> TestResult {
        let (_, acceptor) = certificate("127.0.0.1")?;
        let port = tls_server(acceptor).await?;
        let why = unreachable(ask(&HttpClient::new(None)?, port).await);
        assert!(
            why.contains("not signed by an authority Lanthorn trusts"),
            "{why}"
        );
        assert!(why.contains("--oidc-ca-file"), "{why}");
        assert!(why.contains(&format!("127.0.0.1:{port}")), "{why}");
        Ok(())
    }

    #[tokio::test]
    async fn a_certificate_for_another_name_says_so() -> TestResult {
        let (pem, acceptor) = certificate("idp.other.test")?;
        let port = tls_server(acceptor).await?;
        let why = unreachable(ask(&HttpClient::new(Some(pem.as_bytes()))?, port).await);
        assert!(why.contains("not valid for the name 127.0.0.1"), "{why}");
        assert!(why.contains("--oidc-issuer-url"), "{why}");
        Ok(())
    }

    #[tokio::test]
    async fn a_refused_connection_names_the_issuer_flag() -> TestResult {
        let port = TcpListener::bind("127.0.0.1:0").await?.local_addr()?.port();
        // The listener is gone: nothing listens on the port any more.
        let why = unreachable(ask(&HttpClient::new(None)?, port).await);
        assert!(why.contains("refused the connection"), "{why}");
        assert!(why.contains("--oidc-issuer-url"), "{why}");
        Ok(())
    }

    #[tokio::test]
    async fn silence_is_a_timeout() -> TestResult {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let port = listener.local_addr()?.port();
        // Accepts and never says a word.
        let held = tokio::spawn(async move {
            let kept = listener.accept().await;
            tokio::time::sleep(Duration::from_secs(10)).await;
            drop(kept);
        });
        let client = HttpClient::with_timeout(None, Duration::from_secs(1))?;
        let why = unreachable(ask(&client, port).await);
        held.abort();
        assert!(why.contains("did not answer within 1 s"), "{why}");
        Ok(())
    }
}
