// Check a document: a trade, payment message or securities order against
// the measures on a date; the decision, its reasons and the hit locations
// highlighted in the document text.

import { api, withQuery } from '../api.js';
import { h, replace, field, table } from '../dom.js';
import { t, label, localized, formatDate, formatShortDate } from '../i18n.js';
import { announce, errorBox } from '../app.js';

/** The document text with every hit value marked, each mark numbered by reason. */
function highlighted(text, reasons) {
  const hits = [];
  reasons.forEach((r, i) => (r.fields || []).forEach((f) => { if (f.value) hits.push({ value: String(f.value), reason: i + 1 }); }));
  const marks = [];
  for (const hit of hits) {
    let from = 0;
    for (;;) {
      const at = text.indexOf(hit.value, from);
      if (at < 0) break;
      if (!marks.some((m) => at < m.end && m.start < at + hit.value.length)) marks.push({ start: at, end: at + hit.value.length, reason: hit.reason });
      from = at + hit.value.length;
    }
  }
  marks.sort((a, b) => a.start - b.start);
  const out = [];
  let pos = 0;
  for (const m of marks) {
    out.push(text.slice(pos, m.start));
    out.push(h('mark', { id: `hit-${m.start}`, title: `${t('reasons')} ${m.reason}` }, text.slice(m.start, m.end)));
    pos = m.end;
  }
  out.push(text.slice(pos));
  return h('pre', { class: 'document', tabindex: '0', 'aria-label': t('document_hits') }, out);
}

function outcomeBadge(outcome) {
  const cls = { PROHIBITED: 'bad', PERMISSION_REQUIRED: 'bad', REVIEW: 'warn', CLEAR: 'ok' }[outcome] || 'neutral';
  return h('span', { class: `badge ${cls}` }, label('outcome', outcome));
}

function reasonRow(r, i) {
  const list = r.list ? `${r.list.caption} (${r.list.dataset} ${r.list.version}, ${t('score')} ${Math.round(r.list.score * 100)}%)` : '';
  return h('tr', {},
    h('td', { class: 'num' }, String(i + 1)),
    h('td', {}, outcomeBadge(r.outcome)),
    h('td', {}, r.summary, r.uncertain ? h('div', { class: 'muted small' }, t('uncertain')) : null),
    h('td', {}, r.measure_id ? [r.measure_id, r.kind ? h('div', { class: 'muted small' }, label('kind', r.kind)) : null,
      localized(r, 'title') ? h('div', { class: 'small' }, localized(r, 'title')) : null] : ''),
    h('td', {}, (localized(r, 'legal_basis') || []).join('; ')),
    h('td', {}, [r.effective ? formatShortDate(r.effective) : '', r.ended ? ` – ${formatShortDate(r.ended)}` : '']),
    h('td', {}, r.list ? h('a', { href: `#/entity/${encodeURIComponent(r.list.entity_id)}` }, list) : ''),
    h('td', {}, h('ul', { class: 'plain' }, (r.fields || []).map((f) => h('li', {}, h('code', {}, f.location), ` = ${f.value}`)))));
}

function decisionView(d, text) {
  const versions = [...new Set((d.reasons || []).filter((r) => r.list).map((r) => `${r.list.dataset} ${r.list.version}`))];
  return [
    h('h2', { id: 'decision-h' }, t('decision'), ' ', outcomeBadge(d.outcome)),
    d.alert_id ? h('p', {}, h('a', { href: `#/alerts/${encodeURIComponent(d.alert_id)}` }, t('alert_created', { id: d.alert_id }))) : null,
    h('dl', { class: 'facts' },
      h('dt', {}, t('document_kind')), h('dd', {}, d.document),
      h('dt', {}, t('evaluated_on')), h('dd', {}, formatDate(d.as_of)),
      h('dt', {}, t('fields_screened')), h('dd', {}, String(d.fields_screened ?? '')),
      h('dt', {}, t('policies')), h('dd', {}, (d.policies || []).join(', ')),
      h('dt', {}, t('list_versions')), h('dd', {}, versions.join(', ') || t('none'))),
    table(t('reason_count', { n: d.reasons.length }), ['#', t('outcome'), t('reason'), t('measure'), t('legal_basis'), t('effective'), t('list_entry'), t('hit_locations')],
      d.reasons.map(reasonRow), 'reasons'),
    h('h3', {}, t('document_hits')),
    highlighted(text, d.reasons),
  ];
}

/** The last check of this tab, shown again after a language switch. */
const last = { text: '', asOf: '', decision: null };

/** Renders the document form and, after a check, the decision. */
export function render(main) {
  const text = h('textarea', { name: 'document', rows: 12, spellcheck: 'false', required: true });
  text.value = last.text;
  const file = h('input', { type: 'file', accept: '.xml,.json,.txt,.fin,.mt,text/*,application/json,application/xml' });
  const asOf = h('input', { type: 'date', name: 'as_of', value: last.asOf });
  const out = h('section', { id: 'decision', 'aria-live': 'polite', 'aria-labelledby': 'decision-h' });
  file.addEventListener('change', async () => {
    const f = file.files && file.files[0];
    if (f) text.value = await f.text();
  });
  const form = h('form', { class: 'card', 'aria-labelledby': 'document-h' },
    h('p', {}, t('document_intro')),
    field('doc-text', t('document_text'), text),
    h('div', { class: 'row' }, field('doc-file', t('document_file'), file), field('doc-asof', t('as_of'), asOf, t('as_of_hint'))),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('check_button'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = text.value;
    if (!body.trim()) {
      replace(out, h('p', { class: 'error', role: 'alert' }, t('empty_document')));
      return;
    }
    replace(out, h('p', { class: 'muted' }, t('loading')));
    try {
      const d = await api(withQuery('/screen/document', { as_of: asOf.value }), { text: body });
      Object.assign(last, { text: body, asOf: asOf.value, decision: d });
      replace(out, decisionView(d, body));
      announce(`${t('decision')}: ${label('outcome', d.outcome)}, ${t('reason_count', { n: d.reasons.length })}`);
    } catch (e) {
      replace(out, errorBox(e));
    }
  });
  replace(main, h('h1', { id: 'document-h' }, t('document_title')), form, out);
  if (last.decision) replace(out, decisionView(last.decision, last.text));
}
