//! The `Host` allowlist. A page on `rebind.example` whose name an attacker re-points at
//! 127.0.0.1 is same-origin with whatever answers there; the one thing it cannot change
//! is the `Host` it sends, so any name Lanthorn was not told about gets 421 on every
//! route. Allowed without configuration: `localhost` and IP literals, on any port (a
//! rebinding page always carries its own name, and `kubectl port-forward` changes the
//! port); more names with `--public-url` and `--allowed-host`.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use url::Url;

use crate::AppState;
use crate::error::{ApiError, Reason};

/// The names requests may carry in `Host`.
#[derive(Clone, Debug, Default)]
pub struct AllowedHosts {
    /// Lower-case names, each with the ports it is allowed with.
    names: Vec<(String, Ports)>,
}

/// Which `Host` ports go with an allowed name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ports {
    /// Any port, or none.
    Any,
    /// Exactly this port (`None`: no port in `Host`).
    Exactly(Option<u16>),
}

impl AllowedHosts {
    /// From `--public-url`, `--allowed-host` entries (`name` or `name:port`) and
    /// `--service-proxy-origin`.
    pub fn new<'a>(urls: impl IntoIterator<Item = &'a Url>, extra: &[String]) -> Self {
        let mut names = Vec::new();
        for url in urls {
            if let Some(host) = url.host_str() {
                // The browser omits the default port, a proxy may spell it out.
                let port = url.port_or_known_default();
                names.push((normalise(host), Ports::Exactly(port)));
                if url.port().is_none() {
                    names.push((normalise(host), Ports::Exactly(None)));
                }
            }
        }
        for entry in extra {
            let (name, port) = split(entry);
            let ports = match port.map(str::parse::<u16>) {
                None => Ports::Any,
                Some(Ok(port)) => Ports::Exactly(Some(port)),
                // Checked by the configuration; a bad port can never match.
                Some(Err(_)) => continue,
            };
            names.push((normalise(name), ports));
        }
        Self { names }
    }

    /// True when a request carrying `host` (a `Host` header or an HTTP/2 authority)
    /// may be answered.
    pub fn allows(&self, host: &str) -> bool {
        let (name, port) = split(host);
        if port.is_some_and(|p| p.parse::<u16>().is_err()) {
            return false;
        }
        let name = normalise(name);
        if name == "localhost" || is_ip_literal(&name) {
            return true;
        }
        let port: Option<u16> = port.and_then(|p| p.parse().ok());
        self.names.iter().any(|(allowed, ports)| {
            *allowed == name && (*ports == Ports::Any || *ports == Ports::Exactly(port))
        })
    }
}

/// `name:port` → (`name`, `Some("port")`); `[::1]:80` → (`[::1]`, `Some("80")`).
pub(crate) fn split(host: &str) -> (&str, Option<&str>) {
    let host = host.trim();
    if host.starts_with('[') {
        return match host.find(']') {
            Some(end) => {
                let port = host[end + 1..].strip_prefix(':');
                (&host[..=end], port)
            }
            None => (host, None),
        };
    }
    match host.rsplit_once(':') {
        Some((name, port)) if !name.contains(':') => (name, Some(port)),
        _ => (host, None),
    }
}

fn normalise(name: &str) -> String {
    name.trim_end_matches('.').to_ascii_lowercase()
}

fn is_ip_literal(name: &str) -> bool {
    let bare = name
        .strip_prefix('[')
        .and_then(|n| n.strip_suffix(']'))
        .unwrap_or(name);
    bare.parse::<std::net::IpAddr>().is_ok()
}

/// Refuses requests whose `Host` (or HTTP/2 `:authority`) is not allowed, with 421.
pub async fn check_host(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(http::header::HOST)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .or_else(|| request.uri().authority().map(|a| a.as_str().to_owned()));
    // HTTP/1.0 clients may send none; browsers always do, so no page can rebind without.
    if let Some(host) = host
        && !state.web.hosts.allows(&host)
    {
        let shown: String = host.chars().take(100).collect();
        let refusal = ApiError::new(
            StatusCode::MISDIRECTED_REQUEST,
            Reason::HostNotAllowed,
            format!(
                "this server does not answer to Host {shown:?}; if that is how users reach it, start Lanthorn with --public-url or --allowed-host naming it"
            ),
        );
        return refusal.into_response();
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts() -> AllowedHosts {
        let public: Url = "https://lanthorn.example.com"
            .parse()
            .unwrap_or_else(|_| unreachable!());
        AllowedHosts::new(
            [&public],
            &["ui.internal:8443".to_owned(), "Bare.Example".to_owned()],
        )
    }

    #[test]
    fn loopback_names_and_ip_literals_pass_on_any_port() {
        let h = AllowedHosts::default();
        for ok in [
            "localhost:4466",
            "LOCALHOST",
            "127.0.0.1:4466",
            "127.0.0.1:8080",
            "[::1]:4466",
            "10.1.2.3:4466",
            "localhost.",
        ] {
            assert!(h.allows(ok), "{ok}");
        }
    }

    #[test]
    fn rebinding_names_are_refused() {
        let h = hosts();
        for bad in [
            "rebind.example:4466",
            "rebind.example",
            "lanthorn.example.com.evil:443",
            "127.0.0.1.nip.io:4466",
            "lanthorn.example.com:4466",
            "ui.internal:4466",
            "localhost:99999",
            "",
        ] {
            assert!(!h.allows(bad), "{bad}");
        }
    }

    #[test]
    fn configured_names_pass() {
        let h = hosts();
        for ok in [
            "lanthorn.example.com",
            "Lanthorn.Example.Com:443",
            "ui.internal:8443",
            "bare.example:1234",
            "bare.example",
        ] {
            assert!(h.allows(ok), "{ok}");
        }
    }
}
