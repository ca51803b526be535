//! Fuzz target: decoding of the service's request bodies and query
//! strings (`/match`, `/screen/party`) never panics. The input's first
//! line is the query string, the rest the body; the decoded party is also
//! turned into the measures engine's party document.
#![no_main]

use libfuzzer_sys::fuzz_target;
use seisai_server::api::common::Params;
use seisai_server::api::{matching, measures};

fuzz_target!(|data: &[u8]| {
    let (query, body) = match data.iter().position(|&b| b == b'\n') {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (&data[..0], data),
    };
    if let Ok(query) = std::str::from_utf8(query) {
        let params = Params::parse(Some(query));
        let _ = params.count("limit", 5, 500);
        let _ = params.score("threshold");
        let _ = params.date("changed_since");
        let _ = params.all("include_dataset");
        let _ = measures::as_of_param(Some(query));
    }
    if let Ok(decoded) = matching::decode_match(body) {
        assert!(decoded.queries.len() <= matching::MAX_QUERIES);
    }
    if let Ok((request, entity)) = matching::decode_party(body) {
        let _ = measures::party_document(&entity, request.ownership);
    }
});
