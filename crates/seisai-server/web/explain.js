// How a listed entity matched: the query name and the listed name part by
// part (matching parts highlighted) and each feature's contribution.

import { h, table } from './dom.js';
import { t, label } from './i18n.js';

const pct = (x) => `${Math.round((Number(x) || 0) * 100)}%`;
const signed = (x) => `${x >= 0 ? '+' : ''}${(Number(x) || 0).toFixed(2)}`;

/** Words of a Latin form, each marked when it took part in an aligned pair. */
function formWords(form, matchedWords) {
  return h('span', { class: 'form' }, String(form || '').split(/\s+/).filter(Boolean).map((w) =>
    h(matchedWords.has(w) ? 'mark' : 'span', { class: 'word' }, w)));
}

/** The alignment of the `name` feature (the server's `alignment` field). */
function alignment(name) {
  const a = name.alignment;
  const head = h('div', { class: 'pair' },
    h('div', {}, h('span', { class: 'muted' }, t('query_name')), h('strong', { class: 'name' }, name.query)),
    h('span', { class: 'arrow', 'aria-hidden': 'true' }, '↔'),
    h('div', {}, h('span', { class: 'muted' }, t('listed_name'), a ? ` (${label('prop', a.candidate_property)})` : ''),
      h('strong', { class: 'name' }, name.candidate)));
  if (!a) return h('div', {}, head, h('p', { class: 'muted' }, name.detail));
  const good = (p) => p.similarity >= 0.8;
  const q = new Set(a.parts.filter(good).flatMap((p) => p.query.split(/\s+/)));
  const c = new Set(a.parts.filter(good).flatMap((p) => p.candidate.split(/\s+/)));
  const rows = [
    ...a.parts.map((p) => h('tr', { class: good(p) ? 'aligned' : 'weak' },
      h('td', {}, good(p) ? h('mark', {}, p.query) : p.query), h('td', {}, good(p) ? h('mark', {}, p.candidate) : p.candidate),
      h('td', { class: 'num' }, pct(p.similarity)), h('td', { class: 'num' }, pct(p.credit)))),
    ...a.unmatched_query.map((w) => h('tr', { class: 'unmatched' }, h('td', {}, w), h('td', {}, `— ${t('unmatched')}`), h('td', {}, ''), h('td', {}, ''))),
    ...a.unmatched_candidate.map((w) => h('tr', { class: 'unmatched' }, h('td', {}, `— ${t('unmatched')}`), h('td', {}, w), h('td', {}, ''), h('td', {}, ''))),
  ];
  return h('div', {}, head,
    h('p', { class: 'forms' }, h('span', { class: 'muted' }, `${t('compared_forms')}: `), formWords(a.query_form, q), ' ↔ ', formWords(a.candidate_form, c)),
    a.number_mismatch ? h('p', { class: 'warn' }, t('numbers_differ')) : null,
    table(t('alignment_caption'), [t('part_query'), t('part_listed'), t('similarity'), t('credit')], rows, 'alignment'));
}

/** The whole explanation of one result: alignment, then every feature. */
export function explanation(explanations) {
  const ex = explanations || {};
  const features = Object.entries(ex).map(([k, f]) => [label('feature', k), h('span', { class: 'num' }, k === 'name' ? pct(f.score) : signed(f.score)),
    f.detail, f.query, f.candidate]);
  return h('div', { class: 'explanation' },
    ex.name ? alignment(ex.name) : null,
    table(t('features_caption'), [t('feature'), t('contribution'), t('detail'), t('query_value'), t('listed_value')], features, 'features'));
}
