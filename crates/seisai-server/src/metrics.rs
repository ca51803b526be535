//! Request metrics in the Prometheus text exposition format.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Duration;

use chrono::Utc;

use crate::state::Snapshot;

/// Upper bounds of the latency histogram buckets, in seconds.
const BUCKETS: [f64; 12] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0];

#[derive(Default)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

/// The counts of one route.
#[derive(Default)]
struct RouteStats {
    /// Status → count.
    statuses: BTreeMap<u16, u64>,
    /// Latency histogram.
    latency: Histogram,
}

/// Request counters and latency histograms by route.
#[derive(Default)]
pub struct Metrics {
    /// Route → its counts (one lock per request; the route's name is
    /// copied only the first time it is seen).
    routes: Mutex<BTreeMap<String, RouteStats>>,
}

impl Metrics {
    /// Counts one request.
    pub fn observe(&self, route: &str, status: u16, took: Duration) {
        let secs = took.as_secs_f64();
        let Ok(mut routes) = self.routes.lock() else { return };
        if !routes.contains_key(route) {
            routes.insert(route.to_string(), RouteStats::default());
        }
        let Some(stats) = routes.get_mut(route) else { return };
        *stats.statuses.entry(status).or_default() += 1;
        let h = &mut stats.latency;
        for (i, bound) in BUCKETS.iter().enumerate() {
            if secs <= *bound {
                h.counts[i] += 1;
            }
        }
        h.count += 1;
        h.sum += secs;
    }

    /// The exposition text, with list ages and index size of `snapshot`.
    pub fn render(&self, snapshot: Option<&Snapshot>) -> String {
        let mut out = String::new();
        out.push_str("# HELP seisai_http_requests_total HTTP requests by route and status.\n");
        out.push_str("# TYPE seisai_http_requests_total counter\n");
        let routes = self.routes.lock().ok();
        for (route, stats) in routes.iter().flat_map(|r| r.iter()) {
            for (status, n) in &stats.statuses {
                let _ = writeln!(out, "seisai_http_requests_total{{route=\"{}\",status=\"{status}\"}} {n}", escape(route));
            }
        }
        out.push_str("# HELP seisai_http_request_duration_seconds Request latency by route.\n");
        out.push_str("# TYPE seisai_http_request_duration_seconds histogram\n");
        for (route, stats) in routes.iter().flat_map(|r| r.iter()) {
            let (route, h) = (escape(route), &stats.latency);
            for (i, bound) in BUCKETS.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "seisai_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {}",
                    h.counts[i]
                );
            }
            let _ = writeln!(out, "seisai_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}", h.count);
            let _ = writeln!(out, "seisai_http_request_duration_seconds_sum{{route=\"{route}\"}} {}", h.sum);
            let _ = writeln!(out, "seisai_http_request_duration_seconds_count{{route=\"{route}\"}} {}", h.count);
        }
        drop(routes);
        out.push_str("# HELP seisai_ready Whether a list set is loaded.\n# TYPE seisai_ready gauge\n");
        let _ = writeln!(out, "seisai_ready {}", u8::from(snapshot.is_some()));
        if let Some(s) = snapshot {
            out.push_str("# HELP seisai_index_entities Entities in the index in service.\n# TYPE seisai_index_entities gauge\n");
            let _ = writeln!(out, "seisai_index_entities {}", s.index.len());
            out.push_str("# HELP seisai_index_keys Lookup keys in the index in service.\n# TYPE seisai_index_keys gauge\n");
            let _ = writeln!(out, "seisai_index_keys {}", s.index.key_count());
            out.push_str("# HELP seisai_properties_json_bytes Bytes of listed entities' properties kept written as JSON for answers.\n");
            out.push_str("# TYPE seisai_properties_json_bytes gauge\n");
            let _ = writeln!(out, "seisai_properties_json_bytes {}", s.properties_json_bytes());
            out.push_str("# HELP seisai_list_age_seconds Seconds since the version in service was imported.\n");
            out.push_str("# TYPE seisai_list_age_seconds gauge\n");
            let now = Utc::now();
            for (dataset, v) in &s.versions {
                let age = (now - v.imported_at).num_seconds().max(0);
                let _ = writeln!(
                    out,
                    "seisai_list_age_seconds{{dataset=\"{}\",version=\"{}\"}} {age}",
                    escape(dataset),
                    escape(&v.version)
                );
            }
            out.push_str("# HELP seisai_index_age_seconds Seconds since the index in service was built.\n");
            out.push_str("# TYPE seisai_index_age_seconds gauge\n");
            let _ = writeln!(out, "seisai_index_age_seconds {}", (now - s.built_at).num_seconds().max(0));
        }
        out
    }
}

/// Escapes a label value.
fn escape(v: &str) -> String {
    v.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_buckets() {
        let m = Metrics::default();
        m.observe("/match/{dataset}", 200, Duration::from_millis(3));
        m.observe("/match/{dataset}", 200, Duration::from_millis(30));
        let text = m.render(None);
        assert!(text.contains("seisai_http_requests_total{route=\"/match/{dataset}\",status=\"200\"} 2"), "{text}");
        assert!(text.contains("le=\"0.005\"} 1"), "{text}");
        assert!(text.contains("le=\"0.05\"} 2"), "{text}");
        assert!(text.contains("seisai_ready 0"));
    }
}
