//! The lookup keys of an entity (see `seisai_matching::keys`).

use seisai_matching::score::Prepared;

/// All distinct keys of an entity's names.
pub(crate) fn entity_keys(p: &Prepared) -> Vec<u64> {
    let mut ks: Vec<u64> = p.names.iter().flat_map(|n| n.forms.iter()).flat_map(|f| f.keys.iter().copied()).collect();
    ks.sort_unstable();
    ks.dedup();
    ks
}
