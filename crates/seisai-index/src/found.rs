//! What a candidate lookup has found so far: for each listed entity it
//! met, per name form, the lookup weight gathered for the query form
//! being looked up and the set of query forms that share a key with it.
//! Entities are reached through a table indexed by entity number, so a
//! posting costs two array reads instead of hashing.

use std::cell::RefCell;

use crate::keys::Packing;

/// The lookup weight a listed form has gathered for one query form.
#[derive(Clone, Copy, Default)]
pub(crate) struct Found {
    /// The summed weights.
    pub(crate) weight: f32,
    /// The query tokens already credited (see `seisai_matching::keys::token_bit`).
    pub(crate) tokens: u32,
}

impl Found {
    /// Credits the query `tokens` of a shared key of weight `w`, each
    /// token once (keys come rarest first, so a token earns its best key).
    fn credit(&mut self, tokens: u32, w: f32) {
        let new = tokens & !self.tokens;
        if new != 0 {
            self.weight += w * new.count_ones() as f32 / tokens.count_ones() as f32;
            self.tokens |= new;
        }
    }
}

/// One name form of a listed entity met by the lookup.
#[derive(Clone, Copy)]
struct FormFound {
    /// Its weight for the query form `query_form` (stale for another).
    found: Found,
    /// The query form `found` belongs to, plus one (0: none yet).
    query_form: u32,
    /// Its posting.
    posting: u32,
    /// The query forms it shares a key looked up in full with (bit `i` for form `i`).
    shares: u64,
}

/// A listed entity met by the lookup.
#[derive(Clone, Copy)]
struct EntityFound {
    entity: u32,
    /// Where its forms start in [`Lookup::forms`].
    start: u32,
    /// How many form numbers its postings hold.
    slots: u32,
    /// The weight of its best form so far.
    best: f32,
}

/// The state of one candidate lookup (reused by the lookups of a thread).
#[derive(Default)]
pub(crate) struct Lookup {
    /// Entity number → 1 + its place in `entities` (0: not met).
    slot_of: Vec<u32>,
    entities: Vec<EntityFound>,
    forms: Vec<FormFound>,
    /// The forms found for the current query form.
    touched: Vec<u32>,
    /// The current query form plus one.
    query_form: u32,
}

thread_local! {
    /// The lookup state of a thread, reused by its searches.
    static LOOKUP: RefCell<Lookup> = RefCell::new(Lookup::default());
}

impl Lookup {
    /// `f` of an empty lookup state for an index of `entities` entities
    /// (the thread's, unless it is in use).
    pub(crate) fn with<R>(entities: usize, f: impl FnOnce(&mut Lookup) -> R) -> R {
        seisai_matching::reuse::with_buffer(&LOOKUP, |lookup| {
            lookup.reset(entities);
            let out = f(lookup);
            // Left clean for the next search, so `reset` touches little.
            lookup.reset(0);
            out
        })
    }

    /// Forgets every entity met; the table covers `entities` entities.
    fn reset(&mut self, entities: usize) {
        for e in self.entities.drain(..) {
            if let Some(s) = self.slot_of.get_mut(e.entity as usize) {
                *s = 0;
            }
        }
        if self.slot_of.len() < entities {
            self.slot_of.resize(entities, 0);
        }
        self.forms.clear();
        self.touched.clear();
        self.query_form = 0;
    }

    /// Starts the lookup of query form `i`.
    pub(crate) fn start_query_form(&mut self, i: usize) {
        self.query_form = u32::try_from(i + 1).unwrap_or(u32::MAX);
        self.touched.clear();
    }

    /// The bit of the current query form in a set of query forms (0 past the 64th).
    fn query_bit(&self) -> u64 {
        let i = self.query_form.saturating_sub(1);
        if i < 64 { 1 << i } else { 0 }
    }

    /// The place in `forms` of a posting's form, if its entity was met.
    fn form_of(&self, posting: u32, packing: Packing) -> Option<usize> {
        let slot = *self.slot_of.get(packing.entity(posting) as usize)?;
        let e = self.entities.get(slot.checked_sub(1)? as usize)?;
        Some(e.start as usize + (packing.form(posting) as usize).min(e.slots as usize - 1))
    }

    /// The place in `forms` of a posting's form, meeting its entity of
    /// `forms` name forms if new.
    fn form_or_insert(&mut self, posting: u32, packing: Packing, forms: impl FnOnce(u32) -> usize) -> usize {
        if let Some(at) = self.form_of(posting, packing) {
            return at;
        }
        let entity = packing.entity(posting);
        let slots = packing.form_slots(forms(entity));
        let start = self.forms.len();
        let blank = FormFound { found: Found::default(), query_form: 0, posting: 0, shares: 0 };
        self.forms.resize(start + slots, blank);
        self.entities.push(EntityFound { entity, start: start as u32, slots: slots as u32, best: f32::MIN });
        if let Some(s) = self.slot_of.get_mut(entity as usize) {
            *s = self.entities.len() as u32;
        }
        start + (packing.form(posting) as usize).min(slots - 1)
    }

    /// Credits a key of the current query form to a posting (met if new;
    /// `forms` gives the number of name forms of an entity).
    pub(crate) fn credit(&mut self, posting: u32, tokens: u32, weight: f32, packing: Packing, forms: impl FnOnce(u32) -> usize) {
        let at = self.form_or_insert(posting, packing, forms);
        let (query_form, bit) = (self.query_form, self.query_bit());
        let form = &mut self.forms[at];
        if form.query_form != query_form {
            form.query_form = query_form;
            form.found = Found::default();
            form.posting = posting;
            self.touched.push(at as u32);
        }
        form.found.credit(tokens, weight);
        form.shares |= bit;
    }

    /// Whether no form was found for the current query form.
    pub(crate) fn nothing_found(&self) -> bool {
        self.touched.is_empty()
    }

    /// Credits a common key to the postings found for the current query
    /// form that are in `list` (sorted): by walking those or searching
    /// `list`, whichever is fewer steps.
    pub(crate) fn credit_found(&mut self, list: &[u32], tokens: u32, weight: f32, packing: Packing) {
        let searches = self.touched.len() * (usize::BITS - list.len().leading_zeros()) as usize;
        if searches < list.len() {
            for &at in &self.touched {
                let form = &mut self.forms[at as usize];
                if list.binary_search(&form.posting).is_ok() {
                    form.found.credit(tokens, weight);
                }
            }
        } else {
            for &p in list {
                if let Some(at) = self.form_of(p, packing) {
                    let form = &mut self.forms[at];
                    if form.query_form == self.query_form {
                        form.found.credit(tokens, weight);
                    }
                }
            }
        }
    }

    /// Ends the current query form: each entity's best weight becomes the
    /// larger of itself and `weight` of each of its forms found (given
    /// the posting and what it gathered).
    pub(crate) fn end_query_form(&mut self, packing: Packing, mut weight: impl FnMut(u32, Found) -> f32) {
        for &at in &self.touched {
            let form = self.forms[at as usize];
            let w = weight(form.posting, form.found);
            let slot = self.slot_of.get(packing.entity(form.posting) as usize).copied().unwrap_or(0);
            if let Some(e) = slot.checked_sub(1).and_then(|s| self.entities.get_mut(s as usize)) {
                e.best = e.best.max(w);
            }
        }
        self.touched.clear();
    }

    /// Every entity met with its best weight.
    pub(crate) fn best(&self) -> impl Iterator<Item = (u32, f32)> + '_ {
        self.entities.iter().map(|e| (e.entity, e.best))
    }

    /// Per form of `entity` (at most `slots`), the query forms sharing a
    /// key walked in full with it; `None` if the entity was not met.
    pub(crate) fn shares(&self, entity: u32) -> Option<impl Iterator<Item = u64> + '_> {
        let slot = self.slot_of.get(entity as usize)?.checked_sub(1)?;
        let e = self.entities.get(slot as usize)?;
        let forms = self.forms.get(e.start as usize..(e.start + e.slots) as usize)?;
        Some(forms.iter().map(|f| f.shares))
    }
}
