//! The web application's end-to-end test (`e2e/app.test.js`) in Debian's
//! Chromium, run with this build's `seisai` binary. Without Chromium, Node.js
//! or `e2e/node_modules` (`npm ci --prefix e2e`) it prints SKIPPED, unless
//! `SEISAI_REQUIRE_E2E=1`, when it fails instead.

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_seisai");

fn chromium() -> PathBuf {
    std::env::var_os("SEISAI_CHROMIUM").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

/// What is missing to run the browser test, if anything.
fn missing(root: &Path) -> Option<String> {
    if !chromium().exists() {
        return Some(format!("{} not found (apt-get install chromium chromium-driver)", chromium().display()));
    }
    if !root.join("e2e/node_modules/playwright-core").is_dir() {
        return Some("e2e/node_modules not installed (npm ci --prefix e2e)".into());
    }
    if Command::new("node").arg("--version").output().map(|o| !o.status.success()).unwrap_or(true) {
        return Some("node not found".into());
    }
    None
}

#[test]
fn web_application_in_chromium() {
    let root = seisai_model::testdata::workspace_root();
    let required = std::env::var("SEISAI_REQUIRE_E2E").is_ok_and(|v| v == "1");
    if let Some(why) = missing(&root) {
        assert!(!required, "SEISAI_REQUIRE_E2E=1 but the browser test cannot run: {why}");
        println!("SKIPPED web_application_in_chromium: {why}");
        return;
    }
    let Some(data) = seisai_model::testdata::dir("the web application's browser test") else {
        assert!(!required, "SEISAI_REQUIRE_E2E=1 but the real list data is missing (set SEISAI_TEST_DATA)");
        println!("SKIPPED web_application_in_chromium: no list data");
        return;
    };
    let out = Command::new("node")
        .args(["--test", "--test-reporter=spec", "e2e/app.test.js"])
        .current_dir(&root)
        .env("SEISAI_BIN", BIN)
        .env("SEISAI_TEST_DATA", &data)
        .output();
    let out = match out {
        Ok(o) => o,
        Err(e) => panic!("cannot run node: {e}"),
    };
    let report = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    println!("{report}");
    assert!(out.status.success(), "the browser test failed (artefacts in e2e/artefacts):\n{report}");
}
