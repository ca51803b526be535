//! What a candidate lookup has found so far: for each listed entity it
//! met, per name form, the lookup weight gathered for the query form
//! being looked up and the set of query forms that share a key with it.
//! A table indexed by entity number says where an entity's forms are, so
//! a posting costs two array reads instead of hashing; each form knows its
//! entity and its number of parts, so ending a query form reads nothing
//! else.

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
    /// Its entity's place in [`Lookup::entities`].
    entity_at: u32,
    /// The number of its parts (tokens).
    parts: u32,
}

/// A listed entity met by the lookup.
#[derive(Clone, Copy)]
struct EntityFound {
    entity: u32,
    /// How many form numbers its postings hold.
    slots: u32,
    /// The weight of its best form so far.
    best: f32,
}

/// The state of one candidate lookup (reused by the lookups of a thread).
#[derive(Default)]
pub(crate) struct Lookup {
    /// Entity number → 1 + where its forms start in `forms` (0: not met):
    /// a posting's form is found with one read of this table.
    form_start: Vec<u32>,
    entities: Vec<EntityFound>,
    forms: Vec<FormFound>,
    /// The forms found for the current query form.
    touched: Vec<u32>,
    /// The current query form plus one.
    query_form: u32,
}

/// How many postings ahead [`Lookup::credit_list`] fetches the table entry.
const PREFETCH_DISTANCE: usize = 16;

/// Asks the processor to fetch `table[i]` into the cache (a hint only:
/// nothing is read, and an index out of range does nothing).
#[inline]
fn prefetch(table: &[u32], i: usize) {
    #[cfg(target_arch = "x86_64")]
    if let Some(entry) = table.get(i) {
        // SAFETY: a prefetch reads and writes nothing (it cannot fault, and
        // the address is that of a live element); SSE, which it needs, is
        // part of every x86-64 processor.
        unsafe { std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>((entry as *const u32).cast()) };
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
            if let Some(s) = self.form_start.get_mut(e.entity as usize) {
                *s = 0;
            }
        }
        if self.form_start.len() < entities {
            self.form_start.resize(entities, 0);
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
    #[inline]
    fn form_of(&self, posting: u32, packing: Packing) -> Option<usize> {
        let start = self.form_start.get(packing.entity(posting) as usize)?.checked_sub(1)?;
        // (A posting's form number is below its entity's slots: see `Packing`.)
        Some(start as usize + packing.form(posting) as usize)
    }

    /// The place in `forms` of a posting's form, meeting its entity if
    /// new (`parts` gives the number of parts of each of an entity's name
    /// forms, in order).
    #[inline]
    fn form_or_insert<'a>(&mut self, posting: u32, packing: Packing, parts: impl FnOnce(u32) -> &'a [u8]) -> usize {
        if let Some(at) = self.form_of(posting, packing) {
            return at;
        }
        let entity = packing.entity(posting);
        let parts = parts(entity);
        let slots = packing.form_slots(parts.len());
        let start = self.forms.len();
        let entity_at = self.entities.len() as u32;
        self.forms.extend((0..slots).map(|slot| FormFound {
            found: Found::default(),
            query_form: 0,
            posting: 0,
            shares: 0,
            entity_at,
            parts: parts.get(slot).copied().unwrap_or(0) as u32,
        }));
        self.entities.push(EntityFound { entity, slots: slots as u32, best: f32::MIN });
        if let Some(s) = self.form_start.get_mut(entity as usize) {
            *s = start as u32 + 1;
        }
        // (As in `form_of`: a posting's form number is below its entity's slots.)
        start + packing.form(posting) as usize
    }

    /// Credits a key of the current query form to a posting (met if new;
    /// `parts` gives the number of parts of each name form of an entity).
    #[inline]
    fn credit<'a>(&mut self, posting: u32, tokens: u32, weight: f32, packing: Packing, parts: impl FnOnce(u32) -> &'a [u8]) {
        let at = self.form_or_insert(posting, packing, parts);
        let (query_form, bit) = (self.query_form, self.query_bit());
        let Some(form) = self.forms.get_mut(at) else { return };
        if form.query_form != query_form {
            form.query_form = query_form;
            form.found = Found::default();
            form.posting = posting;
            self.touched.push(at as u32);
        }
        form.found.credit(tokens, weight);
        form.shares |= bit;
    }

    /// [`Lookup::credit`] of each posting of `list` whose entity is
    /// `admitted`. The table entry of a posting a few places ahead is
    /// fetched early: postings of a rare key lie far apart in the table,
    /// and waiting for each read was most of the lookup's time.
    pub(crate) fn credit_list<'a>(
        &mut self,
        list: &[u32],
        tokens: u32,
        weight: f32,
        packing: Packing,
        admitted: impl Fn(u32) -> bool,
        parts: impl Fn(u32) -> &'a [u8],
    ) {
        for (i, &p) in list.iter().enumerate() {
            if let Some(&ahead) = list.get(i + PREFETCH_DISTANCE) {
                prefetch(&self.form_start, packing.entity(ahead) as usize);
            }
            if admitted(packing.entity(p)) {
                self.credit(p, tokens, weight, packing, &parts);
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
                if let Some(form) = self.form_of(p, packing).and_then(|at| self.forms.get_mut(at)) {
                    if form.query_form == self.query_form {
                        form.found.credit(tokens, weight);
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
        let start = self.form_start.get(entity as usize)?.checked_sub(1)? as usize;
        let e = self.entities.get(self.forms.get(start)?.entity_at as usize)?;
        let forms = self.forms.get(start..start + e.slots as usize)?;
        Some(forms.iter().map(|f| f.shares))
    }
}
