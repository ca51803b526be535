// The lists: datasets, versions, last and next sync, the diff of the
// latest update and, for admins, sync now.

import { api } from '../api.js';
import { h, replace, table, dl } from '../dom.js';
import { t, formatDate, formatDateTime, formatNumber } from '../i18n.js';
import { announce, errorBox, go, hasRole } from '../app.js';

const SHOWN = 100;

function entries(title, items, row) {
  return h('details', { class: 'diff-part' }, h('summary', {}, title),
    items.length > SHOWN ? h('p', { class: 'muted small' }, t('first_n', { n: SHOWN })) : null,
    h('ul', { class: 'plain' }, items.slice(0, SHOWN).map(row)));
}

async function showDiff(target, dataset) {
  replace(target, h('p', { class: 'muted' }, t('loading')));
  try {
    const d = await api(`/lists/${encodeURIComponent(dataset)}/diff`);
    const link = (e) => h('a', { href: `#/entity/${encodeURIComponent(e.id)}` }, e.caption);
    replace(target, h('h2', { id: 'diff-h', tabindex: '-1' }, t('diff_title', { dataset, from: d.from, to: d.to })),
      entries(t('added', { n: formatNumber(d.added.length) }), d.added, (e) => h('li', {}, link(e))),
      entries(t('removed', { n: formatNumber(d.removed.length) }), d.removed, (e) => h('li', {}, e.caption, ` (${e.id})`)),
      entries(t('changed', { n: formatNumber(d.changed.length) }), d.changed, (c) => h('li', {}, link(c.entity), ': ',
        c.changes.map((x) => x.prop).join(', '))));
    target.querySelector('#diff-h').focus();
    announce(`${t('added', { n: d.added.length })}, ${t('removed', { n: d.removed.length })}, ${t('changed', { n: d.changed.length })}`);
  } catch (e) {
    replace(target, e.status === 422 || e.status === 404 ? h('p', { role: 'alert' }, t('no_diff'), ` (${e.detail})`) : errorBox(e));
  }
}

/** Renders the lists page. */
export async function render(main, { me }) {
  const data = await api('/lists');
  const diff = h('section', { class: 'card', 'aria-live': 'polite', id: 'diff' });
  const rows = Object.entries(data.datasets).map(([name, d]) => [
    name,
    d.serving ? d.serving.version : t('none'),
    d.serving ? formatDate(d.serving.published) : '',
    d.serving ? formatDateTime(d.serving.imported_at) : '',
    d.serving ? h('span', { class: 'num' }, formatNumber(d.serving.entities)) : '',
    String(d.versions.length),
    d.last_sync ? formatDateTime(d.last_sync.at || d.last_sync) : t('none'),
    d.versions.length > 1 ? h('button', { type: 'button', class: 'link', onclick: () => showDiff(diff, name) }, t('show_diff', { dataset: name })) : '',
  ]);
  const sync = h('button', { type: 'button', id: 'sync-now' }, t('sync_now'));
  const syncOut = h('p', { 'aria-live': 'polite' });
  sync.addEventListener('click', async () => {
    sync.disabled = true;
    try {
      const r = await api('/admin/sync', { json: {} });
      syncOut.textContent = t('sync_done', { detail: r.message || JSON.stringify(r).slice(0, 300) });
      go(location.hash);
    } catch (e) {
      replace(syncOut, errorBox(e));
    } finally {
      sync.disabled = false;
    }
  });
  replace(main,
    h('h1', {}, t('lists_title')),
    h('div', { class: 'card' }, dl([
      [t('last_update'), data.last_update ? `${formatDateTime(data.last_update.at)} — ${data.last_update.message}` : t('none')],
      [t('last_failure'), data.last_failure ? `${formatDateTime(data.last_failure.at)} — ${data.last_failure.message}` : t('none')],
      [t('next_sync'), data.next_sync ? formatDateTime(data.next_sync) : t('none')]]),
    hasRole(me, 'admin') ? [sync, syncOut] : null),
    table(null, [t('dataset'), t('served_version'), t('published'), t('imported'), t('entities'), t('versions'), t('last_sync'), ''], rows),
    diff);
}
