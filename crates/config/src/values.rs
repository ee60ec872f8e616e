//! Parsers from one setting's text to its type. Each returns a message, not a
//! `ConfigError`: the caller knows which key and source to blame. Messages
//! never repeat a value that may hold a credential.

use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use url::{Host, Url};

use crate::config::{ExactUrl, SessionStore};

/// Go's `strconv.ParseBool` spellings, as Headlamp's flags accept them.
pub(crate) fn boolean(text: &str) -> Result<bool, String> {
    match text {
        "1" | "t" | "T" | "true" | "TRUE" | "True" => Ok(true),
        "0" | "f" | "F" | "false" | "FALSE" | "False" => Ok(false),
        _ => Err(format!("must be true or false, got {text:?}")),
    }
}

pub(crate) fn port(text: &str) -> Result<u16, String> {
    match text.parse::<u16>() {
        Ok(port) if port > 0 => Ok(port),
        _ => Err(format!(
            "must be a port number from 1 to 65535, got {text:?}"
        )),
    }
}

pub(crate) fn ip(text: &str) -> Result<IpAddr, String> {
    if text == "localhost" {
        return Ok(IpAddr::V4(Ipv4Addr::LOCALHOST));
    }
    text.parse()
        .map_err(|_| format!("must be an IP address such as 127.0.0.1 or ::, got {text:?}"))
}

/// A whole number of seconds, more than zero.
pub(crate) fn seconds(text: &str) -> Result<Duration, String> {
    match text.parse::<u64>() {
        Ok(secs) if secs > 0 => Ok(Duration::from_secs(secs)),
        _ => Err(format!(
            "must be a whole number of seconds greater than 0, got {text:?}"
        )),
    }
}

/// `NAME=URL`: a chart repository's name (lowercase letters, digits, `-`, `_`, `.`) and
/// its address: an http(s) repository (`index.yaml`) or an OCI registry path (`oci://`).
/// The address may carry credentials (`https://user:password@…`, a token in the query),
/// so messages name the repository, never its address.
pub(crate) fn chart_repository(text: &str) -> Result<crate::config::ChartRepository, String> {
    let Some((name, address)) = text.split_once('=') else {
        return Err("must be NAME=URL, e.g. stable=https://charts.example.com".to_owned());
    };
    let name = name.trim();
    let valid_name = !name.is_empty()
        && name.len() <= 63
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.".contains(&b));
    if !valid_name {
        // (Not repeated: text before a `=` in the URL's query would pass for the name.)
        return Err(
            "the repository name (before '=') must be 1 to 63 lowercase letters, digits, '-', '_' or '.'"
                .to_owned(),
        );
    }
    let expected = "must be an http(s) URL or an oci:// registry path with a host";
    let url = Url::parse(address.trim())
        .map_err(|err| format!("repository {name}: {expected} ({err})"))?;
    let has_host = url.host_str().is_some_and(|host| !host.is_empty());
    if !matches!(url.scheme(), "http" | "https" | "oci") || !has_host {
        return Err(format!(
            "repository {name}: {expected}, got a {:?} URL{}",
            url.scheme(),
            if has_host { "" } else { " without a host" }
        ));
    }
    Ok(crate::config::ChartRepository {
        name: name.to_owned(),
        url,
    })
}

/// `/prefix` without a trailing slash, or empty; `/x/` becomes `/x` and `/` empty.
pub(crate) fn base_url(text: &str) -> Result<String, String> {
    if !text.starts_with('/') {
        return Err(format!(
            "must start with '/' (e.g. /lanthorn), got {text:?}"
        ));
    }
    if text.contains(['?', '#']) || text.contains(char::is_whitespace) {
        return Err(format!(
            "must be a plain path without '?', '#' or spaces, got {text:?}"
        ));
    }
    if text.contains("//") {
        return Err(format!("must not contain '//', got {text:?}"));
    }
    Ok(text.trim_end_matches('/').to_owned())
}

fn absolute_url(text: &str) -> Result<Url, String> {
    let url = Url::parse(text).map_err(|err| format!("must be an absolute URL ({err})"))?;
    if url.host().is_none() {
        return Err(format!("must be a URL with a host, got {text:?}"));
    }
    Ok(url)
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(addr)) => addr.is_loopback(),
        Some(Host::Ipv6(addr)) => addr.is_loopback(),
        None => false,
    }
}

/// The issuer must be https, so that discovery and keys cannot be tampered
/// with on the way; plain http is tolerated only on this machine (local Dex).
pub(crate) fn issuer_url(text: &str) -> Result<ExactUrl, String> {
    let url = absolute_url(text)?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        _ => {
            return Err(format!(
                "must be an https URL (http only for localhost or 127.0.0.1), got {text:?}"
            ));
        }
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!(
            "must not have a query or fragment (OIDC Discovery), got {text:?}"
        ));
    }
    Ok(ExactUrl::new(text.to_owned(), url))
}

pub(crate) fn callback_url(text: &str) -> Result<ExactUrl, String> {
    let url = absolute_url(text)?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("must be an http or https URL, got {text:?}"));
    }
    if url.fragment().is_some() {
        return Err(format!(
            "must not have a fragment (OAuth 2.0 redirect URI), got {text:?}"
        ));
    }
    Ok(ExactUrl::new(text.to_owned(), url))
}

/// Scopes separated by commas (Headlamp) or spaces (OAuth), `openid` first,
/// each once.
pub(crate) fn scopes<'a>(items: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut scopes = vec!["openid".to_owned()];
    for scope in items
        .into_iter()
        .flat_map(|item| item.split(|c: char| c == ',' || c.is_whitespace()))
        .filter(|scope| !scope.is_empty())
    {
        if !scopes.iter().any(|known| known == scope) {
            scopes.push(scope.to_owned());
        }
    }
    scopes
}

pub(crate) fn session_store(value: &SecretString) -> Result<SessionStore, String> {
    let text = value.expose_secret().trim();
    if text.eq_ignore_ascii_case("memory") {
        return Ok(SessionStore::Memory);
    }
    const EXPECTED: &str = "must be \"memory\" or a redis:// or rediss:// URL";
    // The URL may carry a password: messages name its scheme, never the URL.
    let url = Url::parse(text).map_err(|err| format!("{EXPECTED}; not a URL ({err})"))?;
    if !matches!(url.scheme(), "redis" | "rediss") {
        return Err(format!("{EXPECTED}; got scheme {:?}", url.scheme()));
    }
    if url.host().is_none() {
        return Err(format!("{EXPECTED}; the URL has no host"));
    }
    Ok(SessionStore::Redis(SecretString::from(text.to_owned())))
}

/// `--public-url`: an absolute http(s) URL with a host.
pub(crate) fn public_url(text: &str) -> Result<Url, String> {
    let url = absolute_url(text)?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(format!(
            "expected an http:// or https:// URL with a host, got {text:?}"
        ));
    }
    Ok(url)
}

/// `--service-proxy-origin`: an origin only (scheme, host, optional port; no path).
pub(crate) fn origin(text: &str) -> Result<Url, String> {
    let url = public_url(text)?;
    if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
        return Err(format!(
            "expected an origin such as https://proxy.example.com (no path or query), got {text:?}"
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("must not hold a user name or password".to_owned());
    }
    Ok(url)
}

/// `--allowed-host`: `name`, `name:port`, `IP` or `[IPv6]:port`, lower-cased.
pub(crate) fn host(text: &str) -> Result<String, String> {
    let lower = text.to_ascii_lowercase();
    let parsed = Url::parse(&format!("http://{lower}/"))
        .ok()
        .filter(|u| u.path() == "/" && u.username().is_empty() && u.host_str().is_some());
    match parsed {
        Some(_) if !lower.contains(['/', '@', '?', '#']) => Ok(lower),
        _ => Err(format!(
            "expected a host name, optionally with :port (e.g. lanthorn.example.com:443), got {text:?}"
        )),
    }
}
