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
        ((entity << self.form_bits) | usize::from(self.form_number(form))) as u32
    }

    /// The form number a posting of form `form` holds: the form's, up to
    /// [`MAX_FORM`] (later forms share it), 0 when postings hold none.
    pub(crate) fn form_number(self, form: usize) -> u8 {
        if self.form_bits == 0 { 0 } else { u8::try_from(form.min(MAX_FORM)).unwrap_or(u8::MAX) }
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

/// The postings of one entity, kept compact from their making to the
/// build of the index's postings, when every entity's are alive at once:
/// each distinct key of its forms with the form number its posting holds
/// (a byte: [`MAX_FORM`] is 255), in (key, form) order: 9 bytes a
/// posting, where (key, posting) pairs took 16, 68 MB at the build's peak
/// with every list of `../shared/data` (BENCHMARKS.md, session 19).
pub(crate) struct EntityPostings {
    keys: Box<[u64]>,
    forms: Box<[u8]>,
}

impl EntityPostings {
    /// Its (key, posting) pairs, for entity number `entity`.
    pub(crate) fn pairs(&self, entity: usize, packing: Packing) -> impl Iterator<Item = (u64, u32)> + '_ {
        let forms = self.forms.iter().map(move |&f| packing.pack(entity, usize::from(f)));
        self.keys.iter().copied().zip(forms)
    }
}

/// The postings of an entity: each distinct (key, posting) of its forms,
/// with their slip keys (made here rather than kept with each form: only
/// the postings need them); [`EntityPostings::pairs`] gives them for the
/// entity's number.
pub(crate) fn entity_postings(p: &Prepared, packing: Packing) -> EntityPostings {
    let forms = p.names.iter().flat_map(|n| n.forms.iter());
    let mut pairs: Vec<(u64, u8)> = Vec::new();
    let mut slips = Vec::new();
    for (f, form) in forms.enumerate() {
        let number = packing.form_number(f);
        slips.clear();
        keys::listed_slip_keys(form, &mut slips);
        pairs.extend(form.keys.iter().chain(slips.iter()).map(|&k| (k, number)));
    }
    pairs.sort_unstable();
    pairs.dedup();
    EntityPostings { keys: pairs.iter().map(|&(k, _)| k).collect(), forms: pairs.iter().map(|&(_, f)| f).collect() }
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

#[cfg(test)]
mod tests {
    use super::*;
    use seisai_matching::NameContext;
    use seisai_model::{Entity, Schema, props};

    /// The (key, posting) pairs of entity number `entity` as defined: every
    /// key of every form, with the slip keys, at the form's posting.
    fn defined_pairs(entity: usize, p: &Prepared, packing: Packing) -> Vec<(u64, u32)> {
        let mut pairs = std::collections::BTreeSet::new();
        for (f, form) in p.names.iter().flat_map(|n| n.forms.iter()).enumerate() {
            let mut slips = Vec::new();
            keys::listed_slip_keys(form, &mut slips);
            pairs.extend(form.keys.iter().chain(&slips).map(|&k| (k, packing.pack(entity, f))));
        }
        pairs.into_iter().collect()
    }

    #[test]
    fn compact_postings_are_the_pairs_of_every_form() {
        // More forms than a posting tells apart: the later ones share the
        // last form number, and their pairs are not repeated.
        let mut e = Entity::new("t", "1", Schema::Person);
        for i in 0..300 {
            e.add(props::NAME, format!("Wolfgang Amadeus Mozartiano {i}"));
        }
        let ctx = NameContext::without_dictionaries();
        let p = Prepared::from_entity(&e, &ctx);
        assert!(p.names.iter().map(|n| n.forms.len()).sum::<usize>() > MAX_FORM + 1);
        for packing in [Packing::for_entities(10), Packing::for_entities(MAX_ENTITIES_WITH_FORMS)] {
            let compact: Vec<(u64, u32)> = entity_postings(&p, packing).pairs(7, packing).collect();
            assert_eq!(compact, defined_pairs(7, &p, packing));
        }
    }
}
