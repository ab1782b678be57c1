//! Request counts and latencies in Prometheus' text format.
//!
//! Kept deliberately small: a counter per (area, method, status) and a latency histogram
//! per area, where the area is the first path segment after the locale (`organisations`,
//! `api`, …), so the label set stays bounded whatever URLs clients invent.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Instant;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::i18n::Locale;

/// Upper bounds of the latency histogram's buckets, in seconds.
const BUCKETS: [f64; 10] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, 5.0];

#[derive(Default)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    sum: f64,
    count: u64,
}

/// The process's request metrics.
#[derive(Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(String, String, u16), u64>>,
    latency: Mutex<BTreeMap<String, Histogram>>,
}

/// The bounded label for a path.
fn area(path: &str) -> String {
    let mut segments = path.trim_start_matches('/').split('/');
    let first = segments.next().unwrap_or("");
    let seg = if Locale::from_prefix(first).is_some() {
        segments.next().unwrap_or("")
    } else {
        first
    };
    const KNOWN: &[&str] = &[
        "",
        "api",
        "healthz",
        "organisations",
        "people",
        "alliance",
        "memberships",
        "designations",
        "audit",
        "login",
        "logout",
        "admin",
        "positions",
    ];
    if KNOWN.contains(&seg) {
        if seg.is_empty() {
            "home".into()
        } else {
            seg.into()
        }
    } else {
        "other".into()
    }
}

impl Metrics {
    fn observe(&self, area: String, method: String, status: u16, seconds: f64) {
        if let Ok(mut r) = self.requests.lock() {
            *r.entry((area.clone(), method, status)).or_default() += 1;
        }
        if let Ok(mut l) = self.latency.lock() {
            let h = l.entry(area).or_default();
            for (i, le) in BUCKETS.iter().enumerate() {
                if seconds <= *le {
                    h.counts[i] += 1;
                }
            }
            h.sum += seconds;
            h.count += 1;
        }
    }

    /// The metrics in Prometheus' text exposition format.
    pub fn render(&self) -> String {
        let mut out = String::new();
        out.push_str("# HELP baylink_http_requests_total HTTP requests answered.\n# TYPE baylink_http_requests_total counter\n");
        if let Ok(r) = self.requests.lock() {
            for ((area, method, status), n) in r.iter() {
                let _ = writeln!(
                    out,
                    "baylink_http_requests_total{{area=\"{area}\",method=\"{method}\",status=\"{status}\"}} {n}"
                );
            }
        }
        out.push_str("# HELP baylink_http_request_duration_seconds Time to answer.\n# TYPE baylink_http_request_duration_seconds histogram\n");
        if let Ok(l) = self.latency.lock() {
            for (area, h) in l.iter() {
                for (i, le) in BUCKETS.iter().enumerate() {
                    let _ = writeln!(
                        out,
                        "baylink_http_request_duration_seconds_bucket{{area=\"{area}\",le=\"{le}\"}} {}",
                        h.counts[i]
                    );
                }
                let _ = writeln!(
                    out,
                    "baylink_http_request_duration_seconds_bucket{{area=\"{area}\",le=\"+Inf\"}} {}",
                    h.count
                );
                let _ = writeln!(
                    out,
                    "baylink_http_request_duration_seconds_sum{{area=\"{area}\"}} {}",
                    h.sum
                );
                let _ = writeln!(
                    out,
                    "baylink_http_request_duration_seconds_count{{area=\"{area}\"}} {}",
                    h.count
                );
            }
        }
        out
    }
}

/// Times every request.
pub async fn track(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let area = area(req.uri().path());
    let method = req.method().as_str().to_owned();
    let response = next.run(req).await;
    state.metrics.observe(
        area,
        method,
        response.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    response
}

/// `GET /metrics` on the metrics listener.
pub async fn render(State(state): State<AppState>) -> impl IntoResponse {
    let mut body = state.metrics.render();
    body.push_str(&crate::views::outbox::metrics(&state).await);
    ([("content-type", "text/plain; version=0.0.4")], body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_are_bounded() {
        assert_eq!(area("/zh-Hant/organisations/3"), "organisations");
        assert_eq!(area("/en/"), "home");
        assert_eq!(area("/api/v1/people"), "api");
        assert_eq!(area("/wp-admin.php"), "other");
    }

    #[test]
    fn render_has_counts_and_buckets() {
        let m = Metrics::default();
        m.observe("home".into(), "GET".into(), 200, 0.002);
        let text = m.render();
        assert!(text.contains(
            "baylink_http_requests_total{area=\"home\",method=\"GET\",status=\"200\"} 1"
        ));
        assert!(text.contains("le=\"0.0025\"} 1"));
        assert!(text.contains("le=\"0.001\"} 0"));
    }
}
