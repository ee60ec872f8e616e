//! The Kubernetes part of a proxied URL: checked so it cannot leave the cluster prefix, and
//! read for what the audit log needs (verb, group, resource, namespace, name).

use http::Method;
use percent_encoding::percent_decode_str;

/// Checks the raw (still percent-encoded) path after `/clusters/{cluster}`. Refused: dot
/// segments in any spelling, encoded slashes and backslashes, empty segments, NUL.
pub fn check(raw: &str) -> Result<(), String> {
    if !raw.starts_with('/') {
        return Err("the Kubernetes path must start with /".into());
    }
    if raw.contains('\\') {
        return Err("backslashes are not allowed in the path".into());
    }
    for segment in raw[1..].split('/') {
        let decoded = percent_decode_str(segment).collect::<Vec<u8>>();
        let decoded = String::from_utf8_lossy(&decoded);
        if decoded == "." || decoded == ".." {
            return Err("dot segments (. or ..) are not allowed in the path".into());
        }
        if decoded.contains(['/', '\\', '\0']) {
            return Err("encoded slashes, backslashes or NUL are not allowed in the path".into());
        }
    }
    if raw.len() > 1 && raw[1..].split('/').rev().skip(1).any(str::is_empty) {
        return Err("empty path segments (//) are not allowed".into());
    }
    Ok(())
}

/// What a request acts on, from its Kubernetes path.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Target {
    /// API group; empty for the core group.
    pub group: Option<String>,
    /// Resource, with `/subresource` appended.
    pub resource: Option<String>,
    /// Namespace.
    pub namespace: Option<String>,
    /// Object name.
    pub name: Option<String>,
}

impl Target {
    /// Parses `/api/v1/…` and `/apis/{group}/{version}/…` paths; anything else is empty.
    pub fn parse(path: &str) -> Self {
        let parts: Vec<String> = path
            .trim_matches('/')
            .split('/')
            .map(|s| percent_decode_str(s).decode_utf8_lossy().into_owned())
            .collect();
        let rest: &[String] = match parts.first().map(String::as_str) {
            Some("api") if parts.len() >= 2 => {
                return Self::from_rest(String::new(), &parts[2..]);
            }
            Some("apis") if parts.len() >= 3 => &parts[3..],
            _ => return Self::default(),
        };
        Self::from_rest(parts[1].clone(), rest)
    }

    fn from_rest(group: String, rest: &[String]) -> Self {
        let mut t = Self {
            group: Some(group),
            ..Self::default()
        };
        let rest = match rest {
            [ns_kw, ns, more @ ..] if ns_kw == "namespaces" && !more.is_empty() => {
                t.namespace = Some(ns.clone());
                more
            }
            other => other,
        };
        match rest {
            [] => {}
            [resource] => t.resource = Some(resource.clone()),
            [resource, name] => {
                t.resource = Some(resource.clone());
                t.name = Some(name.clone());
            }
            [resource, name, sub, ..] => {
                t.resource = Some(format!("{resource}/{sub}"));
                t.name = Some(name.clone());
            }
        }
        t
    }
}

/// True when the path reaches through a proxy subresource (`services/…/proxy`,
/// `pods/…/proxy`, `nodes/…/proxy`, the legacy `/api/v1/proxy/…`): what comes back is
/// content a tenant controls, not the Kubernetes API.
pub fn is_proxy_subresource(path: &str) -> bool {
    let mut segments = path.trim_start_matches('/').split('/');
    matches!(segments.next(), Some("api" | "apis"))
        && segments.any(|s| percent_decode_str(s).decode_utf8_lossy() == "proxy")
}

/// The Kubernetes verb of a mutating request, or `None` for reads.
pub fn mutating_verb(method: &Method, target: &Target) -> Option<&'static str> {
    match *method {
        Method::POST => Some("create"),
        Method::PUT => Some("update"),
        Method::PATCH => Some("patch"),
        Method::DELETE if target.name.is_none() => Some("deletecollection"),
        Method::DELETE => Some("delete"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_proxy_subresources() {
        for proxied in [
            "/api/v1/namespaces/demo/services/web:80/proxy/",
            "/api/v1/namespaces/demo/services/https:web:443/proxy/index.html",
            "/api/v1/namespaces/demo/pods/web-0/proxy",
            "/api/v1/nodes/node-1:10250/proxy/logs/",
            "/api/v1/proxy/namespaces/demo/services/web/",
            "/api/v1/namespaces/demo/services/web/%70roxy/",
        ] {
            assert!(is_proxy_subresource(proxied), "{proxied}");
        }
        for api in [
            "/api/v1/namespaces/demo/pods",
            "/api/v1/namespaces/demo/pods/web-0/log",
            "/version",
            "/openapi/v3/proxy",
        ] {
            assert!(!is_proxy_subresource(api), "{api}");
        }
    }

    #[test]
    fn refuses_every_way_out_of_the_prefix() {
        for ok in [
            "/api/v1/pods",
            "/apis/apps/v1/namespaces/demo/deployments/web",
            "/version",
            "/api/v1/namespaces/a.b/pods/x..y",
        ] {
            assert!(check(ok).is_ok(), "{ok}");
        }
        for bad in [
            "/../config",
            "/api/../../x",
            "/api/./v1",
            "/%2e%2e/x",
            "/%2E%2e/x",
            "/.%2e/x",
            "/api/%2f/x",
            "/api%2Fv1",
            "/api/v1\\..\\x",
            "/api/%5cx",
            "/api//v1",
            "/api/%00",
            "api/v1",
        ] {
            assert!(check(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn reads_the_target_of_kubernetes_paths() {
        let t = Target::parse("/api/v1/namespaces/demo/pods/web-1/exec");
        assert_eq!(
            t,
            Target {
                group: Some(String::new()),
                resource: Some("pods/exec".into()),
                namespace: Some("demo".into()),
                name: Some("web-1".into())
            }
        );
        let t = Target::parse("/apis/apps/v1/namespaces/demo/deployments");
        assert_eq!(
            (t.group.as_deref(), t.resource.as_deref(), t.name),
            (Some("apps"), Some("deployments"), None)
        );
        let t = Target::parse("/api/v1/namespaces/demo");
        assert_eq!(
            (t.resource.as_deref(), t.name.as_deref(), t.namespace),
            (Some("namespaces"), Some("demo"), None)
        );
        let t = Target::parse("/apis/rbac.authorization.k8s.io/v1/clusterroles/view");
        assert_eq!(
            (t.group.as_deref(), t.resource.as_deref(), t.name.as_deref()),
            (
                Some("rbac.authorization.k8s.io"),
                Some("clusterroles"),
                Some("view")
            )
        );
        assert_eq!(Target::parse("/version"), Target::default());
    }

    #[test]
    fn verbs_and_streams() {
        let named = Target::parse("/api/v1/namespaces/d/configmaps/x");
        let collection = Target::parse("/api/v1/namespaces/d/configmaps");
        assert_eq!(mutating_verb(&Method::DELETE, &named), Some("delete"));
        assert_eq!(
            mutating_verb(&Method::DELETE, &collection),
            Some("deletecollection")
        );
        assert_eq!(mutating_verb(&Method::GET, &named), None);
    }

    #[test]
    fn long_running_requests_follow_kube_apiservers_rules() {
        use lanthorn_cluster::is_long_running;
        let pods = "/api/v1/namespaces/demo/pods";
        for (path, query) in [
            (pods, Some("watch=1&resourceVersion=5")),
            (pods, Some("watch=yes")),
            (pods, Some("watch=TRUE")),
            (pods, Some("watch")),
            (pods, Some("watch=")),
            ("/api/v1/watch/namespaces/demo/pods", None),
            ("/apis/apps/v1/watch/deployments", None),
            ("/api/v1/proxy/namespaces/demo/services/web/", None),
            ("/api/v1/namespaces/demo/pods/web-0/log", None),
            (
                "/api/v1/namespaces/demo/pods/web-0/log",
                Some("follow=true"),
            ),
            (
                "/api/v1/namespaces/demo/pods/web-0/exec",
                Some("command=sh"),
            ),
            ("/api/v1/namespaces/demo/pods/web-0/attach", None),
            ("/api/v1/namespaces/demo/pods/web-0/portforward", None),
            ("/api/v1/namespaces/demo/services/web:80/proxy/x", None),
            ("/api/v1/nodes/node-1/proxy/metrics", None),
        ] {
            assert!(is_long_running(path, query), "{path}?{query:?}");
        }
        for (path, query) in [
            (pods, None),
            (pods, Some("watch=false")),
            (pods, Some("watch=0")),
            (pods, Some("watcher=1")),
            ("/api/v1/namespaces/exec/pods", None),
            ("/api/v1/namespaces/demo/pods/web-0", None),
            ("/api/v1/namespaces/demo/pods/web-0/status", None),
            ("/version", None),
        ] {
            assert!(!is_long_running(path, query), "{path}?{query:?}");
        }
    }
}
