//! What a candidate lookup has found so far: for each listed entity it
//! met, per name form, the lookup weight gathered for the query form
//! being looked up and the set of query forms that share a key with it.
//! A table indexed by entity number says where an entity is among those
//! met, so a posting costs a few array reads instead of hashing; each form
//! knows its entity and its number of parts, so ending a query form reads
//! nothing else.

use std::cell::RefCell;

use crate::keys::Packing;
use crate::parts::FormParts;

/// The lookup weight a listed form has gathered for one query form.
#[derive(Clone, Copy, Default)]
pub(crate) struct Found {
    /// The summed weights.
    pub(crate) weight: f32,
    /// The query tokens already credited (see `seisai_matching::keys::token_bit`).
    pub(crate) tokens: u32,
}

/// A key a lookup credits: the query tokens it belongs to and its weight.
#[derive(Clone, Copy)]
pub(crate) struct KeyCredit {
    tokens: u32,
    weight: f32,
    /// What crediting all its tokens adds: computed once per key, by the
    /// same operations as [`Found::credit`] computes the credit of some
    /// of them (so the sums are the same to the last bit).
    whole: f32,
}

impl KeyCredit {
    /// The key of query `tokens` and weight `weight`.
    pub(crate) fn new(tokens: u32, weight: f32) -> Self {
        let n = tokens.count_ones() as f32;
        KeyCredit { tokens, weight, whole: weight * n / n }
    }
}

impl Found {
    /// Credits the query tokens of a shared key, each token once (keys
    /// come rarest first, so a token earns its best key): the key's weight
    /// shared among its tokens.
    #[inline]
    fn credit(&mut self, key: KeyCredit) {
        let new = key.tokens & !self.tokens;
        if new != 0 {
            self.weight += if new == key.tokens { key.whole } else { key.weight * new.count_ones() as f32 / key.tokens.count_ones() as f32 };
            self.tokens |= new;
        }
    }
}

/// One name form of a listed entity met by the lookup. The slots of an
/// entity's forms are set aside when the entity is met but written only
/// when a posting credits them (most forms of an entity of many aliases
/// share no key with the query): a slot is this lookup's only if its
/// `stamp` is, and stale otherwise.
#[derive(Clone, Copy, Default)]
// (Aligned: a slot never straddles two cache lines.)
#[repr(align(32))]
struct FormFound {
    /// Its weight for the query form of stamp `stamp` (stale for another).
    found: Found,
    /// The query forms it shares a key looked up in full with (bit `i` for form `i`).
    shares: u64,
    /// The stamp of the last query form that credited it (see [`Lookup::stamp`]).
    stamp: u32,
    /// Its posting.
    posting: u32,
    /// Its entity's place in [`Lookup::entities`].
    entity_at: u32,
    /// The number of its parts (tokens).
    parts: u32,
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

/// Where a listed entity met by the lookup is: its place in
/// [`Lookup::entities`] and where its form slots start in
/// [`Lookup::forms`], side by side so that a posting's form slot is found
/// with one read of the table.
#[derive(Clone, Copy, Default)]
struct Met {
    /// 1 + its place in `entities` (0: not met).
    entity: u32,
    /// Where its forms start in `forms`.
    start: u32,
}

/// The state of one candidate lookup (reused by the lookups of a thread).
#[derive(Default)]
pub(crate) struct Lookup {
    /// Entity number → where it is if met.
    entity_at: Vec<Met>,
    entities: Vec<EntityFound>,
    /// The form slots, kept between lookups (see [`FormFound`]); this
    /// lookup's are the first `used`.
    forms: Vec<FormFound>,
    used: usize,
    /// The forms found for the current query form.
    touched: Vec<u32>,
    /// The current query form.
    query_form: usize,
    /// A number given to each query form looked up, growing from lookup
    /// to lookup: the current one's, and that of this lookup's first
    /// (slots stamped before it are stale).
    stamp: u32,
    first_stamp: u32,
}

/// How many postings ahead [`Lookup::credit_list`] fetches the table entry.
const PREFETCH_DISTANCE: usize = 16;

/// Asks the processor to fetch `table[i]` into the cache (a hint only:
/// nothing is read, and an index out of range does nothing).
#[inline]
pub(crate) fn prefetch<T>(table: &[T], i: usize) {
    #[cfg(target_arch = "x86_64")]
    if let Some(entry) = table.get(i) {
        // SAFETY: a prefetch reads and writes nothing (it cannot fault, and
        // the address is that of a live element); SSE, which it needs, is
        // part of every x86-64 processor.
        unsafe { std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>((entry as *const T).cast()) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (table, i);
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
            if let Some(s) = self.entity_at.get_mut(e.entity as usize) {
                *s = Met::default();
            }
        }
        if self.entity_at.len() < entities {
            self.entity_at.resize(entities, Met::default());
        }
        // Far from running out of stamps: this lookup's are above every
        // slot's. Otherwise every slot becomes stale and stamps restart.
        if self.stamp > u32::MAX / 2 {
            self.forms.iter_mut().for_each(|f| f.stamp = 0);
            self.stamp = 0;
        }
        self.first_stamp = self.stamp + 1;
        self.used = 0;
        self.touched.clear();
    }

    /// Starts the lookup of query form `i`.
    pub(crate) fn start_query_form(&mut self, i: usize) {
        self.query_form = i;
        self.stamp += 1;
        self.touched.clear();
    }

    /// The bit of the current query form in a set of query forms (0 past the 64th).
    fn query_bit(&self) -> u64 {
        if self.query_form < 64 { 1 << self.query_form } else { 0 }
    }

    /// Where an entity is, if met.
    #[inline]
    fn met_entity(&self, entity: u32) -> Option<Met> {
        self.entity_at.get(entity as usize).copied().filter(|m| m.entity != 0)
    }

    /// Where a posting's entity is, if met.
    #[inline]
    fn met(&self, posting: u32, packing: Packing) -> Option<Met> {
        self.met_entity(packing.entity(posting))
    }

    /// The place in `forms` of a posting's form, if its entity was met.
    #[inline]
    fn form_of(&self, posting: u32, packing: Packing) -> Option<usize> {
        // (A posting's form number is below its entity's slots: see `Packing`.)
        self.met(posting, packing).map(|m| m.start as usize + packing.form(posting) as usize)
    }

    /// The places in `entities` and in `forms` of a posting's entity and
    /// form, meeting the entity if new (`slots`: how many form numbers
    /// the entity's postings hold).
    #[inline]
    fn form_or_insert(&mut self, posting: u32, packing: Packing, slots: impl FnOnce(u32) -> usize) -> (usize, usize) {
        let form = packing.form(posting) as usize;
        if let Some(m) = self.met(posting, packing) {
            return (m.entity as usize - 1, m.start as usize + form);
        }
        let entity = packing.entity(posting);
        let slots = slots(entity);
        let start = self.used;
        self.used += slots;
        if self.forms.len() < self.used {
            self.forms.resize(self.used, FormFound::default());
        }
        let at = self.entities.len();
        self.entities.push(EntityFound { entity, start: start as u32, slots: slots as u32, best: f32::MIN });
        if let Some(s) = self.entity_at.get_mut(entity as usize) {
            *s = Met { entity: at as u32 + 1, start: start as u32 };
        }
        // (As in `form_of`: a posting's form number is below its entity's slots.)
        (at, start + form)
    }

    /// Credits `key` of the current query form (of bit `bit`) to a
    /// posting (met if new).
    #[inline]
    fn credit(&mut self, posting: u32, key: KeyCredit, bit: u64, packing: Packing, parts: &FormParts) {
        let (entity_at, at) = self.form_or_insert(posting, packing, |e| packing.form_slots(parts.forms(e)));
        let (stamp, first_stamp) = (self.stamp, self.first_stamp);
        let Some(form) = self.forms.get_mut(at) else { return };
        if form.stamp != stamp {
            if form.stamp < first_stamp {
                // First met by this lookup.
                let slot = packing.form(posting) as usize;
                let parts = parts.entity(packing.entity(posting)).get(slot).copied().unwrap_or(0);
                *form = FormFound { entity_at: entity_at as u32, parts: parts as u32, ..FormFound::default() };
            }
            form.stamp = stamp;
            form.found = Found::default();
            form.posting = posting;
            self.touched.push(at as u32);
        }
        form.found.credit(key);
        form.shares |= bit;
    }

    /// Asks the processor for what crediting `posting` will read: the
    /// slot of its form if its entity was met, the counts of its entity's
    /// parts otherwise (a hint; the table entries, asked for earlier, are
    /// read).
    #[inline]
    fn prefetch_slot(&self, posting: u32, packing: Packing, parts: &FormParts) {
        match self.form_of(posting, packing) {
            Some(at) => prefetch(&self.forms, at),
            None => parts.prefetch_counts(packing.entity(posting)),
        }
    }

    /// Asks the processor for the first postings of `list` (a hint):
    /// asked for every list of a query form before the first is walked,
    /// they arrive while the others are.
    pub(crate) fn prefetch_list(list: &[u32]) {
        for i in (0..list.len().min(32)).step_by(16) {
            prefetch(list, i);
        }
    }

    /// [`Lookup::credit`] of each posting of `list` whose entity is
    /// `admitted`. What a posting reads is fetched early, in two steps:
    /// the table entries of its entity [`PREFETCH_DISTANCE`] postings
    /// ahead, then what they point to half as far ahead. Postings of a
    /// rare key lie far apart in the tables, and waiting for each read
    /// was most of the lookup's time.
    pub(crate) fn credit_list(
        &mut self,
        list: &[u32],
        tokens: u32,
        weight: f32,
        packing: Packing,
        admitted: impl Fn(u32) -> bool,
        parts: &FormParts,
    ) {
        let (key, bit) = (KeyCredit::new(tokens, weight), self.query_bit());
        for (i, &p) in list.iter().enumerate() {
            if let Some(&ahead) = list.get(i + PREFETCH_DISTANCE) {
                prefetch(&self.entity_at, packing.entity(ahead) as usize);
                parts.prefetch_start(packing.entity(ahead));
            }
            if let Some(&ahead) = list.get(i + PREFETCH_DISTANCE / 2) {
                self.prefetch_slot(ahead, packing, parts);
            }
            if admitted(packing.entity(p)) {
                self.credit(p, key, bit, packing, parts);
            }
        }
    }

    /// Whether no form was found for the current query form.
    pub(crate) fn nothing_found(&self) -> bool {
        self.touched.is_empty()
    }

    /// Credits a common key to the postings found for the current query
    /// form that are in `list` (sorted): by walking those or searching
    /// `list`, whichever is fewer steps.
    pub(crate) fn credit_found(&mut self, list: &[u32], tokens: u32, weight: f32, packing: Packing) {
        let key = KeyCredit::new(tokens, weight);
        let searches = self.touched.len() * (usize::BITS - list.len().leading_zeros()) as usize;
        if searches < list.len() {
            for &at in &self.touched {
                let form = &mut self.forms[at as usize];
                if list.binary_search(&form.posting).is_ok() {
                    form.found.credit(key);
                }
            }
        } else {
            for &p in list {
                if let Some(form) = self.form_of(p, packing).and_then(|at| self.forms.get_mut(at)) {
                    if form.stamp == self.stamp {
                        form.found.credit(key);
                    }
                }
            }
        }
    }

    /// Ends the current query form: each entity's best weight becomes the
    /// larger of itself and `weight` of each of its forms found (given
    /// what it gathered and the form's number of parts).
    pub(crate) fn end_query_form(&mut self, mut weight: impl FnMut(Found, u32) -> f32) {
        for &at in &self.touched {
            let Some(form) = self.forms.get(at as usize) else { continue };
            let w = weight(form.found, form.parts);
            if let Some(e) = self.entities.get_mut(form.entity_at as usize) {
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
        let e = self.entities.get(self.met_entity(entity)?.entity as usize - 1)?;
        let forms = self.forms.get(e.start as usize..(e.start + e.slots) as usize)?;
        let first_stamp = self.first_stamp;
        Some(forms.iter().map(move |f| if f.stamp >= first_stamp { f.shares } else { 0 }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The forms of entity 0 (forms 0 and 1, of 2 and 3 parts) crediting
    /// postings `forms` with the first query form, and the shares found.
    fn shares_after(lookup: &mut Lookup, forms: &[u32]) -> Vec<u64> {
        let packing = Packing::for_entities(1);
        let parts = FormParts::from_counts(vec![2, 3], vec![0]);
        lookup.reset(1);
        lookup.start_query_form(0);
        let list: Vec<u32> = forms.iter().map(|&f| packing.pack(0, f as usize)).collect();
        lookup.credit_list(&list, 1, 1.0, packing, |_| true, &parts);
        let shares = lookup.shares(0).map(|s| s.collect()).unwrap_or_default();
        lookup.reset(0);
        shares
    }

    #[test]
    fn a_key_credits_what_its_weight_shared_among_its_tokens_gives_to_the_last_bit() {
        for tokens in 1..64u32 {
            for credited in 0..64u32 {
                for weight in [0.1f32, 0.37, 1.0, 1.7, 3.3, 9.91] {
                    let mut found = Found { weight: 0.25, tokens: credited };
                    found.credit(KeyCredit::new(tokens, weight));
                    // The credit as it was worked out for every posting.
                    let new = tokens & !credited;
                    let mut expected = 0.25f32;
                    if new != 0 {
                        expected += weight * new.count_ones() as f32 / tokens.count_ones() as f32;
                    }
                    assert_eq!(found.weight.to_bits(), expected.to_bits(), "{tokens:b} after {credited:b}, weight {weight}");
                    assert_eq!(found.tokens, credited | tokens);
                }
            }
        }
    }

    #[test]
    fn slots_of_an_earlier_lookup_are_stale_even_when_stamps_restart() {
        let mut lookup = Lookup::default();
        assert_eq!(shares_after(&mut lookup, &[0, 1]), [1, 1]);
        assert_eq!(shares_after(&mut lookup, &[1]), [0, 1]);
        lookup.stamp = u32::MAX / 2 + 1;
        assert_eq!(shares_after(&mut lookup, &[0]), [1, 0]);
        assert_eq!(lookup.stamp, 1, "stamps restarted");
        assert_eq!(shares_after(&mut lookup, &[1]), [0, 1]);
    }
}
