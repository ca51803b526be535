// The audit trail: search, the hash chain's verification and export.

import { api, withQuery } from '../api.js';
import { h, replace, field, table } from '../dom.js';
import { t, formatDateTime, formatNumber } from '../i18n.js';
import { announce, errorBox, submitToRoute } from '../app.js';

const FILTERS = ['from', 'to', 'action', 'user', 'q'];

/** Downloads an export with the key in the header (never in the URL). */
async function download(format, q) {
  const response = await api(withQuery('/audit/export', { from: q.from, to: q.to, format }), { raw: true });
  const url = URL.createObjectURL(await response.blob());
  const a = h('a', { href: url, download: `seisai-audit.${format}` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** Renders the audit page. */
export async function render(main, { query }) {
  const q = Object.fromEntries(FILTERS.map((k) => [k, query.get(k) || '']));
  const form = h('form', { class: 'card filters', role: 'search', 'aria-labelledby': 'audit-h' },
    field('au-from', t('from'), h('input', { type: 'date', name: 'from', value: q.from })),
    field('au-to', t('to'), h('input', { type: 'date', name: 'to', value: q.to })),
    field('au-action', t('action'), h('input', { name: 'action', value: q.action })),
    field('au-user', t('user'), h('input', { name: 'user', value: q.user })),
    field('au-q', t('text_search'), h('input', { type: 'search', name: 'q', value: q.q })),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('filter_button'))));
  submitToRoute(form, 'audit');
  const verify = h('p', { class: 'card', role: 'status' }, t('loading'));
  const exportOut = h('div', {});
  const exports = h('p', { class: 'row' }, ['csv', 'json'].map((f) => h('button', { type: 'button', class: 'secondary',
    onclick: () => download(f, q).catch((e) => replace(exportOut, errorBox(e))) }, t(`export_${f}`))), exportOut);
  const records = h('section', { 'aria-labelledby': 'records-h', 'aria-live': 'polite' });
  replace(main, h('h1', { id: 'audit-h' }, t('audit_title')), verify, form, exports, records);
  api('/audit/verify').then((v) => {
    verify.className = `card ${v.ok ? 'ok-box' : 'bad-box'}`;
    verify.textContent = v.ok ? t('chain_ok', { n: formatNumber(v.records) })
      : t('chain_broken', { seq: v.first_broken ? v.first_broken.seq : '?', reason: v.first_broken ? v.first_broken.reason : '' });
  }).catch((e) => replace(verify, errorBox(e)));
  try {
    const data = await api(withQuery('/audit', { ...q, limit: 100 }));
    replace(records, h('h2', { id: 'records-h' }, t('records_count', { n: formatNumber(data.total) })),
      table(null, [t('seq'), t('at'), t('user'), t('action'), t('subject'), t('detail'), t('request_id')], data.records.map((r) =>
        [String(r.seq), formatDateTime(r.at), r.user, r.action, r.subject || '', typeof r.detail === 'string' ? r.detail : JSON.stringify(r.detail ?? ''), r.request_id || ''])));
    announce(t('records_count', { n: data.total }));
  } catch (e) {
    replace(records, h('h2', { id: 'records-h', class: 'visually-hidden' }, t('audit_title')), errorBox(e));
  }
}
