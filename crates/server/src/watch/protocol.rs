//! The messages of the watch multiplexer (`GET /watch`, one WebSocket per browser tab).
//!
//! Browser → server: `subscribe` (open one watch, or read one pod's log) and
//! `unsubscribe`. Server → browser: `event` (one watch event from the API server, checked
//! to be one and wrapped in Lanthorn's frame), `log` (log lines as JSON strings), `error`
//! (the subscription failed or was refused and is gone; also for malformed messages, then
//! with `id: null`) and `ended` (the watch or log ended; see `docs/server.md`).
//!
//! Only collections and pod logs can be subscribed ([`Subscribe::validate`]), and every
//! frame is built here: nothing a cluster sends can add a key to a frame, so a line from
//! one subscription can never speak for another.

use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};

use lanthorn_cluster::is_kube_name;

/// Longest subscription id accepted.
const MAX_ID: usize = 64;
/// Longest resourceVersion or selector accepted.
const MAX_PARAM: usize = 1024;
/// An error's reason and message are cut to these many characters.
const MAX_REASON: usize = 64;
const MAX_MESSAGE: usize = 1024;
/// The largest `error` or `ended` frame: an id, a cut reason and message, JSON escaping
/// (at most 6 bytes a character) and the keys.
pub const MAX_NOTICE: usize = 6 * (MAX_ID + MAX_REASON + MAX_MESSAGE) + 128;

/// A message from the browser.
#[derive(Debug, Deserialize, ts_rs::TS)]
#[serde(tag = "type", rename_all = "camelCase", deny_unknown_fields)]
#[ts(rename = "WatchClientMessage")]
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
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(rename = "WatchSubscribe")]
pub struct Subscribe {
    /// Chosen by the browser, unique on its socket.
    pub id: String,
    /// The cluster's name.
    pub cluster: String,
    /// A collection path such as `/api/v1/namespaces/demo/configmaps`, without a query.
    pub path: String,
    /// Start after this resourceVersion (usually the list's).
    #[serde(default)]
    #[ts(optional)]
    pub resource_version: Option<String>,
    /// Objects as `meta.k8s.io` Table rows with metadata, as lists show them.
    #[serde(default)]
    #[ts(as = "Option<bool>", optional)]
    pub table: bool,
    /// Passed to the API server.
    #[serde(default)]
    #[ts(optional)]
    pub label_selector: Option<String>,
    /// Passed to the API server.
    #[serde(default)]
    #[ts(optional)]
    pub field_selector: Option<String>,
    /// A container's log instead of a watch (`path` is a pod's `…/log`).
    #[serde(default)]
    #[ts(optional)]
    pub logs: Option<LogOptions>,
}

/// What `kubectl logs` would ask for.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(rename = "WatchLogOptions", optional_fields)]
pub struct LogOptions {
    #[serde(default)]
    pub container: Option<String>,
    #[serde(default)]
    #[ts(as = "Option<bool>", optional)]
    pub follow: bool,
    #[serde(default)]
    #[ts(as = "Option<bool>", optional)]
    pub previous: bool,
    #[serde(default)]
    #[ts(as = "Option<bool>", optional)]
    pub timestamps: bool,
    #[serde(default)]
    #[ts(as = "Option<u32>", optional)]
    pub since_seconds: Option<u64>,
    #[serde(default)]
    #[ts(as = "Option<u32>", optional)]
    pub tail_lines: Option<u64>,
}

impl Subscribe {
    /// Checks the id and the parameters; [`Self::check_path`] checks the path.
    pub fn validate(&self) -> Result<(), String> {
        if self.id.is_empty() || self.id.len() > MAX_ID {
            return Err(format!("id must be 1 to {MAX_ID} characters"));
        }
        if self.logs.is_some() && (self.table || self.resource_version.is_some()) {
            return Err("a log subscription takes neither table nor resourceVersion".into());
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

    /// Whether the path names a collection (or, with `logs`, one pod's log): see
    /// [`subscribable`].
    pub fn check_path(&self) -> Result<(), String> {
        subscribable(&self.path, self.logs.is_some())
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

/// A path a subscription may name. Watches: a collection, `/api/v1/RESOURCE`,
/// `/api/v1/namespaces/NS/RESOURCE`, `/apis/GROUP/VERSION/RESOURCE` or
/// `/apis/GROUP/VERSION/namespaces/NS/RESOURCE` (one object: its collection with a
/// `fieldSelector` on `metadata.name`). Logs: `/api/v1/namespaces/NS/pods/POD/log`.
/// Nothing else — no subresource, proxy, discovery or legacy `/watch/` path — so a
/// subscription only ever reads the API server's own watch or log output.
fn subscribable(path: &str, logs: bool) -> Result<(), String> {
    if path.contains(['?', '#']) {
        return Err(
            "path must be an API path without a query (selectors and the \
                    resourceVersion are fields of the subscription)"
                .into(),
        );
    }
    let segments: Vec<&str> = match path.strip_prefix('/') {
        Some(rest) => rest.split('/').collect(),
        None => Vec::new(),
    };
    if logs {
        return match segments.as_slice() {
            ["api", "v1", "namespaces", ns, "pods", pod, "log"]
                if is_kube_name(ns) && is_kube_name(pod) =>
            {
                Ok(())
            }
            _ => Err(
                "a log subscription's path must be a pod's log, /api/v1/namespaces/NS/pods/POD/log"
                    .into(),
            ),
        };
    }
    let collection = match segments.as_slice() {
        ["api", "v1", resource] => is_resource(resource),
        ["api", "v1", "namespaces", ns, resource] => is_kube_name(ns) && is_resource(resource),
        ["apis", group, version, resource] => {
            is_kube_name(group) && is_label(version) && is_resource(resource)
        }
        ["apis", group, version, "namespaces", ns, resource] => {
            is_kube_name(group) && is_label(version) && is_kube_name(ns) && is_resource(resource)
        }
        _ => false,
    };
    if collection {
        Ok(())
    } else {
        Err(
            "only collections can be watched: /api/v1/RESOURCE, /api/v1/namespaces/NS/RESOURCE \
             or /apis/GROUP/VERSION/[namespaces/NS/]RESOURCE (one object: its collection with \
             fieldSelector metadata.name=NAME); a pod's log needs \"logs\""
                .into(),
        )
    }
}

/// A DNS label: lowercase letters, digits and `-`, starting with a letter (resource and
/// version names).
fn is_label(value: &str) -> bool {
    value.len() <= 63
        && value.starts_with(|c: char| c.is_ascii_lowercase())
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A resource's plural name; `watch` is the legacy watch prefix, not a resource.
fn is_resource(value: &str) -> bool {
    is_label(value) && value != "watch"
}

/// The shape every line of a watch must have: exactly `type` (a known event type) and
/// `object`, nothing before, after or beside them.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UpstreamEvent {
    #[serde(rename = "type")]
    _kind: EventType,
    #[serde(rename = "object")]
    _object: IgnoredAny,
}

/// The kinds of watch event.
#[derive(Deserialize, Serialize, ts_rs::TS)]
#[serde(rename_all = "UPPERCASE")]
#[ts(rename = "WatchEventType")]
pub enum EventType {
    Added,
    Modified,
    Deleted,
    Bookmark,
    Error,
}

/// One watch event in Lanthorn's frame: `{"event":<the line>,"type":"event","id":…}`.
/// The line is parsed first and refused unless it is exactly one watch event (a JSON
/// object with `type` and `object` only); so it is one JSON value and cannot add or
/// override a key of the frame (whose own keys also come last, where `JSON.parse` lets
/// them win). The refusal does not echo the line.
pub fn event(id: &str, line: &str) -> Result<String, String> {
    // A derived struct would also accept the array form `["ADDED",{…}]`.
    if !line.trim_start().starts_with('{') {
        return Err(
            "the cluster sent a line that is not a watch event (an object of type and object); \
             the watch was ended"
                .into(),
        );
    }
    if let Err(error) = serde_json::from_str::<UpstreamEvent>(line) {
        let what = match error.classify() {
            serde_json::error::Category::Data => "not a watch event (an object of type and object)",
            _ => "not JSON",
        };
        return Err(format!(
            "the cluster sent a line that is {what} (column {}); the watch was ended",
            error.column()
        ));
    }
    let id = serde_json::Value::from(id);
    Ok(format!(r#"{{"event":{line},"type":"event","id":{id}}}"#))
}

/// A message to the browser. `event` frames are assembled by [`event`] around the
/// cluster's checked line, without parsing it into a value and writing it again; this
/// type declares their shape (a test holds [`event`] to it). The others are written from
/// this type.
#[derive(Serialize, ts_rs::TS)]
#[serde(tag = "type", rename_all = "camelCase")]
#[ts(rename = "WatchServerMessage")]
pub enum ServerMessage<'a> {
    /// One watch event.
    #[cfg_attr(not(test), allow(dead_code))]
    Event { id: &'a str, event: WatchEvent },
    /// Lines of a container's log, in order.
    Log { id: &'a str, lines: &'a [String] },
    /// The subscription failed or was refused and is gone (`id: null`: a malformed
    /// message from the browser).
    Error {
        id: Option<String>,
        status: u16,
        reason: String,
        message: String,
    },
    /// The watch or log ended; `resume`: read on from where it stopped.
    Ended {
        id: &'a str,
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        #[ts(as = "Option<bool>", optional)]
        resume: bool,
    },
}

/// One watch event as the API server sends it.
#[derive(Serialize, ts_rs::TS)]
#[cfg_attr(not(test), allow(dead_code))]
pub struct WatchEvent {
    #[serde(rename = "type")]
    kind: EventType,
    #[ts(type = "unknown")]
    object: serde_json::Value,
}

fn frame(message: &ServerMessage<'_>) -> String {
    // Serialising these shapes (strings, numbers, string slices) cannot fail.
    serde_json::to_string(message).unwrap_or_default()
}

/// Lines of a log: `{"type":"log","id":…,"lines":[…]}`, each line a JSON string.
pub fn log(id: &str, lines: &[String]) -> String {
    frame(&ServerMessage::Log { id, lines })
}

/// The subscription failed or was refused (or a message was malformed: no id). The id,
/// reason and message are cut, so the frame is at most [`MAX_NOTICE`] bytes.
pub fn error(id: Option<&str>, status: u16, reason: &str, message: &str) -> String {
    frame(&ServerMessage::Error {
        id: id.map(|id| id.chars().take(MAX_ID).collect()),
        status,
        reason: reason.chars().take(MAX_REASON).collect(),
        message: message.chars().take(MAX_MESSAGE).collect(),
    })
}

/// The watch or log ended. `resume`: Lanthorn ended it at its time limit, and a log
/// should be read on from where it stopped (a watch always resumes from its last
/// resourceVersion).
pub fn ended(id: &str, resume: bool) -> String {
    frame(&ServerMessage::Ended { id, resume })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn event_frames_have_the_declared_shape() {
        let line = r#"{"type":"ADDED","object":{"kind":"Pod","metadata":{"name":"p"}}}"#;
        let built: serde_json::Value =
            serde_json::from_str(&event("w1", line).unwrap_or_default()).unwrap_or_default();
        let declared = serde_json::to_value(ServerMessage::Event {
            id: "w1",
            event: WatchEvent {
                kind: EventType::Added,
                object: serde_json::json!({"kind": "Pod", "metadata": {"name": "p"}}),
            },
        })
        .unwrap_or_default();
        assert_eq!(built, declared);
    }

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
        assert!(matches!(s.check_path(), Err(m) if m.contains("without a query")));
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
        assert!(matches!(not_log.check_path(), Err(m) if m.contains("/log")));
    }

    fn at(path: &str) -> Subscribe {
        subscribe(
            &json!({"type": "subscribe", "id": "p", "cluster": "dev", "path": path}).to_string(),
        )
    }

    #[test]
    fn only_collections_are_watched() {
        for good in [
            "/api/v1/pods",
            "/api/v1/namespaces",
            "/api/v1/namespaces/demo/pods",
            "/api/v1/namespaces/demo/configmaps",
            "/apis/apps/v1/deployments",
            "/apis/apps/v1/namespaces/demo/deployments",
            "/apis/example.com/v1alpha1/namespaces/demo/widgets",
            "/apis/events.k8s.io/v1/events",
        ] {
            assert!(at(good).check_path().is_ok(), "{good} refused");
        }
        for bad in [
            "/api/v1/namespaces/demo/services/web:80/proxy/",
            "/api/v1/namespaces/demo/services/web/proxy",
            "/api/v1/namespaces/demo/pods/web-1/proxy/metrics",
            "/api/v1/nodes/node-1/proxy/stats",
            "/api/v1/namespaces/demo/pods/web-1/exec",
            "/api/v1/namespaces/demo/pods/web-1/log",
            "/api/v1/namespaces/demo/pods/web-1",
            "/api/v1/namespaces/demo",
            "/api/v1/watch/pods",
            "/api/v1/watch",
            "/apis/apps/v1/namespaces/demo/deployments/web",
            "/apis/apps/v1",
            "/api/v1",
            "/api",
            "/version",
            "/healthz",
            "/api/v1/namespaces/demo/Pods",
            "/api/v1//pods",
            "/api/v1/pods/",
            "/api/v2/pods",
            "/api/v1/namespaces/../pods",
            "hello",
            "x/api/v1/pods",
            "",
        ] {
            let refused = at(bad).check_path();
            assert!(
                matches!(&refused, Err(m) if m.contains("collection")),
                "{bad}: {refused:?}"
            );
        }
    }

    #[test]
    fn only_pod_logs_are_read() {
        let log = |path: &str| {
            subscribe(
                &json!({"type": "subscribe", "id": "l", "cluster": "dev", "path": path, "logs": {}})
                    .to_string(),
            )
        };
        assert!(
            log("/api/v1/namespaces/demo/pods/web-1/log")
                .check_path()
                .is_ok()
        );
        for bad in [
            "/api/v1/namespaces/demo/pods/web-1/exec",
            "/api/v1/namespaces/demo/pods/web-1/proxy/log",
            "/api/v1/namespaces/demo/services/web/proxy/log",
            "/api/v1/namespaces/demo/pods/../log",
            "/api/v1/namespaces/Demo/pods/web-1/log",
        ] {
            assert!(log(bad).check_path().is_err(), "{bad}");
        }
    }

    /// What the browser would read from a frame: the last value of a repeated key wins,
    /// as in `JSON.parse`.
    fn browser_reads(frame: &str) -> serde_json::Value {
        serde_json::from_str(frame).unwrap_or_default()
    }

    #[test]
    fn a_crafted_line_cannot_speak_for_another_subscription() {
        let forged = [
            // Closes the event early and adds the victim's id and a second event.
            r#"{"type":"ADDED","object":{}},"id":"victim","event":{"type":"DELETED","object":{}}"#,
            r#"{"type":"ADDED","object":{},"id":"victim"}"#,
            r#"{"type":"ADDED","object":{}} {"type":"event","id":"victim"}"#,
            r#"{"type":"ADDED","type":"DELETED","object":{}}"#,
            r#"{"type":"NOPE","object":{}}"#,
            r#"{"type":"ADDED"}"#,
            r#"["ADDED",{}]"#,
            "not json at all",
            r#""a string""#,
        ];
        for line in forged {
            match event("mine", line) {
                Ok(frame) => panic!("{line} passed as {frame}"),
                Err(why) => assert!(
                    !why.contains("victim") && !why.contains("NOPE"),
                    "the refusal echoes the line: {why}"
                ),
            }
        }
        // Ids inside the object are the object's business.
        let honest =
            r#"{"type":"ADDED","object":{"id":"victim","metadata":{"name":"a\"},\"id\":\"x"}}}"#;
        let read = browser_reads(&event("mine", honest).unwrap_or_default());
        assert_eq!(read["id"], "mine");
        assert_eq!(read["type"], "event");
        assert_eq!(read["event"]["object"]["id"], "victim");
    }

    #[test]
    fn notices_are_bounded() {
        let long = "\u{1}".repeat(100_000);
        let frame = error(Some(&long), 400, &long, &long);
        assert!(frame.len() <= MAX_NOTICE, "{}", frame.len());
        let read = browser_reads(&frame);
        assert_eq!(read["type"], "error");
        assert!(ended(&"i".repeat(MAX_ID), true).len() <= MAX_NOTICE);
    }

    #[test]
    fn events_keep_the_api_servers_line_and_escape_the_id() {
        let line = r#"{"type":"ADDED","object":{"kind":"ConfigMap"}}"#;
        let text = event("a\"b", line).unwrap_or_default();
        let parsed: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        assert_eq!(parsed["id"], "a\"b");
        assert_eq!(parsed["event"]["object"]["kind"], "ConfigMap");
    }
}
