//! The `lanthorn` binary: reads the configuration, loads the clusters, opens the session
//! store and the audit log, then serves. Anything wrong with the configuration ends the
//! process with exit code 64 before a port is bound.

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::sync::Arc;

use lanthorn_config::{Config, Loaded, SessionStore};
use lanthorn_server::{AppState, AuditLog, Clusters, Parts};
use lanthorn_session::{MemoryStore, RedisStore, SessionKey, SessionPolicy, Sessions, SystemClock};

mod impersonation;

/// `EX_USAGE`: the configuration is wrong.
const EXIT_CONFIG: u8 = 64;
/// `EX_UNAVAILABLE`: a service we need (port, session store) is not available.
const EXIT_UNAVAILABLE: u8 = 69;

fn main() -> ExitCode {
    let env: BTreeMap<String, String> = std::env::vars().collect();
    let config = match lanthorn_config::load(std::env::args_os(), &env) {
        Ok(Loaded::Run(config)) => config,
        Ok(Loaded::Help(text) | Loaded::Version(text)) => {
            println!("{}", text.trim_end());
            return ExitCode::SUCCESS;
        }
        Err(error) => {
            eprintln!("lanthorn: {error}");
            return ExitCode::from(EXIT_CONFIG);
        }
    };
    init_logging(&config.log_level);
    // Every open watch holds two sockets (browser and API server); lift the soft limit on
    // open files to the hard one, as Go programs such as Headlamp get by default.
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(limit) => tracing::debug!(limit, "open-file limit"),
        Err(error) => tracing::warn!(%error, "cannot raise the open-file limit"),
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("lanthorn: cannot start the async runtime: {error}");
            return ExitCode::from(EXIT_UNAVAILABLE);
        }
    };
    match runtime.block_on(run(config, env)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure { code, message }) => {
            tracing::error!("{message}");
            eprintln!("lanthorn: {message}");
            ExitCode::from(code)
        }
    }
}

struct Failure {
    code: u8,
    message: String,
}

fn config_error(message: impl std::fmt::Display) -> Failure {
    Failure {
        code: EXIT_CONFIG,
        message: format!("invalid configuration: {message}"),
    }
}

fn init_logging(level: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("LANTHORN_LOG").unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new(format!("{level},hyper=warn,h2=warn,rustls=warn"))
    });
    // Logs go to stderr; stdout is the audit log's default home.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

async fn run(config: Config, env: BTreeMap<String, String>) -> Result<(), Failure> {
    for flag in &config.ignored_flags {
        tracing::warn!("--{flag} is a Headlamp flag with no meaning in Lanthorn; ignored");
    }
    let clusters = Clusters::load(&config.clusters, &env).map_err(config_error)?;
    let impersonation = impersonation::mode(&config, &clusters).await?;
    kubeconfig_credentials_stay_local(&config, &clusters, &impersonation)?;
    if config.clusters.in_cluster && config.clusters.unsafe_use_service_account_token {
        tracing::warn!(
            "--unsafe-use-service-account-token is set: requests without a signed-in user act as Lanthorn's own ServiceAccount"
        );
    }
    let audit = AuditLog::open(&config.audit_log)
        .map_err(|e| config_error(format!("audit-log: cannot open: {e}")))?;
    let tls = match &config.server.tls {
        Some(tls) => Some(lanthorn_server::listener_tls(tls).map_err(config_error)?),
        None => None,
    };
    let key = match &config.session.secret_file {
        Some(path) => SessionKey::from_file(path)
            .map_err(|e| config_error(format!("session-secret-file: {e}")))?,
        None => {
            tracing::warn!(
                "no --session-secret-file: a new session key was generated, so sessions end when this process stops and are not shared between replicas"
            );
            SessionKey::generate().map_err(|e| Failure {
                code: EXIT_UNAVAILABLE,
                message: format!("cannot generate a session key: {e}"),
            })?
        }
    };
    let store: Arc<dyn lanthorn_session::SessionStore> = match &config.session.store {
        SessionStore::Memory => Arc::new(MemoryStore::new()),
        SessionStore::Redis(url) => {
            Arc::new(RedisStore::connect(url).await.map_err(|e| Failure {
                code: EXIT_UNAVAILABLE,
                message: format!("session store: {e}"),
            })?)
        }
    };
    let policy = SessionPolicy {
        ttl: config.session.ttl,
        idle_timeout: config.session.idle_timeout,
    };
    let sessions = Sessions::new(store, key, policy, Arc::new(SystemClock));
    let served_over_tls = tls.is_some();
    let oidc = match &config.oidc {
        Some(oidc) => Some(Arc::new(oidc_provider(oidc)?)),
        None => None,
    };
    if let Some(provider) = oidc.clone() {
        // The provider is checked at start (discovery and its keys), in the background so
        // one that is down does not delay start; what is wrong is said as a sign-in would.
        tokio::spawn(async move {
            match provider.advertises_pkce().await {
                Ok(true) if provider.settings().use_pkce == Some(false) => tracing::warn!(
                    "the OIDC provider supports PKCE (S256) but --oidc-use-pkce is off; turn it on"
                ),
                Ok(_) => tracing::info!("the OIDC provider answers discovery"),
                Err(error) => tracing::warn!(
                    %error,
                    "the OIDC provider could not be checked at start; sign-ins fail until it can"
                ),
            }
        });
    }
    let state = AppState::new(Parts {
        clusters,
        sessions,
        audit,
        served_over_tls: served_over_tls || config.server.secure_cookies,
        web: web_policy(&config),
        oidc,
        oidc_callback_url: config
            .oidc
            .as_ref()
            .and_then(|o| o.callback_url.as_ref())
            .map(|u| u.as_str().to_owned()),
        base_url: config.server.base_url.clone(),
        helm: config.helm.clone(),
        refresh_margin: refresh_margin(&env)?,
        impersonation,
    });
    let names: Vec<String> = state
        .clusters
        .iter()
        .map(|c| c.spec().name.to_string())
        .collect();
    let addr = config.server.socket_addr();
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| Failure {
            code: EXIT_UNAVAILABLE,
            message: format!("cannot listen on {addr}: {e}"),
        })?;
    let scheme = if served_over_tls { "https" } else { "http" };
    tracing::info!(clusters = ?names, "Lanthorn {} serving on {scheme}://{addr}{}/", env!("CARGO_PKG_VERSION"), config.server.base_url.trim_end_matches('/'));
    lanthorn_server::serve(
        listener,
        lanthorn_server::app(state),
        tls,
        shutdown_signal(),
    )
    .await;
    Ok(())
}

/// `LANTHORN_OIDC_REFRESH_MARGIN`: seconds before expiry at which OIDC tokens are
/// refreshed (a tuning knob, also used by tests to force refreshes).
fn refresh_margin(env: &BTreeMap<String, String>) -> Result<u64, Failure> {
    match env
        .get("LANTHORN_OIDC_REFRESH_MARGIN")
        .filter(|v| !v.is_empty())
    {
        None => Ok(lanthorn_server::DEFAULT_REFRESH_MARGIN),
        Some(text) => text.parse().map_err(|_| {
            config_error(format!(
                "LANTHORN_OIDC_REFRESH_MARGIN: expected whole seconds, got {text:?}"
            ))
        }),
    }
}

/// The OIDC provider from `--oidc-*` (discovered on first use, so a provider that is
/// down at start does not stop the server).
/// In kubeconfig mode a request without a user's own credential acts with the
/// kubeconfig's. Listening beyond loopback would hand that to anyone who reaches the
/// port, so it takes `--unsafe-use-kubeconfig-credential` (and a warning) to do so.
/// Impersonation-mode clusters are left out: there the credential acts only as a signed-in
/// user, never for a visitor without one.
fn kubeconfig_credentials_stay_local(
    config: &Config,
    clusters: &Clusters,
    impersonation: &lanthorn_server::impersonation::ImpersonationMode,
) -> Result<(), Failure> {
    let address = config.server.listen_address;
    let mut exposed = clusters.with_kubeconfig_credentials();
    exposed.retain(|name| !impersonation.covers(name));
    if address.is_loopback() || exposed.is_empty() {
        return Ok(());
    }
    let shown: Vec<&str> = exposed.iter().take(5).copied().collect();
    if !config.clusters.unsafe_use_kubeconfig_credential {
        return Err(config_error(format!(
            "--listen-address {address} is reachable beyond this machine, and contexts {shown:?} carry the kubeconfig's own credentials, which every visitor without a sign-in would act with; listen on 127.0.0.1, use contexts without credentials (users then sign in), or pass --unsafe-use-kubeconfig-credential if that is really intended"
        )));
    }
    tracing::warn!(
        "--unsafe-use-kubeconfig-credential is set and Lanthorn listens on {address}: anyone who reaches it without signing in acts with the kubeconfig credentials of {shown:?}"
    );
    Ok(())
}

/// The allowed `Host` names: `--public-url`, `--service-proxy-origin`, `--allowed-host`.
fn web_policy(config: &Config) -> lanthorn_server::WebPolicy {
    let server = &config.server;
    let urls = server
        .public_url
        .iter()
        .chain(server.service_proxy_origin.iter());
    lanthorn_server::WebPolicy {
        hosts: lanthorn_server::AllowedHosts::new(urls, &server.allowed_hosts),
        service_proxy_origin: server.service_proxy_origin.clone(),
    }
}

fn oidc_provider(oidc: &lanthorn_config::OidcConfig) -> Result<lanthorn_oidc::Provider, Failure> {
    let ca = match &oidc.ca_file {
        Some(path) => Some(
            std::fs::read(path)
                .map_err(|e| config_error(format!("--oidc-ca-file: {}: {e}", path.display())))?,
        ),
        None => None,
    };
    let http = lanthorn_oidc::HttpClient::new(ca.as_deref()).map_err(config_error)?;
    if oidc.use_pkce == Some(false) {
        tracing::warn!(
            "OIDC sign-in runs without PKCE (--oidc-use-pkce=false); leave it unset or turn it on unless the provider cannot do S256"
        );
    }
    Ok(lanthorn_oidc::Provider::new(
        lanthorn_oidc::ProviderSettings {
            issuer_url: oidc.issuer_url.as_str().to_owned(),
            client_id: oidc.client_id.clone(),
            client_secret: oidc.client_secret.clone(),
            scopes: oidc.scopes.clone(),
            use_pkce: oidc.use_pkce,
            use_access_token: oidc.use_access_token,
        },
        http,
    ))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}
