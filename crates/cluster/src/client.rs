//! The client for one cluster. Every request goes out through [`ClusterClient::send`],
//! which sets exactly the credential the resolver chose and nothing else, then hands it
//! to the cluster's [`Transport`] (a `tower::Service`; hyper's pools in production).

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::header::{AUTHORIZATION, HOST, HeaderValue};
use http::{Request, Response, Uri};
use hyper::body::Incoming;
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::connect::proxy::Tunnel;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use secrecy::{ExposeSecret, SecretString};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use tokio::net::TcpStream;

use hyper_rustls::{FixedServerNameResolver, MaybeHttpsStream};
use rustls::pki_types::ServerName;
use tower::util::BoxCloneSyncService;
use tower::{Service, ServiceExt};

use crate::credential::read_token_file;
use crate::exec::ExecCache;
use crate::{ClusterError, ClusterSpec, Credential, KubeconfigAuth};

/// Error type of bodies sent upstream.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The body type of requests sent to a cluster.
pub type UpstreamBody = http_body_util::combinators::UnsyncBoxBody<Bytes, BoxError>;

type Tcp = BoxCloneSyncService<Uri, TokioIo<TcpStream>, BoxError>;
type Pool = Client<TimedConnector, UpstreamBody>;

/// Connecting (TCP, proxy CONNECT, TLS handshake) that gives up after a deadline, so an
/// unreachable or silent API server fails fast instead of hanging the request.
#[derive(Clone)]
struct TimedConnector {
    inner: HttpsConnector<Tcp>,
    timeout: Duration,
}

/// Connecting took longer than the connect timeout.
#[derive(Debug, thiserror::Error)]
#[error("connecting timed out")]
struct ConnectTimeout;

impl Service<Uri> for TimedConnector {
    type Response = MaybeHttpsStream<TokioIo<TcpStream>>;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, BoxError>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, uri: Uri) -> Self::Future {
        let connecting = self.inner.call(uri);
        let timeout = self.timeout;
        Box::pin(async move {
            match tokio::time::timeout(timeout, connecting).await {
                Ok(result) => result,
                Err(_) => Err(Box::new(ConnectTimeout) as BoxError),
            }
        })
    }
}

/// What carries requests to one cluster's API server: a `tower::Service` from a request
/// (URI already absolute, credential already set) to the API server's answer. Normally
/// [`HyperTransport`]'s connection pools; in tests, any stand-in that answers like an
/// API server ([`ClusterClient::with_transport`]).
pub type Transport = BoxCloneSyncService<Request<UpstreamBody>, ClusterResponse, ClusterError>;

/// An answer from a cluster: its status, headers and streamed body. Upgrades
/// (`101 Switching Protocols`) keep hyper's upgrade handle in the extensions.
pub type ClusterResponse = Response<UpstreamBody>;

/// One cluster as Lanthorn talks to it. Every request goes out through [`Self::send`],
/// which sets exactly the credential the resolver chose and hands the request to the
/// cluster's [`Transport`].
pub struct ClusterClient {
    spec: Arc<ClusterSpec>,
    base: BaseUri,
    transport: Transport,
    exec: ExecCache,
}

/// Marks a request whose credential is the kubeconfig's client certificate, so the
/// transport sends it over connections that present it.
#[derive(Clone, Copy, Debug)]
struct PresentClientCertificate;

/// Connections to one cluster: one pool negotiating HTTP/2 for ordinary requests, one
/// HTTP/1.1-only pool for requests that stay open (watches, followed logs, WebSocket
/// upgrades), and the same two presenting the kubeconfig's client certificate when it
/// has one. Long-lived requests stay off HTTP/2 because an API server caps the streams
/// per connection (250 by default) and the pool would queue the 251st watch forever.
#[derive(Clone)]
pub struct HyperTransport {
    anonymous: Arc<Pools>,
    with_identity: Option<Arc<Pools>>,
    cluster: Arc<str>,
    connect_timeout: Duration,
}

struct Pools {
    pooled: Pool,
    long_lived: Pool,
}

/// True for requests that stay open until closed, by kube-apiserver's own rules
/// (`BasicLongRunningRequestCheck`): a `watch` parameter with any value but `0`/`false`,
/// the legacy `/watch/` and `/proxy/` paths, and the `attach`, `exec`, `proxy`, `log` and
/// `portforward` subresources; also `follow=true|1`. They go over connections of their
/// own, never the shared HTTP/2 connection whose stream limit they would use up.
pub fn is_long_running(path: &str, query: Option<&str>) -> bool {
    let params = query.unwrap_or("").split('&').filter(|p| !p.is_empty());
    for pair in params {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = value.to_ascii_lowercase();
        match key {
            "watch" if value != "0" && value != "false" => return true,
            "follow" if value == "1" || value == "true" => return true,
            _ => {}
        }
    }
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    let rest = match segments.as_slice() {
        ["api", _version, rest @ ..] => rest,
        ["apis", _group, _version, rest @ ..] => rest,
        _ => return false,
    };
    if matches!(rest.first(), Some(&("watch" | "proxy"))) {
        return true;
    }
    let rest = match rest {
        ["namespaces", _namespace, more @ ..] if !more.is_empty() => more,
        other => other,
    };
    matches!(
        rest.get(2),
        Some(&("attach" | "exec" | "proxy" | "log" | "portforward"))
    )
}

/// The API server address split for joining request paths onto it.
struct BaseUri {
    scheme: http::uri::Scheme,
    authority: http::uri::Authority,
    path_prefix: String,
}

impl std::fmt::Debug for ClusterClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClusterClient")
            .field("spec", &self.spec)
            .finish_non_exhaustive()
    }
}

impl ClusterClient {
    /// Builds the pools for `spec`; connecting (TCP, proxy CONNECT and TLS) gives up after
    /// `connect_timeout`.
    pub fn new(spec: ClusterSpec, connect_timeout: Duration) -> Result<Self, ClusterError> {
        let transport = HyperTransport::new(&spec, connect_timeout)?;
        Self::with_transport(spec, Transport::new(transport))
    }

    /// A client for `spec` whose requests `transport` carries: the way tests put a fake
    /// API server behind the real credential handling.
    pub fn with_transport(spec: ClusterSpec, transport: Transport) -> Result<Self, ClusterError> {
        Ok(Self {
            base: BaseUri::from_spec(&spec)?,
            spec: Arc::new(spec),
            transport,
            exec: ExecCache::default(),
        })
    }

    /// The cluster this client talks to.
    pub fn spec(&self) -> &ClusterSpec {
        &self.spec
    }

    /// Sends `request`, whose URI holds the Kubernetes path and query (`/api/v1/pods?watch=1`),
    /// to the API server with `credential`. Any `Authorization` or `Host` header on the request
    /// is replaced. Upgrades, watches and followed logs go over HTTP/1.1 (see [`HyperTransport`]).
    pub async fn send(
        &self,
        mut request: Request<UpstreamBody>,
        credential: &Credential,
    ) -> Result<ClusterResponse, ClusterError> {
        let path_and_query = request
            .uri()
            .path_and_query()
            .map_or("/", |p| p.as_str())
            .to_owned();
        *request.uri_mut() =
            self.base
                .join(&path_and_query)
                .map_err(|reason| ClusterError::Unreachable {
                    cluster: self.spec.name.to_string(),
                    reason,
                })?;
        let headers = request.headers_mut();
        headers.remove(AUTHORIZATION);
        headers.remove(HOST);
        if let Some(token) = self.bearer_token(credential).await? {
            let mut value = HeaderValue::from_str(&format!("Bearer {}", token.expose_secret()))
                .map_err(|_| ClusterError::BadToken)?;
            value.set_sensitive(true);
            headers.insert(AUTHORIZATION, value);
        }
        // The kubeconfig's own credential acts as the identity its user entry names.
        if credential.fallback_auth().is_some()
            && let Some(who) = &self.spec.impersonate
        {
            who.apply(headers);
        }
        // Impersonation mode: the signed-in user, replacing the kubeconfig's `as` and
        // anything a client sent.
        if let Some(who) = credential.acting_as() {
            who.apply(headers);
        }
        if credential.uses_client_certificate() {
            request.extensions_mut().insert(PresentClientCertificate);
        }
        let mut transport = self.transport.clone();
        std::future::poll_fn(|cx| transport.poll_ready(cx)).await?;
        transport.call(request).await
    }

    /// The bearer token `credential` stands for (the user's, or the kubeconfig's token,
    /// token file, exec plugin or OIDC id-token), if any.
    pub(crate) async fn bearer_token(
        &self,
        credential: &Credential,
    ) -> Result<Option<SecretString>, ClusterError> {
        if let Some(token) = credential.user_token() {
            return Ok(Some(token.clone()));
        }
        match credential.fallback_auth() {
            None | Some(KubeconfigAuth::None) => Ok(None),
            Some(KubeconfigAuth::Token(token)) => Ok(Some(token.clone())),
            Some(KubeconfigAuth::TokenFile(path)) => read_token_file(path).await.map(Some),
            Some(KubeconfigAuth::Exec(exec)) => self.exec.token(exec).await.map(Some),
            Some(KubeconfigAuth::OidcProvider(oidc)) => Ok(oidc.id_token.clone()),
        }
    }
}

impl std::fmt::Debug for HyperTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HyperTransport")
            .field("cluster", &self.cluster)
            .finish_non_exhaustive()
    }
}

impl HyperTransport {
    /// The pools for `spec`, connecting with `connect_timeout`.
    pub fn new(spec: &ClusterSpec, connect_timeout: Duration) -> Result<Self, ClusterError> {
        let anonymous = Arc::new(Pools::new(spec, false, connect_timeout)?);
        let with_identity = match spec.identity_pem {
            Some(_) => Some(Arc::new(Pools::new(spec, true, connect_timeout)?)),
            None => None,
        };
        Ok(Self {
            anonymous,
            with_identity,
            cluster: spec.name.as_str().into(),
            connect_timeout,
        })
    }

    async fn carry(
        self,
        mut request: Request<UpstreamBody>,
    ) -> Result<ClusterResponse, ClusterError> {
        let present = request
            .extensions_mut()
            .remove::<PresentClientCertificate>()
            .is_some();
        let pools = match (&self.with_identity, present) {
            (Some(pools), true) => pools,
            _ => &self.anonymous,
        };
        let is_upgrade = request.headers().contains_key(http::header::UPGRADE);
        let pool = if is_upgrade || is_long_running(request.uri().path(), request.uri().query()) {
            *request.version_mut() = http::Version::HTTP_11;
            &pools.long_lived
        } else {
            &pools.pooled
        };
        // A bodiless read can be sent again if the connection it went out on was closed
        // under it (an API server ends HTTP/2 connections with GOAWAY now and then).
        let replay = replay_copy(&request);
        let answer = match pool.request(request).await {
            Ok(response) => Ok(response),
            Err(error) if !error.is_connect() && replay.is_some() => {
                tracing::debug!(error = %error_chain(&error), "request failed on a reused connection; sending it again");
                match replay {
                    Some(again) => pool.request(again).await.map_err(|e| self.classify(&e)),
                    None => Err(self.classify(&error)),
                }
            }
            Err(error) => Err(self.classify(&error)),
        };
        answer.map(|response| response.map(box_incoming))
    }

    fn classify(&self, error: &hyper_util::client::legacy::Error) -> ClusterError {
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
        while let Some(e) = source {
            if e.is::<ConnectTimeout>() {
                return ClusterError::Timeout {
                    cluster: self.cluster.to_string(),
                    seconds: self.connect_timeout.as_secs(),
                };
            }
            source = e.source();
        }
        ClusterError::Unreachable {
            cluster: self.cluster.to_string(),
            reason: error_chain(error),
        }
    }
}

impl Service<Request<UpstreamBody>> for HyperTransport {
    type Response = ClusterResponse;
    type Error = ClusterError;
    type Future = Pin<Box<dyn Future<Output = Result<ClusterResponse, ClusterError>> + Send>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), ClusterError>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<UpstreamBody>) -> Self::Future {
        Box::pin(self.clone().carry(request))
    }
}

fn box_incoming(body: Incoming) -> UpstreamBody {
    use http_body_util::BodyExt as _;
    body.map_err(BoxError::from).boxed_unsync()
}

/// A copy of a GET/HEAD/OPTIONS request without a body, to send again after a dropped
/// connection; `None` for anything that is not safe or possible to repeat.
fn replay_copy(request: &Request<UpstreamBody>) -> Option<Request<UpstreamBody>> {
    use http_body_util::BodyExt as _;
    let safe = matches!(
        *request.method(),
        http::Method::GET | http::Method::HEAD | http::Method::OPTIONS
    );
    if !safe
        || !hyper::body::Body::is_end_stream(request.body())
        || request.headers().contains_key(http::header::UPGRADE)
    {
        return None;
    }
    let mut copy = Request::new(
        http_body_util::Empty::<Bytes>::new()
            .map_err(|never| match never {})
            .boxed_unsync(),
    );
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.version_mut() = request.version();
    *copy.headers_mut() = request.headers().clone();
    Some(copy)
}

/// `error: cause: cause`, the way people read connection failures.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(e) = source {
        let more = e.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        source = e.source();
    }
    text
}

impl Pools {
    fn new(
        spec: &ClusterSpec,
        with_identity: bool,
        timeout: Duration,
    ) -> Result<Self, ClusterError> {
        let tls = crate::tls::client_config(spec, with_identity)?;
        let pooled = pool(spec, tls.clone(), true, timeout)?;
        let long_lived = pool(spec, tls, false, timeout)?;
        Ok(Self { pooled, long_lived })
    }
}

fn pool(
    spec: &ClusterSpec,
    tls: rustls::ClientConfig,
    http2: bool,
    timeout: Duration,
) -> Result<Pool, ClusterError> {
    let mut http = HttpConnector::new();
    http.enforce_http(false);
    http.set_nodelay(true);
    http.set_keepalive(Some(Duration::from_secs(30)));
    let tcp: Tcp = match &spec.proxy_url {
        None => BoxCloneSyncService::new(http.map_err(BoxError::from)),
        Some(proxy) => {
            let proxy: Uri = proxy
                .as_str()
                .parse()
                .map_err(|e| ClusterError::BadContext {
                    path: Default::default(),
                    context: spec.name.to_string(),
                    reason: format!("proxy-url: {e}"),
                })?;
            BoxCloneSyncService::new(Tunnel::new(proxy, http).map_err(BoxError::from))
        }
    };
    let builder = hyper_rustls::HttpsConnectorBuilder::new()
        .with_tls_config(tls)
        .https_or_http();
    let builder = match &spec.tls_server_name {
        Some(name) => {
            let name = ServerName::try_from(name.clone()).map_err(|e| ClusterError::Tls {
                cluster: spec.name.to_string(),
                reason: format!("tls-server-name: {e}"),
            })?;
            builder.with_server_name_resolver(FixedServerNameResolver::new(name))
        }
        None => builder,
    };
    let https = if http2 {
        builder.enable_all_versions().wrap_connector(tcp)
    } else {
        builder.enable_http1().wrap_connector(tcp)
    };
    let connector = TimedConnector {
        inner: https,
        timeout,
    };
    let mut client = Client::builder(TokioExecutor::new());
    client
        .timer(TokioTimer::new())
        .pool_timer(TokioTimer::new())
        .pool_idle_timeout(Duration::from_secs(90))
        .pool_max_idle_per_host(32)
        .http2_keep_alive_interval(Duration::from_secs(30))
        .http2_keep_alive_while_idle(true)
        // hyper's default 64 KiB windows cost a round trip per 64 KiB of a large list;
        // adaptive windows grow to the connection's bandwidth-delay product instead.
        .http2_adaptive_window(true);
    if !http2 {
        client.http2_only(false);
    }
    Ok(client.build(connector))
}

impl BaseUri {
    fn from_spec(spec: &ClusterSpec) -> Result<Self, ClusterError> {
        let uri: Uri = spec
            .server
            .as_str()
            .parse()
            .map_err(|e| ClusterError::BadContext {
                path: Default::default(),
                context: spec.name.to_string(),
                reason: format!("server is not a URI: {e}"),
            })?;
        let parts = uri.into_parts();
        let (Some(scheme), Some(authority)) = (parts.scheme, parts.authority) else {
            return Err(ClusterError::BadContext {
                path: Default::default(),
                context: spec.name.to_string(),
                reason: "server needs a scheme and a host".into(),
            });
        };
        let path_prefix = parts
            .path_and_query
            .map(|p| p.path().trim_end_matches('/').to_owned())
            .unwrap_or_default();
        Ok(Self {
            scheme,
            authority,
            path_prefix,
        })
    }

    fn join(&self, path_and_query: &str) -> Result<Uri, String> {
        Uri::builder()
            .scheme(self.scheme.clone())
            .authority(self.authority.clone())
            .path_and_query(format!("{}{}", self.path_prefix, path_and_query))
            .build()
            .map_err(|e| format!("cannot form the request URI: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base(server: &str) -> BaseUri {
        let spec = crate::spec::tests_support::spec_for(server);
        BaseUri::from_spec(&spec).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn joins_paths_under_the_server_prefix() {
        let b = base("https://10.0.0.1:6443/");
        assert_eq!(
            b.join("/api/v1/pods?watch=1").ok().map(|u| u.to_string()),
            Some("https://10.0.0.1:6443/api/v1/pods?watch=1".into())
        );
        let b = base("https://rancher.example/k8s/clusters/c-1/");
        assert_eq!(
            b.join("/version").ok().map(|u| u.to_string()),
            Some("https://rancher.example/k8s/clusters/c-1/version".into())
        );
    }

    #[test]
    fn only_bodiless_reads_are_sent_again() {
        use http_body_util::BodyExt as _;
        let empty = || -> UpstreamBody {
            http_body_util::Empty::<Bytes>::new()
                .map_err(|never| match never {})
                .boxed_unsync()
        };
        let with_body = || -> UpstreamBody {
            http_body_util::Full::new(Bytes::from_static(b"{}"))
                .map_err(|never| match never {})
                .boxed_unsync()
        };
        let request = |method: http::Method, body: UpstreamBody| {
            let mut r = Request::new(body);
            *r.method_mut() = method;
            *r.uri_mut() = Uri::from_static("https://k/api/v1/pods");
            r.headers_mut()
                .insert("accept", HeaderValue::from_static("application/json"));
            r
        };
        let copy = replay_copy(&request(http::Method::GET, empty()));
        assert!(copy.as_ref().is_some_and(
            |c| c.uri() == "https://k/api/v1/pods" && c.headers().contains_key("accept")
        ));
        assert!(replay_copy(&request(http::Method::POST, with_body())).is_none());
        assert!(replay_copy(&request(http::Method::DELETE, empty())).is_none());
        let mut upgrade = request(http::Method::GET, empty());
        upgrade
            .headers_mut()
            .insert("upgrade", HeaderValue::from_static("websocket"));
        assert!(replay_copy(&upgrade).is_none());
    }
}
