//! Browser-facing protections, applied to every request and response:
//! - [`host`]: the `Host` allowlist (421 otherwise), so a DNS-rebinding page never
//!   becomes same-origin with Lanthorn;
//! - [`csrf`]: cross-site unsafe requests and WebSocket upgrades refused, and no service
//!   worker script is ever served;
//! - [`headers`]: Lanthorn's security headers, which always win, and the opaque-origin
//!   sandbox for content that came from a cluster.

pub mod csrf;
pub mod headers;
pub mod host;

pub use csrf::guard;
pub use headers::{Upstream, headers};
pub use host::{AllowedHosts, check_host};

/// The browser-facing settings of one Lanthorn.
#[derive(Clone, Debug, Default)]
pub struct WebPolicy {
    /// The names requests may carry in `Host`.
    pub hosts: AllowedHosts,
    /// `--service-proxy-origin`: the separate origin for proxied content, if any.
    pub service_proxy_origin: Option<url::Url>,
}
