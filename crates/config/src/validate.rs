//! From the merged raw settings to a typed, validated `Config`: defaults,
//! cross-setting rules, and checks that named files can be read.

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr};
use std::path::{Path, PathBuf};

use secrecy::SecretString;

use crate::ConfigError;
use crate::config::{
    AuditTarget, ChartRepository, ClustersConfig, Config, DEFAULT_CONTEXT_NAME,
    DEFAULT_GROUPS_CLAIM, DEFAULT_IDLE_TIMEOUT, DEFAULT_LOG_LEVEL, DEFAULT_PORT, DEFAULT_SCOPES,
    DEFAULT_SESSION_TTL, DEFAULT_USERNAME_CLAIM, HelmConfig, OidcConfig, ServerConfig,
    SessionConfig, SessionStore, TlsConfig,
};
use crate::key::{EnvTier, Key, Raw, Settings, Source};
use crate::values;

pub(crate) fn build(
    settings: &Settings,
    env: &BTreeMap<String, String>,
) -> Result<Config, ConfigError> {
    let clusters = clusters(settings, env)?;
    let server = server(settings, clusters.in_cluster)?;
    let oidc = oidc(settings)?;
    let session = session(settings)?;
    let audit_log = match text(settings, Key::AuditLog) {
        None | Some(("-", _)) => AuditTarget::Stdout,
        Some((path, _)) => AuditTarget::File(PathBuf::from(path)),
    };
    let log_level = text(settings, Key::LogLevel).map_or(DEFAULT_LOG_LEVEL, |(level, _)| level);
    let helm = helm(settings)?;
    Ok(Config {
        server,
        clusters,
        oidc,
        session,
        audit_log,
        helm,
        log_level: log_level.to_owned(),
        ignored_flags: Vec::new(),
    })
}

/// Helm is on unless `--disable-helm` or `--enable-helm=false` says otherwise.
fn helm(settings: &Settings) -> Result<HelmConfig, ConfigError> {
    let enable = parse(settings, Key::EnableHelm, values::boolean)?.unwrap_or(true);
    let disable = parse(settings, Key::DisableHelm, values::boolean)?.unwrap_or(false);
    let mut repositories: Vec<ChartRepository> = Vec::new();
    if let Some((items, source)) = items(settings, Key::HelmRepositories) {
        for item in items.iter().flat_map(|i| i.split(',')).map(str::trim) {
            if item.is_empty() {
                continue;
            }
            let repository = values::chart_repository(item)
                .map_err(|message| source.error(Key::HelmRepositories, message))?;
            if repositories.iter().any(|r| r.name == repository.name) {
                return Err(source.error(
                    Key::HelmRepositories,
                    format!("the repository name {:?} is given twice", repository.name),
                ));
            }
            repositories.push(repository);
        }
    }
    Ok(HelmConfig {
        enabled: enable && !disable,
        binary: text(settings, Key::HelmBinary)
            .map_or_else(|| PathBuf::from("helm"), |(path, _)| PathBuf::from(path)),
        repositories,
    })
}

/// The trimmed text of a plain (not list, not secret) setting, if given.
fn text(settings: &Settings, key: Key) -> Option<(&str, &Source)> {
    let sourced = settings.get(key)?;
    match &sourced.raw {
        Raw::Text(text) => Some((text.trim(), &sourced.source)),
        Raw::List(_) | Raw::Secret(_) => None,
    }
}

/// The items of a setting that may be a list; a text value is one item.
fn items(settings: &Settings, key: Key) -> Option<(Vec<&str>, &Source)> {
    let sourced = settings.get(key)?;
    let items = match &sourced.raw {
        Raw::Text(text) => vec![text.trim()],
        Raw::List(items) => items.iter().map(|item| item.trim()).collect(),
        Raw::Secret(_) => return None,
    };
    Some((items, &sourced.source))
}

fn secret(settings: &Settings, key: Key) -> Option<(&SecretString, &Source)> {
    let sourced = settings.get(key)?;
    match &sourced.raw {
        Raw::Secret(secret) => Some((secret, &sourced.source)),
        Raw::Text(_) | Raw::List(_) => None,
    }
}

/// Parses a setting if given, blaming its source on failure.
fn parse<T>(
    settings: &Settings,
    key: Key,
    parser: impl FnOnce(&str) -> Result<T, String>,
) -> Result<Option<T>, ConfigError> {
    text(settings, key)
        .map(|(text, source)| parser(text).map_err(|message| source.error(key, message)))
        .transpose()
}

/// A file Lanthorn will read: it must exist and be readable now, so that a
/// typo fails at startup rather than at the first login.
fn readable_file(settings: &Settings, key: Key) -> Result<Option<PathBuf>, ConfigError> {
    let Some((path, source)) = text(settings, key) else {
        return Ok(None);
    };
    check_readable(Path::new(path)).map_err(|message| source.error(key, message))?;
    Ok(Some(PathBuf::from(path)))
}

fn check_readable(path: &Path) -> Result<(), String> {
    let file = std::fs::File::open(path)
        .map_err(|err| format!("cannot read {}: {err}", path.display()))?;
    match file.metadata() {
        Ok(meta) if meta.is_file() => Ok(()),
        Ok(_) => Err(format!("{} is not a regular file", path.display())),
        Err(err) => Err(format!("cannot read {}: {err}", path.display())),
    }
}

fn server(settings: &Settings, in_cluster: bool) -> Result<ServerConfig, ConfigError> {
    // In a pod the Service must reach us; on a laptop nobody else should.
    let default_address = if in_cluster {
        IpAddr::V4(Ipv4Addr::UNSPECIFIED)
    } else {
        IpAddr::V4(Ipv4Addr::LOCALHOST)
    };
    let public_url = parse(settings, Key::PublicUrl, values::public_url)?;
    let service_proxy_origin = parse(settings, Key::ServiceProxyOrigin, values::origin)?;
    if let (Some(public), Some(proxy)) = (&public_url, &service_proxy_origin)
        && public.host_str() == proxy.host_str()
    {
        return Err(source_of(settings, Key::ServiceProxyOrigin).error(
            Key::ServiceProxyOrigin,
            "must be another host than --public-url: proxied content on Lanthorn's own host could act as its users",
        ));
    }
    let mut allowed_hosts = Vec::new();
    if let Some((items, source)) = items(settings, Key::AllowedHosts) {
        for item in items.iter().flat_map(|i| i.split(',')).map(str::trim) {
            if item.is_empty() {
                continue;
            }
            allowed_hosts.push(values::host(item).map_err(|m| source.error(Key::AllowedHosts, m))?);
        }
    }
    Ok(ServerConfig {
        port: parse(settings, Key::Port, values::port)?.unwrap_or(DEFAULT_PORT),
        listen_address: parse(settings, Key::ListenAddress, values::ip)?.unwrap_or(default_address),
        base_url: parse(settings, Key::BaseUrl, values::base_url)?.unwrap_or_default(),
        tls: tls(settings)?,
        public_url,
        allowed_hosts,
        service_proxy_origin,
        secure_cookies: parse(settings, Key::SecureCookies, values::boolean)?.unwrap_or(false),
    })
}

fn tls(settings: &Settings) -> Result<Option<TlsConfig>, ConfigError> {
    let cert = readable_file(settings, Key::TlsCertFile)?;
    let key = readable_file(settings, Key::TlsKeyFile)?;
    match (cert, key) {
        (Some(cert_file), Some(key_file)) => Ok(Some(TlsConfig {
            cert_file,
            key_file,
        })),
        (Some(_), None) => {
            Err(source_of(settings, Key::TlsCertFile).requires(Key::TlsCertFile, Key::TlsKeyFile))
        }
        (None, Some(_)) => {
            Err(source_of(settings, Key::TlsKeyFile).requires(Key::TlsKeyFile, Key::TlsCertFile))
        }
        (None, None) => Ok(None),
    }
}

/// Where a setting known to be given came from.
fn source_of(settings: &Settings, key: Key) -> Source {
    settings
        .get(key)
        .map_or(Source::Flag, |sourced| sourced.source.clone())
}

fn clusters(
    settings: &Settings,
    env: &BTreeMap<String, String>,
) -> Result<ClustersConfig, ConfigError> {
    let in_cluster = parse(settings, Key::InCluster, values::boolean)?.unwrap_or(false);
    let unsafe_sa =
        parse(settings, Key::UnsafeUseServiceAccountToken, values::boolean)?.unwrap_or(false);
    if unsafe_sa && !in_cluster {
        return Err(
            source_of(settings, Key::UnsafeUseServiceAccountToken).error(
                Key::UnsafeUseServiceAccountToken,
                "only has a meaning with --in-cluster (there is no pod ServiceAccount otherwise)",
            ),
        );
    }
    let unsafe_kubeconfig = parse(
        settings,
        Key::UnsafeUseKubeconfigCredential,
        values::boolean,
    )?
    .unwrap_or(false);
    Ok(ClustersConfig {
        unsafe_use_kubeconfig_credential: unsafe_kubeconfig,
        in_cluster,
        in_cluster_context_name: text(settings, Key::InClusterContextName)
            .map_or(DEFAULT_CONTEXT_NAME, |(name, _)| name)
            .to_owned(),
        kubeconfigs: kubeconfigs(settings, env, in_cluster)?,
        unsafe_use_service_account_token: unsafe_sa,
    })
}

/// Kubeconfig files given explicitly must exist. Otherwise, like Headlamp:
/// none in-cluster; else `$KUBECONFIG` (missing entries are skipped later,
/// as kubectl does), else `~/.kube/config` if it exists.
fn kubeconfigs(
    settings: &Settings,
    env: &BTreeMap<String, String>,
    in_cluster: bool,
) -> Result<Vec<PathBuf>, ConfigError> {
    if let Some((items, source)) = items(settings, Key::Kubeconfig) {
        let paths: Vec<PathBuf> = items
            .into_iter()
            .flat_map(std::env::split_paths)
            .filter(|path| !path.as_os_str().is_empty())
            .collect();
        for path in &paths {
            check_readable(path).map_err(|message| source.error(Key::Kubeconfig, message))?;
        }
        return Ok(paths);
    }
    if in_cluster {
        return Ok(Vec::new());
    }
    if let Some(list) = env.get("KUBECONFIG").filter(|list| !list.trim().is_empty()) {
        return Ok(std::env::split_paths(list)
            .filter(|path| !path.as_os_str().is_empty())
            .collect());
    }
    let home_config = env
        .get("HOME")
        .filter(|home| !home.is_empty())
        .map(|home| Path::new(home).join(".kube").join("config"))
        .filter(|path| path.is_file());
    Ok(home_config.into_iter().collect())
}

fn session(settings: &Settings) -> Result<SessionConfig, ConfigError> {
    let ttl = parse(settings, Key::SessionTtl, values::seconds)?.unwrap_or(DEFAULT_SESSION_TTL);
    let idle_timeout = match parse(settings, Key::SessionIdleTimeout, values::seconds)? {
        Some(idle) if idle > ttl => {
            return Err(source_of(settings, Key::SessionIdleTimeout).error(
                Key::SessionIdleTimeout,
                format!(
                    "must not exceed the session TTL ({} seconds), got {} seconds",
                    ttl.as_secs(),
                    idle.as_secs()
                ),
            ));
        }
        Some(idle) => idle,
        // A short TTL given alone should not be an error.
        None => DEFAULT_IDLE_TIMEOUT.min(ttl),
    };
    let store = match secret(settings, Key::SessionStore) {
        Some((value, source)) => values::session_store(value)
            .map_err(|message| source.error(Key::SessionStore, message))?,
        None => SessionStore::Memory,
    };
    Ok(SessionConfig {
        ttl,
        idle_timeout,
        store,
        secret_file: readable_file(settings, Key::SessionSecretFile)?,
    })
}

/// Every OIDC setting is checked, even when OIDC ends up off, so that a typo
/// is reported rather than silently ignored.
fn oidc(settings: &Settings) -> Result<Option<OidcConfig>, ConfigError> {
    let issuer_url = parse(settings, Key::OidcIssuerUrl, values::issuer_url)?;
    let callback_url = parse(settings, Key::OidcCallbackUrl, values::callback_url)?;
    let use_pkce = parse(settings, Key::OidcUsePkce, values::boolean)?;
    let use_access_token =
        parse(settings, Key::OidcUseAccessToken, values::boolean)?.unwrap_or(false);
    let ca_file = readable_file(settings, Key::OidcCaFile)?;
    let client_secret = client_secret(settings)?;
    let client_id = text(settings, Key::OidcClientId);

    let (client_id, issuer_url) = match (client_id, issuer_url) {
        (Some((client_id, _)), Some(issuer_url)) => (client_id.to_owned(), issuer_url),
        (Some((_, source)), None) => {
            return Err(source.requires(Key::OidcClientId, Key::OidcIssuerUrl));
        }
        (None, Some(_)) => {
            return Err(source_of(settings, Key::OidcIssuerUrl)
                .requires(Key::OidcIssuerUrl, Key::OidcClientId));
        }
        (None, None) => {
            if let Some((_, source)) = items(settings, Key::OidcImpersonate) {
                return Err(source.requires(Key::OidcImpersonate, Key::OidcIssuerUrl));
            }
            // A plain OIDC_CLIENT_SECRET may be in a shell for another tool;
            // only a secret meant for Lanthorn makes a missing id an error.
            return match client_secret {
                Some((_, source, key)) if !is_plain_env(&source) => {
                    Err(source.requires(key, Key::OidcClientId))
                }
                _ => Ok(None),
            };
        }
    };
    let scopes = match items(settings, Key::OidcScopes) {
        Some((items, _)) => values::scopes(items),
        None => values::scopes(DEFAULT_SCOPES.iter().copied()),
    };
    Ok(Some(OidcConfig {
        client_id,
        client_secret: client_secret.map(|(secret, _, _)| secret),
        issuer_url,
        scopes,
        use_pkce,
        callback_url,
        use_access_token,
        ca_file,
        username_claim: text(settings, Key::OidcUsernameClaim)
            .map_or(DEFAULT_USERNAME_CLAIM, |(claim, _)| claim)
            .to_owned(),
        groups_claim: text(settings, Key::OidcGroupsClaim)
            .map_or(DEFAULT_GROUPS_CLAIM, |(claim, _)| claim)
            .to_owned(),
        username_prefix: text(settings, Key::OidcUsernamePrefix)
            .map(|(prefix, _)| if prefix == "-" { "" } else { prefix }.to_owned()),
        groups_prefix: text(settings, Key::OidcGroupsPrefix)
            .map_or("", |(prefix, _)| prefix)
            .to_owned(),
        impersonate: impersonated_clusters(settings)?,
    }))
}

/// `--oidc-impersonate`: cluster names, comma-separated or as a YAML list, each once.
fn impersonated_clusters(settings: &Settings) -> Result<Vec<String>, ConfigError> {
    let Some((items, source)) = items(settings, Key::OidcImpersonate) else {
        return Ok(Vec::new());
    };
    let mut clusters: Vec<String> = Vec::new();
    for name in items.iter().flat_map(|item| item.split(',')).map(str::trim) {
        if name.is_empty() {
            return Err(source.error(
                Key::OidcImpersonate,
                "an empty cluster name (write the context names, comma-separated)",
            ));
        }
        if clusters.iter().any(|known| known == name) {
            return Err(source.error(Key::OidcImpersonate, format!("{name} is named twice")));
        }
        clusters.push(name.to_owned());
    }
    Ok(clusters)
}

fn is_plain_env(source: &Source) -> bool {
    matches!(
        source,
        Source::Env {
            tier: EnvTier::Plain,
            ..
        }
    )
}

/// The client secret given inline or as a file, whichever source ranks
/// higher; both from the same kind of source is ambiguous.
fn client_secret(settings: &Settings) -> Result<Option<(SecretString, Source, Key)>, ConfigError> {
    let inline = secret(settings, Key::OidcClientSecret);
    let file = text(settings, Key::OidcClientSecretFile);
    let file_wins = match (inline, file) {
        (_, None) => false,
        (None, Some(_)) => true,
        (Some((_, inline_source)), Some((_, file_source))) => {
            if inline_source.precedence() == file_source.precedence() {
                return Err(file_source.error(
                    Key::OidcClientSecretFile,
                    format!(
                        "cannot be combined with {}; give only one",
                        file_source.label(Key::OidcClientSecret)
                    ),
                ));
            }
            file_source.precedence() > inline_source.precedence()
        }
    };
    match (inline, file) {
        (_, Some((path, source))) if file_wins => {
            let secret = read_secret(Path::new(path))
                .map_err(|message| source.error(Key::OidcClientSecretFile, message))?;
            Ok(Some((secret, source.clone(), Key::OidcClientSecretFile)))
        }
        (Some((secret, source)), _) => Ok(Some((
            secret.clone(),
            source.clone(),
            Key::OidcClientSecret,
        ))),
        _ => Ok(None),
    }
}

/// Reads a secret file, dropping the trailing newline editors and `echo` add.
fn read_secret(path: &Path) -> Result<SecretString, String> {
    check_readable(path)?;
    let text = std::fs::read_to_string(path)
        .map_err(|err| format!("cannot read {}: {err}", path.display()))?;
    let secret = text.trim_end_matches(['\r', '\n']);
    if secret.is_empty() {
        return Err(format!("{} is empty", path.display()));
    }
    Ok(SecretString::from(secret.to_owned()))
}
