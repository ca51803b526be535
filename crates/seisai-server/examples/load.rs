//! Load generator for `/match`: N keep-alive connections over loopback for
//! a bounded time, single-query requests cycling through a few names;
//! prints requests/s and latency percentiles.
//!
//!     cargo run --release -p seisai-server --example load -- \
//!         http://127.0.0.1:8000 [CONNECTIONS=8] [SECONDS=10] [API_KEY]

use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

const NAMES: &[&str] = &[
    "Vladimir Putin",
    "Kim Jong Un",
    "Aleksandr Lukashenko",
    "Maria Gonzalez",
    "Bank Melli Iran",
    "Rosneft",
    "Tanaka Taro",
    "Ali Khamenei",
];

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let url = args.first().cloned().unwrap_or_else(|| "http://127.0.0.1:8000".into());
    let connections: usize = args.get(1).and_then(|v| v.parse().ok()).unwrap_or(8);
    let seconds: u64 = args.get(2).and_then(|v| v.parse().ok()).unwrap_or(10);
    let key = args.get(3).cloned();
    let host = url.strip_prefix("http://").ok_or("the URL must start with http://")?.trim_end_matches('/').to_string();
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for c in 0..connections {
        let host = host.clone();
        let key = key.clone();
        tasks.push(tokio::spawn(async move { connection(&host, key.as_deref(), c, deadline).await }));
    }
    let started = Instant::now();
    let mut latencies: Vec<Duration> = Vec::new();
    let mut errors = 0usize;
    for t in tasks {
        match t.await? {
            Ok((l, e)) => {
                latencies.extend(l);
                errors += e;
            }
            Err(e) => {
                eprintln!("connection failed: {e}");
                errors += 1;
            }
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort_unstable();
    let pct = |p: f64| -> f64 {
        if latencies.is_empty() {
            return 0.0;
        }
        let i = ((latencies.len() as f64 - 1.0) * p).round() as usize;
        latencies.get(i).map(|d| d.as_secs_f64() * 1000.0).unwrap_or(0.0)
    };
    println!(
        "{} requests in {elapsed:.1} s over {connections} connections: {:.0} req/s, p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms, errors {errors}",
        latencies.len(),
        latencies.len() as f64 / elapsed,
        pct(0.5),
        pct(0.99),
        pct(1.0)
    );
    Ok(())
}

/// One keep-alive connection sending requests until `deadline`.
async fn connection(host: &str, key: Option<&str>, seed: usize, deadline: Instant) -> std::io::Result<(Vec<Duration>, usize)> {
    let stream = TcpStream::connect(host).await?;
    stream.set_nodelay(true)?;
    let (read, mut write) = stream.into_split();
    let mut read = BufReader::new(read);
    let mut latencies = Vec::new();
    let mut errors = 0;
    let mut i = seed;
    let auth = key.map(|k| format!("Authorization: ApiKey {k}\r\n")).unwrap_or_default();
    while Instant::now() < deadline {
        let name = NAMES[i % NAMES.len()];
        i += 1;
        let body = format!(r#"{{"queries": {{"q": {{"schema": "Person", "properties": {{"name": ["{name}"]}}}}}}}}"#);
        let request = format!(
            "POST /match/default HTTP/1.1\r\nHost: {host}\r\n{auth}Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        let sent = Instant::now();
        write.write_all(request.as_bytes()).await?;
        let (status, _len) = read_response(&mut read).await?;
        latencies.push(sent.elapsed());
        if status != 200 {
            errors += 1;
        }
    }
    Ok((latencies, errors))
}

/// Reads one response (status line, headers, Content-Length body).
async fn read_response<R: tokio::io::AsyncBufRead + Unpin>(read: &mut R) -> std::io::Result<(u16, usize)> {
    let mut line = String::new();
    read.read_line(&mut line).await?;
    let status = line.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let mut length = 0usize;
    loop {
        line.clear();
        if read.read_line(&mut line).await? == 0 {
            return Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "connection closed"));
        }
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                length = v.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0u8; length];
    read.read_exact(&mut body).await?;
    Ok((status, length))
}
