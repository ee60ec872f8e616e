//! Prometheus metrics, kept in plain atomics and maps and written in the text format.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

/// Upper bounds (seconds) of the upstream latency histogram.
const BUCKETS: [f64; 12] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// The server's metrics.
#[derive(Debug, Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(String, u16), u64>>,
    upstream: Mutex<BTreeMap<String, Histogram>>,
    watches: Arc<AtomicI64>,
}

#[derive(Debug, Default, Clone)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    sum: f64,
    total: u64,
}

/// Counts one open stream (watch, follow, WebSocket) until dropped.
#[derive(Debug)]
pub struct StreamGuard(Arc<AtomicI64>);

impl Drop for StreamGuard {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

impl Metrics {
    /// Counts a finished request by route template and status.
    pub fn request(&self, route: &str, status: u16) {
        let mut map = self
            .requests
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *map.entry((route.to_owned(), status)).or_default() += 1;
    }

    /// Records how long a cluster took to answer (response head).
    pub fn upstream(&self, cluster: &str, took: Duration) {
        let mut map = self
            .upstream
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let h = map.entry(cluster.to_owned()).or_default();
        let secs = took.as_secs_f64();
        for (count, bound) in h.counts.iter_mut().zip(BUCKETS) {
            if secs <= bound {
                *count += 1;
            }
        }
        h.sum += secs;
        h.total += 1;
    }

    /// Marks a stream open until the guard is dropped.
    pub fn stream_opened(&self) -> StreamGuard {
        self.watches.fetch_add(1, Ordering::Relaxed);
        StreamGuard(self.watches.clone())
    }

    /// Open streams now.
    pub fn open_streams(&self) -> i64 {
        self.watches.load(Ordering::Relaxed)
    }

    /// The text exposition, with `active_sessions` supplied by the caller.
    pub fn render(&self, active_sessions: Option<u64>) -> String {
        let mut out = String::new();
        out.push_str("# HELP lanthorn_http_requests_total Requests served, by route and status.\n");
        out.push_str("# TYPE lanthorn_http_requests_total counter\n");
        for ((route, status), n) in self
            .requests
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .iter()
        {
            let _ = writeln!(
                out,
                "lanthorn_http_requests_total{{route=\"{}\",status=\"{status}\"}} {n}",
                escape(route)
            );
        }
        out.push_str("# HELP lanthorn_upstream_duration_seconds Time until a cluster's API server answered.\n");
        out.push_str("# TYPE lanthorn_upstream_duration_seconds histogram\n");
        for (cluster, h) in self
            .upstream
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .iter()
        {
            let c = escape(cluster);
            for (count, bound) in h.counts.iter().zip(BUCKETS) {
                let _ = writeln!(
                    out,
                    "lanthorn_upstream_duration_seconds_bucket{{cluster=\"{c}\",le=\"{bound}\"}} {count}"
                );
            }
            let _ = writeln!(
                out,
                "lanthorn_upstream_duration_seconds_bucket{{cluster=\"{c}\",le=\"+Inf\"}} {}",
                h.total
            );
            let _ = writeln!(
                out,
                "lanthorn_upstream_duration_seconds_sum{{cluster=\"{c}\"}} {}",
                h.sum
            );
            let _ = writeln!(
                out,
                "lanthorn_upstream_duration_seconds_count{{cluster=\"{c}\"}} {}",
                h.total
            );
        }
        out.push_str(
            "# HELP lanthorn_active_watches Open watch, log-follow and WebSocket streams.\n",
        );
        out.push_str("# TYPE lanthorn_active_watches gauge\n");
        let _ = writeln!(out, "lanthorn_active_watches {}", self.open_streams());
        if let Some(n) = active_sessions {
            out.push_str("# HELP lanthorn_active_sessions Sessions in the session store.\n");
            out.push_str("# TYPE lanthorn_active_sessions gauge\n");
            let _ = writeln!(out, "lanthorn_active_sessions {n}");
        }
        out
    }
}

fn escape(label: &str) -> String {
    label
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counters_histograms_and_gauges() {
        let m = Metrics::default();
        m.request("/clusters/{cluster}/{*path}", 200);
        m.request("/clusters/{cluster}/{*path}", 200);
        m.upstream("dev", Duration::from_millis(30));
        let guard = m.stream_opened();
        let text = m.render(Some(3));
        assert!(text.contains("lanthorn_http_requests_total{route=\"/clusters/{cluster}/{*path}\",status=\"200\"} 2"), "{text}");
        assert!(
            text.contains(
                "lanthorn_upstream_duration_seconds_bucket{cluster=\"dev\",le=\"0.025\"} 0"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "lanthorn_upstream_duration_seconds_bucket{cluster=\"dev\",le=\"0.05\"} 1"
            ),
            "{text}"
        );
        assert!(text.contains("lanthorn_active_watches 1"));
        assert!(text.contains("lanthorn_active_sessions 3"));
        drop(guard);
        assert!(m.render(None).contains("lanthorn_active_watches 0"));
    }
}
