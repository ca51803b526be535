//! The lookup keys of an entity (see `seisai_matching::keys`) and the
//! postings that point from a key to the name forms that have it.

use seisai_matching::keys;
use seisai_matching::score::Prepared;

/// Bits of a posting that hold the form number; the others hold the entity.
pub(crate) const FORM_BITS: u32 = 8;
/// The largest form number a posting holds (later forms share it).
const MAX_FORM: usize = (1 << FORM_BITS) - 1;
/// The most entities an index can address with a form number in each
/// posting; beyond, postings point to entities only.
pub(crate) const MAX_ENTITIES_WITH_FORMS: usize = 1 << (32 - FORM_BITS);

/// How postings are packed: entity and form number, or entity alone for
/// indexes too large to hold both in 32 bits.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Packing {
    form_bits: u32,
}

impl Packing {
    /// The packing for an index of `entities` entities.
    pub(crate) fn for_entities(entities: usize) -> Self {
        Packing { form_bits: if entities < MAX_ENTITIES_WITH_FORMS { FORM_BITS } else { 0 } }
    }

    /// The posting of form `form` of entity `entity`.
    pub(crate) fn pack(self, entity: usize, form: usize) -> u32 {
        let form = if self.form_bits == 0 { 0 } else { form.min(MAX_FORM) };
        ((entity << self.form_bits) | form) as u32
    }

    /// The form number of a posting (0 when postings hold no form).
    pub(crate) fn form(self, posting: u32) -> u32 {
        posting & ((1 << self.form_bits) - 1)
    }

    /// The entity a posting points to.
    pub(crate) fn entity(self, posting: u32) -> u32 {
        posting >> self.form_bits
    }

    /// The number of distinct form numbers the postings of an entity of
    /// `forms` name forms hold (at least 1).
    pub(crate) fn form_slots(self, forms: usize) -> usize {
        if self.form_bits == 0 { 1 } else { forms.clamp(1, MAX_FORM + 1) }
    }

    /// Whether the postings of an entity of `forms` name forms tell every
    /// form apart (no form number shared).
    pub(crate) fn tells_forms_apart(self, forms: usize) -> bool {
        self.form_bits != 0 && forms <= MAX_FORM + 1
    }
}

/// The postings of one entity: each distinct (key, posting) of its forms,
/// with their slip keys (made here rather than kept with each form: only
/// the postings need them).
pub(crate) fn entity_postings(entity: usize, p: &Prepared, packing: Packing) -> Vec<(u64, u32)> {
    let forms = p.names.iter().flat_map(|n| n.forms.iter());
    let mut out: Vec<(u64, u32)> = Vec::new();
    let mut slips = Vec::new();
    for (f, form) in forms.enumerate() {
        let posting = packing.pack(entity, f);
        slips.clear();
        keys::listed_slip_keys(form, &mut slips);
        out.extend(form.keys.iter().chain(slips.iter()).map(|&k| (k, posting)));
    }
    out.sort_unstable();
    out.dedup();
    // Every entity's list is alive until the postings are built: without
    // the room it grew, the build's peak memory is ~23 MB lower.
    out.shrink_to_fit();
    out
}

/// All distinct keys a search for entity `p` may look up, sorted: those of
/// its forms and the slip keys of every word (a search looks these up only
/// for words the index does not have, see `Index::look_up`).
pub(crate) fn entity_keys(p: &Prepared) -> Vec<u64> {
    let mut slips = Vec::new();
    for form in p.names.iter().flat_map(|n| n.forms.iter()) {
        for (i, t) in form.tokens.iter().enumerate() {
            keys::query_slip_keys(t, keys::token_bit(i), &mut slips);
        }
    }
    let forms = p.names.iter().flat_map(|n| n.forms.iter()).flat_map(|f| f.keys.iter().copied());
    let mut ks: Vec<u64> = forms.chain(slips.iter().map(|&(k, _)| k)).collect();
    ks.sort_unstable();
    ks.dedup();
    ks
}
