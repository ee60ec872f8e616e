//! The command line: clap definitions, Go-style argument normalisation, and
//! turning clap's answers and errors into settings and `ConfigError`s.
//!
//! Every value is taken as text here and typed later in `validate`, so a bad
//! port is reported the same way whether it came from a flag, a variable or
//! the file.

use std::collections::BTreeSet;
use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, ColorChoice, Command, CommandFactory, FromArgMatches, Parser};

use crate::ConfigError;
use crate::key::{Key, Raw, Settings, Source};

const GENERAL: &str = "General";
const CLUSTERS: &str = "Clusters";
const OIDC: &str = "OIDC";
const SESSIONS: &str = "Sessions";
const TLS: &str = "TLS";
const LOGGING: &str = "Logging/Audit";
const HELM: &str = "Helm";

/// Lanthorn: a Kubernetes web UI that fronts each cluster with the signed-in
/// user's own identity.
///
/// Flags may start with one dash or two and take `--flag value` or
/// `--flag=value`; booleans take `--flag` or `--flag=true|false`.
/// Precedence: defaults < --config file < environment < flags.
#[derive(Debug, Parser)]
#[command(
    name = "lanthorn",
    version,
    disable_help_flag = true,
    disable_version_flag = true,
    args_override_self = true,
    color = ColorChoice::Never
)]
pub(crate) struct Cli {
    /// Print help
    #[arg(short = 'h', long, action = ArgAction::Help, help_heading = GENERAL)]
    help: Option<bool>,
    /// Print version
    #[arg(short = 'V', long, action = ArgAction::Version, help_heading = GENERAL)]
    version: Option<bool>,
    /// YAML file with the chart's `config:` keys (port, oidc.clientID, ...)
    #[arg(long, value_name = "PATH", help_heading = GENERAL)]
    config: Option<String>,
    /// Port to listen on [default: 4466]
    #[arg(long, value_name = "PORT", help_heading = GENERAL)]
    port: Option<String>,
    /// IP address to listen on [default: 127.0.0.1, in-cluster 0.0.0.0]
    #[arg(long, value_name = "IP", visible_alias = "listen-addr", help_heading = GENERAL)]
    listen_address: Option<String>,
    /// Path prefix to serve under, e.g. /lanthorn [default: none]
    #[arg(long, value_name = "PATH", help_heading = GENERAL)]
    base_url: Option<String>,
    /// The URL users reach Lanthorn at, e.g. https://lanthorn.example.com; its host is allowed
    #[arg(long, value_name = "URL", help_heading = GENERAL)]
    public_url: Option<String>,
    /// Another Host name (or name:port) requests may carry; repeat or separate with ','
    #[arg(long, value_name = "HOST", action = ArgAction::Append, help_heading = GENERAL)]
    allowed_host: Vec<String>,
    /// A separate origin, e.g. https://proxy.lanthorn.example, serving only proxied content
    #[arg(long, value_name = "URL", help_heading = GENERAL)]
    service_proxy_origin: Option<String>,
    /// Always mark cookies Secure and send HSTS (behind a TLS-terminating proxy)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", help_heading = GENERAL)]
    secure_cookies: Option<String>,
    /// Helm features (Headlamp's flag); `--enable-helm=false` turns them off [default: true]
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", help_heading = HELM)]
    enable_helm: Option<String>,
    /// Turn Helm features off (release lists and changes)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", help_heading = HELM)]
    disable_helm: Option<String>,
    /// The helm (v3) program that installs, upgrades, rolls back and uninstalls [default: helm on PATH]
    #[arg(long, value_name = "PATH", help_heading = HELM)]
    helm_binary: Option<String>,
    /// A chart repository users may install from, NAME=URL; repeat or separate with ','
    #[arg(long, value_name = "NAME=URL", action = ArgAction::Append, help_heading = HELM)]
    helm_repository: Vec<String>,

    /// Run inside a cluster, using the pod's API server address and CA
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", help_heading = CLUSTERS)]
    in_cluster: Option<String>,
    /// Name shown for the in-cluster cluster [default: main]
    #[arg(long, value_name = "NAME", help_heading = CLUSTERS)]
    in_cluster_context_name: Option<String>,
    /// Kubeconfig file(s); repeat or separate with ':' [default: $KUBECONFIG, else ~/.kube/config]
    #[arg(long, value_name = "PATHS", action = ArgAction::Append, help_heading = CLUSTERS)]
    kubeconfig: Vec<String>,
    /// Let users without a credential act as the pod's ServiceAccount (in-cluster only)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", help_heading = CLUSTERS)]
    unsafe_use_service_account_token: Option<String>,
    /// Allow the kubeconfig's own credentials while listening beyond loopback: anyone who
    /// reaches the port then acts with them
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", help_heading = CLUSTERS)]
    unsafe_use_kubeconfig_credential: Option<String>,

    /// OIDC client id; with --oidc-issuer-url turns OIDC login on
    #[arg(long, value_name = "ID", help_heading = OIDC)]
    oidc_client_id: Option<String>,
    /// OIDC client secret (prefer --oidc-client-secret-file or the environment)
    #[arg(long, value_name = "SECRET", help_heading = OIDC)]
    oidc_client_secret: Option<String>,
    /// File holding the OIDC client secret
    #[arg(long, value_name = "PATH", help_heading = OIDC)]
    oidc_client_secret_file: Option<String>,
    /// OIDC issuer URL; https (http only for localhost)
    #[arg(long, value_name = "URL", visible_alias = "oidc-idp-issuer-url", help_heading = OIDC)]
    oidc_issuer_url: Option<String>,
    /// Comma-separated scopes; openid is always added [default: profile,email]
    #[arg(long, value_name = "A,B", help_heading = OIDC)]
    oidc_scopes: Option<String>,
    /// PKCE (S256): true forces it, false turns it off [default: used when the provider offers S256]
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", help_heading = OIDC)]
    oidc_use_pkce: Option<String>,
    /// Redirect URI registered with the provider [default: derived from the request]
    #[arg(long, value_name = "URL", help_heading = OIDC)]
    oidc_callback_url: Option<String>,
    /// Send the access token to the API server instead of the ID token [default: false]
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", help_heading = OIDC)]
    oidc_use_access_token: Option<String>,
    /// CA bundle (PEM) for talking to the OIDC provider
    #[arg(long, value_name = "PATH", help_heading = OIDC)]
    oidc_ca_file: Option<String>,
    /// ID-token claim shown as the user name [default: email]
    #[arg(long, value_name = "CLAIM", help_heading = OIDC)]
    oidc_username_claim: Option<String>,
    /// ID-token claim holding the groups [default: groups]
    #[arg(long, value_name = "CLAIM", help_heading = OIDC)]
    oidc_groups_claim: Option<String>,
    /// Prepended to every user name Lanthorn impersonates; "-" for none [default: none
    /// for the email claim, otherwise the issuer URL and "#", as kube-apiserver does]
    #[arg(long, value_name = "PREFIX", help_heading = OIDC)]
    oidc_username_prefix: Option<String>,
    /// Prepended to every group Lanthorn impersonates [default: none]
    #[arg(long, value_name = "PREFIX", help_heading = OIDC)]
    oidc_groups_prefix: Option<String>,
    /// Clusters (comma-separated context names) that do not trust the provider: Lanthorn
    /// validates the sign-in and acts there with its own credential as the user
    #[arg(long, value_name = "CLUSTERS", help_heading = OIDC)]
    oidc_impersonate: Option<String>,

    /// Absolute session lifetime in seconds [default: 86400]
    #[arg(long, value_name = "SECONDS", help_heading = SESSIONS)]
    session_ttl: Option<String>,
    /// Seconds without use after which a session ends; at most the TTL [default: 3600]
    #[arg(long, value_name = "SECONDS", help_heading = SESSIONS)]
    session_idle_timeout: Option<String>,
    /// "memory", or a redis:// or rediss:// URL shared by replicas [default: memory]
    #[arg(long, value_name = "STORE", help_heading = SESSIONS)]
    session_store: Option<String>,
    /// File holding the key that encrypts sessions [default: random per start]
    #[arg(long, value_name = "PATH", help_heading = SESSIONS)]
    session_secret_file: Option<String>,

    /// Serve HTTPS with this certificate (PEM); needs --tls-key-file
    #[arg(long, value_name = "PATH", visible_alias = "tls-cert-path", help_heading = TLS)]
    tls_cert_file: Option<String>,
    /// Private key (PEM) for --tls-cert-file
    #[arg(long, value_name = "PATH", visible_alias = "tls-key-path", help_heading = TLS)]
    tls_key_file: Option<String>,

    /// Log filter, e.g. info or info,lanthorn=debug [default: info]
    #[arg(long, value_name = "FILTER", help_heading = LOGGING)]
    log_level: Option<String>,
    /// Audit log destination: "-" for stdout, or a file path [default: -]
    #[arg(long, value_name = "PATH", help_heading = LOGGING)]
    audit_log: Option<String>,

    /// Headlamp-only flags found on the command line (accepted and ignored).
    #[arg(skip)]
    pub(crate) ignored: Vec<String>,
}

/// Headlamp flags with no meaning in Lanthorn (plugins, static files, desktop and dev
/// modes, tracing), and whether each takes a value. Headlamp's chart passes some of them
/// (`-plugins-dir`), so they are accepted, dropped and reported rather than refused.
const HEADLAMP_ONLY_FLAGS: &[(&str, bool)] = &[
    ("plugins-dir", true),
    ("user-plugins-dir", true),
    ("static-plugins-dir", true),
    ("html-static-dir", true),
    ("watch-plugins-changes", false),
    ("dev", false),
    ("insecure-ssl", false),
    ("enable-dynamic-clusters", false),
    ("skipped-kube-contexts", true),
    ("proxy-urls", true),
    ("oidc-skip-tls-verify", false),
    ("me-username-path", true),
    ("me-email-path", true),
    ("me-groups-path", true),
    ("me-user-info-url", true),
];

/// Removes Headlamp-only flags (already normalised to `--name[=value]`) with their values.
fn drop_headlamp_only(args: Vec<OsString>) -> (Vec<OsString>, Vec<String>) {
    let mut kept = Vec::with_capacity(args.len());
    let mut ignored = Vec::new();
    let mut skip_value = false;
    let mut verbatim = false;
    for arg in args {
        if std::mem::take(&mut skip_value) {
            continue;
        }
        let text = arg.to_str().unwrap_or("");
        verbatim |= text == "--";
        let name = text
            .strip_prefix("--")
            .map(|b| b.split('=').next().unwrap_or(b));
        let found = name
            .filter(|_| !verbatim)
            .and_then(|n| HEADLAMP_ONLY_FLAGS.iter().find(|(f, _)| *f == n));
        match found {
            Some((flag, takes_value)) => {
                skip_value = *takes_value && !text.contains('=');
                ignored.push((*flag).to_owned());
            }
            None => kept.push(arg),
        }
    }
    (kept, ignored)
}

/// What the command line asks for.
#[derive(Debug)]
pub(crate) enum Parsed {
    Run(Box<Cli>),
    Help(String),
    Version(String),
}

/// The clap command with each flag's environment variables added to its help.
/// (clap's own `env` support would read the process environment; we read the
/// map we are given, so tests stay hermetic.)
pub(crate) fn command() -> Command {
    Cli::command().mut_args(|arg| {
        let Some(key) = arg.get_long().and_then(key_for_flag) else {
            return arg;
        };
        let vars: Vec<String> = key.env_vars().into_iter().map(|(var, _)| var).collect();
        let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
        // Like Go's flag package, a flag that takes a value takes the next
        // argument whatever it looks like (`--oidc-client-secret -x`).
        let takes_next = takes_separate_value(&arg);
        arg.help(format!("{help} [env: {}]", vars.join(", ")))
            .allow_hyphen_values(takes_next)
    })
}

fn key_for_flag(flag: &str) -> Option<Key> {
    Key::ALL.into_iter().find(|key| key.spelling().flag == flag)
}

fn takes_separate_value(arg: &clap::Arg) -> bool {
    arg.get_action().takes_values() && !arg.is_require_equals_set()
}

pub(crate) fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Parsed, ConfigError> {
    let cmd = command();
    let value_flags = value_flags(&cmd);
    let (args, ignored) = drop_headlamp_only(normalise(args, &value_flags));
    let matches = match cmd.try_get_matches_from(args) {
        Ok(matches) => matches,
        Err(err) => {
            return match err.kind() {
                ErrorKind::DisplayHelp => Ok(Parsed::Help(with_newline(&err))),
                ErrorKind::DisplayVersion => Ok(Parsed::Version(with_newline(&err))),
                _ => Err(clap_error(&err)),
            };
        }
    };
    let mut cli = Cli::from_arg_matches(&matches).map_err(|err| clap_error(&err))?;
    cli.ignored = ignored;
    Ok(Parsed::Run(Box::new(cli)))
}

/// Help and version text, ready to print as is.
fn with_newline(err: &clap::Error) -> String {
    let mut text = err.render().to_string();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// Long names (and aliases) of flags that take their value as the next argument.
fn value_flags(cmd: &Command) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for arg in cmd.get_arguments().filter(|arg| takes_separate_value(arg)) {
        names.extend(arg.get_long().map(str::to_owned));
        names.extend(
            arg.get_all_aliases()
                .into_iter()
                .flatten()
                .map(str::to_owned),
        );
    }
    names
}

/// Rewrites Go-style `-flag[=value]` to `--flag[=value]`, leaving alone the
/// program name, values of flags that take one, single-letter flags (`-h`)
/// and everything after `--`.
pub(crate) fn normalise(
    args: impl IntoIterator<Item = OsString>,
    value_flags: &BTreeSet<String>,
) -> Vec<OsString> {
    let mut args = args.into_iter();
    let mut out: Vec<OsString> = args.next().into_iter().collect();
    let mut next_is_value = false;
    let mut rest_verbatim = false;
    for arg in args {
        if rest_verbatim || std::mem::take(&mut next_is_value) {
            out.push(arg);
            continue;
        }
        let Some(text) = arg.to_str() else {
            out.push(arg);
            continue;
        };
        let body = if text == "--" {
            rest_verbatim = true;
            None
        } else if let Some(body) = text.strip_prefix("--") {
            Some(body)
        } else if let Some(body) = text.strip_prefix('-') {
            (body.len() > 1 && !body.starts_with('=')).then_some(body)
        } else {
            None
        };
        match body {
            Some(body) => {
                next_is_value = !body.contains('=') && value_flags.contains(body);
                out.push(format!("--{body}").into());
            }
            None => out.push(arg),
        }
    }
    out
}

impl Cli {
    /// Records every flag given on the command line.
    pub(crate) fn into_settings(self, settings: &mut Settings) -> Result<(), ConfigError> {
        let texts = [
            (Key::Config, self.config),
            (Key::Port, self.port),
            (Key::ListenAddress, self.listen_address),
            (Key::BaseUrl, self.base_url),
            (Key::PublicUrl, self.public_url),
            (Key::ServiceProxyOrigin, self.service_proxy_origin),
            (Key::SecureCookies, self.secure_cookies),
            (Key::EnableHelm, self.enable_helm),
            (Key::DisableHelm, self.disable_helm),
            (Key::HelmBinary, self.helm_binary),
            (Key::InCluster, self.in_cluster),
            (Key::InClusterContextName, self.in_cluster_context_name),
            (
                Key::UnsafeUseServiceAccountToken,
                self.unsafe_use_service_account_token,
            ),
            (
                Key::UnsafeUseKubeconfigCredential,
                self.unsafe_use_kubeconfig_credential,
            ),
            (Key::OidcClientId, self.oidc_client_id),
            (Key::OidcClientSecret, self.oidc_client_secret),
            (Key::OidcClientSecretFile, self.oidc_client_secret_file),
            (Key::OidcIssuerUrl, self.oidc_issuer_url),
            (Key::OidcScopes, self.oidc_scopes),
            (Key::OidcUsePkce, self.oidc_use_pkce),
            (Key::OidcCallbackUrl, self.oidc_callback_url),
            (Key::OidcUseAccessToken, self.oidc_use_access_token),
            (Key::OidcCaFile, self.oidc_ca_file),
            (Key::OidcUsernameClaim, self.oidc_username_claim),
            (Key::OidcGroupsClaim, self.oidc_groups_claim),
            (Key::OidcUsernamePrefix, self.oidc_username_prefix),
            (Key::OidcGroupsPrefix, self.oidc_groups_prefix),
            (Key::OidcImpersonate, self.oidc_impersonate),
            (Key::SessionTtl, self.session_ttl),
            (Key::SessionIdleTimeout, self.session_idle_timeout),
            (Key::SessionStore, self.session_store),
            (Key::SessionSecretFile, self.session_secret_file),
            (Key::TlsCertFile, self.tls_cert_file),
            (Key::TlsKeyFile, self.tls_key_file),
            (Key::LogLevel, self.log_level),
            (Key::AuditLog, self.audit_log),
        ];
        for (key, value) in texts {
            if let Some(value) = value {
                reject_unexpanded(key, &value)?;
                settings.set(key, Raw::Text(value), Source::Flag);
            }
        }
        for value in &self.kubeconfig {
            reject_unexpanded(Key::Kubeconfig, value)?;
        }
        settings.set(Key::Kubeconfig, Raw::List(self.kubeconfig), Source::Flag);
        if !self.allowed_host.is_empty() {
            settings.set(
                Key::AllowedHosts,
                Raw::List(self.allowed_host),
                Source::Flag,
            );
        }
        if !self.helm_repository.is_empty() {
            settings.set(
                Key::HelmRepositories,
                Raw::List(self.helm_repository),
                Source::Flag,
            );
        }
        Ok(())
    }
}

/// Kubernetes leaves `$(NAME)` in container args as is when the container has
/// no variable `NAME`; running with that literal as a secret or URL would fail
/// later and more obscurely.
fn reject_unexpanded(key: Key, value: &str) -> Result<(), ConfigError> {
    match value
        .strip_prefix("$(")
        .and_then(|rest| rest.strip_suffix(')'))
    {
        Some(name) => Err(Source::Flag.error(
            key,
            format!(
                "value is an unexpanded Kubernetes variable reference $({name}); \
                 the container has no environment variable {name}"
            ),
        )),
        None => Ok(()),
    }
}

fn context_string(err: &clap::Error, kind: ContextKind) -> Option<String> {
    match err.get(kind)? {
        ContextValue::String(text) => Some(text.clone()),
        _ => None,
    }
}

/// Turns a clap parse error into a `ConfigError` naming the flag at fault.
fn clap_error(err: &clap::Error) -> ConfigError {
    let invalid = context_string(err, ContextKind::InvalidArg);
    if err.kind() == ErrorKind::UnknownArgument {
        let arg = invalid.unwrap_or_default();
        if !arg.starts_with('-') {
            return ConfigError::new(
                arg,
                "unexpected argument: only flags are accepted \
                 (a boolean flag takes its value as --flag=false)",
            );
        }
        let flag = arg.split('=').next().unwrap_or_default().to_owned();
        let message = match context_string(err, ContextKind::SuggestedArg) {
            Some(suggestion) => format!("unknown flag (did you mean {suggestion}?)"),
            None => "unknown flag".to_owned(),
        };
        return ConfigError::new(flag, message);
    }
    // "--port <PORT>" -> "--port"
    let key = invalid
        .as_deref()
        .and_then(|arg| arg.split([' ', '=']).next())
        .unwrap_or("command line")
        .to_owned();
    let rendered = err.render().to_string();
    let first_line = rendered.lines().next().unwrap_or_default();
    let message = first_line.strip_prefix("error: ").unwrap_or(first_line);
    ConfigError::new(key, message)
}
