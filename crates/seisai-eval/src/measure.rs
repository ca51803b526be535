//! Small helpers of the benchmark examples: memory figures and percentiles.

/// A memory figure of `/proc/self/status` in MB (`VmHWM:` peak resident,
/// `VmRSS:` current resident); 0 where it cannot be read.
pub fn status_mb(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with(field)).map(str::to_string))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse::<f64>().ok()))
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

/// The `p` quantile (0–1) of sorted values, 0 for none.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let at = ((sorted.len() - 1) as f64 * p.clamp(0.0, 1.0)).round() as usize;
    sorted.get(at).copied().unwrap_or(0.0)
}
