// The alert queue (filters, bulk assignment) and one alert: what was
// screened beside the list entry, the explanation, history, notes, the
// proposal and — for another user with the approver role — approval.

import { api, withQuery, ApiError } from '../api.js';
import { h, replace, field, table, scoreBar, dl } from '../dom.js';
import { t, label, formatDateTime, formatNumber } from '../i18n.js';
import { announce, errorBox, go, hasRole, submitToRoute } from '../app.js';
import { explanation } from '../explain.js';

const STATUSES = ['open', 'in_review', 'escalated', 'pending_approval', 'closed_true_match', 'closed_false_positive', 'closed_not_relevant'];
const KINDS = ['party', 'trade', 'payment', 'security', 'oil', 'document', 'monitoring'];
const DISPOSITIONS = ['true_match', 'false_positive', 'not_relevant'];
const FILTERS = ['status', 'kind', 'dataset', 'min_score', 'from', 'to', 'assignee', 'q'];

function options(values, prefix, selected) {
  return [h('option', { value: '' }, t('any')), ...values.map((v) => h('option', { value: v, selected: v === selected }, prefix ? label(prefix, v) : v))];
}

/** A missing alerts API is said plainly, never papered over. */
function missing(e) {
  if (e instanceof ApiError && (e.status === 404 || e.status === 405)) return h('p', { class: 'error', role: 'alert' }, t('alerts_missing', { detail: `${e.status} ${e.detail}` }));
  return errorBox(e);
}

async function queue(main, query, me) {
  const q = Object.fromEntries(FILTERS.map((k) => [k, query.get(k) || '']));
  const form = h('form', { class: 'card filters', 'aria-labelledby': 'alerts-h' },
    field('f-status', t('status'), h('select', { name: 'status' }, options(STATUSES, 'status', q.status))),
    field('f-kind', t('kind'), h('select', { name: 'kind' }, options(KINDS, 'alertkind', q.kind))),
    field('f-dataset', t('dataset'), h('input', { name: 'dataset', value: q.dataset })),
    field('f-min', t('min_score'), h('input', { name: 'min_score', type: 'number', min: 0, max: 1, step: 0.05, value: q.min_score })),
    field('f-from', t('from'), h('input', { name: 'from', type: 'date', value: q.from })),
    field('f-to', t('to'), h('input', { name: 'to', type: 'date', value: q.to })),
    field('f-assignee', t('assignee'), h('input', { name: 'assignee', value: q.assignee })),
    field('f-q', t('text_search'), h('input', { name: 'q', type: 'search', value: q.q })),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('filter_button'))));
  submitToRoute(form, 'alerts');
  const list = h('section', { 'aria-labelledby': 'alert-list-h', 'aria-live': 'polite' });
  replace(main, h('h1', { id: 'alerts-h' }, t('alerts_title')), form, list);
  let data;
  try {
    data = await api(withQuery('/alerts', { ...q, limit: 100 }));
  } catch (e) {
    replace(list, h('h2', { id: 'alert-list-h', class: 'visually-hidden' }, t('alerts_title')), missing(e));
    return;
  }
  const boxes = data.alerts.map((a) => h('input', { type: 'checkbox', value: a.id, 'aria-label': t('select_alert', { id: a.id }) }));
  const all = h('input', { type: 'checkbox', 'aria-label': t('select_all'), onchange: () => boxes.forEach((b) => { b.checked = all.checked; }) });
  const assignee = h('input', { name: 'assignee', value: me.user, required: true });
  const bulk = h('form', { class: 'row bulk' }, field('bulk-assignee', t('assign_to'), assignee), h('button', { type: 'submit' }, t('assign_button')));
  bulk.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const ids = boxes.filter((b) => b.checked).map((b) => b.value);
    if (!ids.length) return;
    try {
      const r = await api('/alerts/assign', { json: { ids, assignee: assignee.value.trim() } });
      announce(t('assigned', { n: r.updated }));
      go(location.hash);
    } catch (e) {
      bulk.append(errorBox(e));
    }
  });
  const rows = data.alerts.map((a, i) => h('tr', {},
    h('td', {}, boxes[i]),
    h('td', {}, h('a', { href: `#/alerts/${encodeURIComponent(a.id)}` }, a.subject || a.id)),
    h('td', {}, label('status', a.status)),
    h('td', {}, label('alertkind', a.kind)),
    h('td', {}, scoreBar(a.top_score, t('score_of', { name: a.subject || a.id }))),
    h('td', { class: 'num' }, String(a.hits)),
    h('td', {}, (a.datasets || []).join(', ')),
    h('td', {}, a.assignee || h('span', { class: 'muted' }, t('unassigned'))),
    h('td', {}, formatDateTime(a.created_at))));
  replace(list,
    h('h2', { id: 'alert-list-h' }, t('alerts_count', { n: formatNumber(data.total) })),
    bulk,
    h('div', { class: 'table-wrap' }, h('table', { class: 'alerts' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, all), [t('subject'), t('status'), t('kind'), t('score'), t('hits'), t('dataset'), t('assignee'), t('created')]
        .map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, rows))));
  announce(t('alerts_count', { n: data.total }));
}

/** The screened input as a readable list of its fields. */
function inputView(input) {
  const rows = [];
  const walk = (prefix, v) => {
    if (v === null || v === undefined) return;
    if (Array.isArray(v)) v.forEach((x, i) => walk(v.length > 1 ? `${prefix}[${i}]` : prefix, x));
    else if (typeof v === 'object') Object.entries(v).forEach(([k, x]) => walk(prefix ? `${prefix}.${k}` : k, x));
    else rows.push([prefix, String(v)]);
  };
  if (typeof input === 'string') return h('pre', { class: 'document' }, input);
  walk('', input);
  return dl(rows.slice(0, 80));
}

function hitView(hit, input) {
  return h('section', { class: 'card hit', 'aria-label': hit.caption },
    h('div', { class: 'side-by-side' },
      h('div', {}, h('h3', {}, t('query_side')), inputView(input)),
      h('div', {}, h('h3', {}, t('list_side')),
        h('p', {}, h('a', { href: `#/entity/${encodeURIComponent(hit.entity_id)}` }, hit.caption), ' ', scoreBar(hit.score, t('score_of', { name: hit.caption }))),
        h('p', { class: 'muted' }, `${label('schema', hit.schema)} · ${(hit.datasets || []).join(', ')}`),
        dl(Object.entries(hit.properties || {}).map(([k, v]) => [label('prop', k), v.join('; ')])))),
    h('h3', {}, t('explanation')), explanation(hit.explanations));
}

function actionForm(id, title, fields, button, send) {
  const form = h('form', { class: 'card', 'aria-label': title }, h('h2', {}, title), fields, h('button', { type: 'submit', 'data-action': button }, t(button)));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await send(new FormData(form), ev.submitter);
      announce(t('saved'));
      go(location.hash);
    } catch (e) {
      form.append(errorBox(e));
    }
  });
  return form;
}

async function page(main, id, me) {
  let a;
  try {
    a = await api(`/alerts/${encodeURIComponent(id)}`);
  } catch (e) {
    replace(main, h('h1', {}, t('alert_title', { id })), missing(e));
    return;
  }
  const post = (path, json) => api(`/alerts/${encodeURIComponent(a.id)}/${path}`, { json });
  const snap = a.snapshot || {};
  const closed = String(a.status).startsWith('closed_');
  const forms = [];
  if (!closed && a.status !== 'pending_approval') {
    forms.push(actionForm(a.id, t('set_status'),
      field('a-status', t('status'), h('select', { name: 'status' }, ['in_review', 'escalated', 'open'].map((s) => h('option', { value: s, selected: s === a.status }, label('status', s))))),
      'set_status', (f) => post('status', { status: f.get('status') })));
    forms.push(actionForm(a.id, t('propose_title'), [
      field('a-disposition', t('disposition'), h('select', { name: 'disposition' }, DISPOSITIONS.map((d) => h('option', { value: d }, label('disposition', d))))),
      field('a-reason', t('reason'), h('textarea', { name: 'reason', rows: 3, required: true }))],
    'propose_button', (f) => post('propose', { disposition: f.get('disposition'), reason: f.get('reason') })));
  }
  if (a.status === 'pending_approval' && a.proposal) {
    const own = a.proposal.user === me.user;
    if (own) forms.push(h('p', { class: 'notice', id: 'four-eyes' }, t('own_proposal')));
    else if (!hasRole(me, 'approver')) forms.push(h('p', { class: 'notice', id: 'four-eyes' }, t('needs_approver')));
    else {
      forms.push(actionForm(a.id, t('approve_title'), [
        field('a-comment', t('comment'), h('textarea', { name: 'comment', rows: 2 })),
        h('button', { type: 'submit', 'data-action': 'reject_button', formnovalidate: true }, t('reject_button'))],
      'approve_button', (f, submitter) => (submitter && submitter.dataset.action === 'reject_button'
        ? post('reject', { reason: f.get('comment') || '' }) : post('approve', { comment: f.get('comment') || '' }))));
    }
  }
  const note = actionForm(a.id, t('add_note'), field('a-note', t('note_text'), h('textarea', { name: 'text', rows: 2, required: true })),
    'add_note', (f) => post('notes', { text: f.get('text') }));
  replace(main,
    h('h1', {}, t('alert_title', { id: a.id })),
    h('div', { class: 'card' },
      h('p', { class: 'lead' }, h('strong', {}, a.subject || ''), ' · ', h('span', { class: 'badge neutral', id: 'alert-status' }, label('status', a.status))),
      dl([[t('kind'), label('alertkind', a.kind)], [t('created'), formatDateTime(a.created_at)], [t('assignee'), a.assignee || t('unassigned')],
        [t('decision'), label('decision', typeof snap.decision === 'string' ? snap.decision : a.decision)],
        [t('list_versions'), Object.entries(snap.list_versions || {}).map(([d, v]) => `${d} ${v}`)],
        [t('policy_version'), snap.policy_version]]),
      a.proposal ? h('p', { id: 'proposal' }, t('proposal', { disposition: label('disposition', a.proposal.disposition), user: a.proposal.user,
        at: formatDateTime(a.proposal.at), reason: a.proposal.reason })) : null,
      a.disposition ? h('p', { class: 'lead' }, t('decided', { disposition: label('disposition', a.disposition) })) : null),
    (snap.hits || []).map((hit) => hitView(hit, snap.input)),
    forms,
    h('section', { class: 'card', 'aria-labelledby': 'notes-h' }, h('h2', { id: 'notes-h' }, t('notes')),
      h('ul', { class: 'plain' }, (a.notes || []).map((n) => h('li', {}, h('strong', {}, n.user), ` (${formatDateTime(n.at)}): `, n.text)))),
    note,
    h('section', { class: 'card', 'aria-labelledby': 'events-h' }, h('h2', { id: 'events-h' }, t('history')),
      table(null, [t('at'), t('user'), t('action'), t('detail')], (a.events || []).map((e) =>
        [formatDateTime(e.at), e.user, label('action', e.action), typeof e.detail === 'string' ? e.detail : JSON.stringify(e.detail ?? '')]))));
}

/** Renders the queue, or alert `args[0]`. */
export function render(main, { args, query, me }) {
  return args[0] ? page(main, args[0], me) : queue(main, query, me);
}
