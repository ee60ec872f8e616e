//! The messages of the watch multiplexer (`GET /watch`, one WebSocket per browser tab).
//!
//! Browser → server: `subscribe` (open one watch) and `unsubscribe`. Server → browser:
//! `event` (one watch event from the API server, unchanged), `error` (the subscription
//! failed or was refused and is gone; also for malformed messages, then with `id: null`)
//! and `ended` (the API server closed the watch normally; subscribe again from the last
//! resourceVersion seen).

use serde::Deserialize;
use serde_json::json;

/// Longest subscription id accepted.
const MAX_ID: usize = 64;
/// Longest resourceVersion or selector accepted.
const MAX_PARAM: usize = 1024;

/// A message from the browser.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase", deny_unknown_fields)]
pub enum ClientMessage {
    /// Open a watch on a collection.
    Subscribe(Subscribe),
    /// Close a watch.
    Unsubscribe {
        /// The subscription's id.
        id: String,
    },
}

/// One watch the browser asks for.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Subscribe {
    /// Chosen by the browser, unique on its socket.
    pub id: String,
    /// The cluster's name.
    pub cluster: String,
    /// A collection path such as `/api/v1/namespaces/demo/configmaps`, without a query.
    pub path: String,
    /// Start after this resourceVersion (usually the list's).
    #[serde(default)]
    pub resource_version: Option<String>,
    /// Objects as `meta.k8s.io` Table rows with metadata, as lists show them.
    #[serde(default)]
    pub table: bool,
    /// Passed to the API server.
    #[serde(default)]
    pub label_selector: Option<String>,
    /// Passed to the API server.
    #[serde(default)]
    pub field_selector: Option<String>,
    /// A container's log instead of a watch (`path` is a pod's `…/log`).
    #[serde(default)]
    pub logs: Option<LogOptions>,
}

/// What `kubectl logs` would ask for.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LogOptions {
    #[serde(default)]
    pub container: Option<String>,
    #[serde(default)]
    pub follow: bool,
    #[serde(default)]
    pub previous: bool,
    #[serde(default)]
    pub timestamps: bool,
    #[serde(default)]
    pub since_seconds: Option<u64>,
    #[serde(default)]
    pub tail_lines: Option<u64>,
}

impl Subscribe {
    /// Checks the fields that do not need the server's state; the path is checked by the
    /// proxy's own rules later.
    pub fn validate(&self) -> Result<(), String> {
        if self.id.is_empty() || self.id.len() > MAX_ID {
            return Err(format!("id must be 1 to {MAX_ID} characters"));
        }
        if !self.path.starts_with('/') || self.path.contains(['?', '#']) {
            return Err("path must be an API path starting with / and without a query".into());
        }
        if self.logs.is_some() {
            let segments: Vec<&str> = self.path.split('/').collect();
            let is_log = matches!(
                segments.as_slice(),
                ["", "api", "v1", "namespaces", ns, "pods", pod, "log"] if !ns.is_empty() && !pod.is_empty()
            );
            if !is_log {
                return Err(
                    "a log subscription's path must be /api/v1/namespaces/NS/pods/POD/log".into(),
                );
            }
            if self.table || self.resource_version.is_some() {
                return Err("a log subscription takes neither table nor resourceVersion".into());
            }
        }
        for (name, value) in [
            ("resourceVersion", &self.resource_version),
            ("labelSelector", &self.label_selector),
            ("fieldSelector", &self.field_selector),
        ] {
            if value.as_ref().is_some_and(|v| v.len() > MAX_PARAM) {
                return Err(format!("{name} is longer than {MAX_PARAM} characters"));
            }
        }
        Ok(())
    }

    /// The upstream request's path and query: a watch with bookmarks that the API server
    /// ends after `timeout_seconds` (the browser then subscribes again, re-checked), or a
    /// log read.
    pub fn upstream_path(&self, timeout_seconds: u64) -> String {
        if let Some(logs) = &self.logs {
            let flag = |on: bool| on.then_some("true");
            let since = logs.since_seconds.map(|s| s.to_string());
            let tail = logs.tail_lines.map(|t| t.to_string());
            let query = url_query(&[
                ("container", logs.container.as_deref()),
                ("follow", flag(logs.follow)),
                ("previous", flag(logs.previous)),
                ("timestamps", flag(logs.timestamps)),
                ("sinceSeconds", since.as_deref()),
                ("tailLines", tail.as_deref()),
            ]);
            return if query.is_empty() {
                self.path.clone()
            } else {
                format!("{}?{query}", self.path)
            };
        }
        let mut query = url_query(&[
            ("watch", Some("1")),
            ("allowWatchBookmarks", Some("true")),
            ("timeoutSeconds", Some(&timeout_seconds.to_string())),
            ("resourceVersion", self.resource_version.as_deref()),
            ("labelSelector", self.label_selector.as_deref()),
            ("fieldSelector", self.field_selector.as_deref()),
        ]);
        if self.table {
            query.push_str("&includeObject=Metadata");
        }
        format!("{}?{query}", self.path)
    }

    /// The `Accept` header: Table rows, whole objects, or log text.
    pub fn accept(&self) -> &'static str {
        if self.logs.is_some() {
            "text/plain, */*"
        } else if self.table {
            "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"
        } else {
            "application/json"
        }
    }
}

fn url_query(pairs: &[(&str, Option<&str>)]) -> String {
    let mut out = String::new();
    for (name, value) in pairs {
        let Some(value) = value else { continue };
        if value.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('&');
        }
        out.push_str(name);
        out.push('=');
        out.extend(percent_encoding::utf8_percent_encode(
            value,
            percent_encoding::NON_ALPHANUMERIC,
        ));
    }
    out
}

/// `{"type":"event","id":…,"event":<the API server's line>}`, built without re-parsing
/// the event (the API server's line is one JSON object).
pub fn event(id: &str, line: &str) -> String {
    let id = serde_json::Value::from(id);
    format!(r#"{{"type":"event","id":{id},"event":{line}}}"#)
}

/// Lines of a log: `{"type":"log","id":…,"lines":[…]}`.
pub fn log(id: &str, lines: &[String]) -> String {
    json!({"type": "log", "id": id, "lines": lines}).to_string()
}

/// The subscription failed or was refused (or a message was malformed: no id).
pub fn error(id: Option<&str>, status: u16, reason: &str, message: &str) -> String {
    json!({"type": "error", "id": id, "status": status, "reason": reason, "message": message})
        .to_string()
}

/// The API server ended the watch normally.
pub fn ended(id: &str) -> String {
    json!({"type": "ended", "id": id}).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subscribe(json: &str) -> Subscribe {
        match serde_json::from_str::<ClientMessage>(json) {
            Ok(ClientMessage::Subscribe(s)) => s,
            other => panic!("not a subscribe: {other:?}"),
        }
    }

    #[test]
    fn subscribe_becomes_an_encoded_watch_query() {
        let s = subscribe(
            r#"{"type":"subscribe","id":"a","cluster":"dev","path":"/api/v1/pods","resourceVersion":"12","table":true,"labelSelector":"app in (web,db)"}"#,
        );
        assert!(s.validate().is_ok());
        assert_eq!(
            s.upstream_path(300),
            "/api/v1/pods?watch=1&allowWatchBookmarks=true&timeoutSeconds=300&resourceVersion=12&labelSelector=app%20in%20%28web%2Cdb%29&includeObject=Metadata"
        );
        assert!(s.accept().contains("as=Table"));
    }

    #[test]
    fn bad_subscriptions_are_named() {
        let s = subscribe(r#"{"type":"subscribe","id":"","cluster":"dev","path":"/api/v1/pods"}"#);
        assert!(matches!(s.validate(), Err(m) if m.contains("id")));
        let s = subscribe(
            r#"{"type":"subscribe","id":"x","cluster":"dev","path":"/api/v1/pods?watch=0"}"#,
        );
        assert!(matches!(s.validate(), Err(m) if m.contains("without a query")));
        let unknown = serde_json::from_str::<ClientMessage>(
            r#"{"type":"subscribe","id":"x","cluster":"dev","path":"/a","extra":1}"#,
        );
        assert!(matches!(unknown, Err(e) if e.to_string().contains("extra")));
    }

    #[test]
    fn log_subscriptions_become_log_reads() {
        let s = subscribe(
            r#"{"type":"subscribe","id":"l","cluster":"dev","path":"/api/v1/namespaces/demo/pods/web-1/log","logs":{"container":"web","follow":true,"tailLines":100,"sinceSeconds":60}}"#,
        );
        assert!(s.validate().is_ok());
        assert_eq!(
            s.upstream_path(300),
            "/api/v1/namespaces/demo/pods/web-1/log?container=web&follow=true&sinceSeconds=60&tailLines=100"
        );
        assert!(s.accept().starts_with("text/plain"));
        let not_log = subscribe(
            r#"{"type":"subscribe","id":"l","cluster":"dev","path":"/api/v1/namespaces/demo/pods","logs":{}}"#,
        );
        assert!(matches!(not_log.validate(), Err(m) if m.contains("/log")));
    }

    #[test]
    fn events_keep_the_api_servers_line_and_escape_the_id() {
        let line = r#"{"type":"ADDED","object":{"kind":"ConfigMap"}}"#;
        let text = event("a\"b", line);
        let parsed: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        assert_eq!(parsed["id"], "a\"b");
        assert_eq!(parsed["event"]["object"]["kind"], "ConfigMap");
    }
}
