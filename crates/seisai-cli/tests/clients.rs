//! Real clients against a live `seisai serve`: OpenSanctions' `yente-client`
//! (PyPI) with OpenRefine reconciliation requests, and schemathesis
//! against `/openapi.json`. Each is skipped (printing SKIPPED) when its
//! Python package is missing, unless `SEISAI_REQUIRE_CLIENTS=1` (set by
//! `.ci/run`), which makes a missing package a failure.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_seisai");

fn clients_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/clients")
}

fn required() -> bool {
    std::env::var("SEISAI_REQUIRE_CLIENTS").is_ok_and(|v| v == "1")
}

/// A server on a free port with the fixture list loaded; killed on drop.
struct Server {
    child: Child,
    base: String,
    _data: tempfile::TempDir,
}

impl Server {
    fn start() -> Server {
        let data = tempfile::tempdir().unwrap_or_else(|e| panic!("temporary directory: {e}"));
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .unwrap_or_else(|e| panic!("no free port: {e}"));
        let fixture = clients_dir().join("fixture.ftm.jsonl");
        let policies = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../policies");
        let child = Command::new(BIN)
            .arg("--data-dir")
            .arg(data.path())
            .args(["serve", "--addr", &format!("127.0.0.1:{port}"), "--open-screening"])
            .arg("--load")
            .arg(format!("testlist={}", fixture.display()))
            .arg("--policies")
            .arg(&policies)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {BIN}: {e}"));
        let server = Server { child, base: format!("http://127.0.0.1:{port}"), _data: data };
        server.wait_ready(port);
        server
    }

    fn wait_ready(&self, port: u16) {
        use std::io::{Read, Write};
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) {
                let _ = s.write_all(b"GET /readyz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
                let mut answer = String::new();
                let _ = s.read_to_string(&mut answer);
                if answer.starts_with("HTTP/1.1 200") {
                    return;
                }
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("the server at {} did not get ready within 60 s", self.base);
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs a Python client program; None when Python or the package is missing (exit status 3).
fn python(args: &[&str]) -> Option<Output> {
    let out = match Command::new("python3").args(args).output() {
        Ok(o) => o,
        Err(e) => {
            skip(&format!("python3 cannot run: {e}"));
            return None;
        }
    };
    if out.status.code() == Some(3) {
        skip(String::from_utf8_lossy(&out.stdout).trim());
        return None;
    }
    Some(out)
}

fn skip(why: &str) {
    assert!(!required(), "SEISAI_REQUIRE_CLIENTS=1 but {why}");
    eprintln!("SKIPPED: {why}");
}

fn report(out: &Output) -> String {
    format!("stdout:\n{}\nstderr:\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// Runs one client program against a fresh server; it must succeed.
fn client_check(script: &str, what: &str) {
    let server = Server::start();
    let script = clients_dir().join(script);
    let Some(out) = python(&[&script.display().to_string(), &server.base]) else { return };
    assert!(out.status.success(), "{what}\n{}", report(&out));
}

#[test]
fn yente_client_and_openrefine_reconciliation() {
    client_check("yente_client_check.py", "yente-client checks failed");
}

#[test]
fn schemathesis_finds_no_server_error() {
    client_check("schemathesis_check.py", "schemathesis found failures");
}
