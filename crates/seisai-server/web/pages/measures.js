// The measures of the loaded policies as a timeline and a table,
// filtered by date, kind, goods, region and legal basis.

import { api, withQuery } from '../api.js';
import { h, replace, field, table } from '../dom.js';
import { t, label, localized, formatShortDate, formatNumber } from '../i18n.js';
import { announce, submitToRoute } from '../app.js';

const text = (m) => JSON.stringify(m.scope).toLowerCase();

function matches(m, f) {
  if (f.kind && m.kind !== f.kind) return false;
  if (f.goods) {
    const g = m.scope.goods || {};
    const code = f.goods.replace(/\D/g, '');
    const byCode = code && (g.all || (g.hs_prefixes || []).some((p) => code.startsWith(p) || p.startsWith(code)));
    if (!byCode && !text(m).includes(f.goods.toLowerCase())) return false;
  }
  if (f.region && !`${(m.scope.regions || []).join(' ')} ${(m.scope.countries || []).join(' ')} ${m.title} ${m.title_ja || ''}`.toLowerCase().includes(f.region.toLowerCase())) return false;
  if (f.basis && ![...(m.legal_basis || []), ...(m.legal_basis_ja || [])].join(' ').toLowerCase().includes(f.basis.toLowerCase())) return false;
  return true;
}

/** Bars from each measure's start to its end (or today) on a shared year scale. */
function timeline(measures) {
  const year = (d) => Number(String(d).slice(0, 4)) + (Number(String(d).slice(5, 7) || 1) - 1) / 12;
  const now = new Date().getUTCFullYear() + new Date().getUTCMonth() / 12;
  const dated = measures.filter((m) => m.effective);
  if (!dated.length) return null;
  const start = Math.floor(Math.min(...dated.map((m) => year(m.effective))));
  const end = Math.ceil(now);
  const span = Math.max(1, end - start);
  const ticks = [];
  for (let y = start; y <= end; y += Math.max(1, Math.round(span / 6))) {
    const tick = h('span', { class: 'tick' }, String(y));
    tick.style.left = `${((y - start) / span) * 100}%`;
    ticks.push(tick);
  }
  return h('figure', { class: 'card timeline', 'aria-labelledby': 'timeline-h' },
    h('figcaption', { id: 'timeline-h' }, t('timeline')),
    h('div', { class: 'axis', 'aria-hidden': 'true' }, ticks),
    h('ul', { class: 'plain' }, dated.map((m) => {
      const bar = h('span', { class: `tl-bar kind-${m.kind}` });
      const from = year(m.effective);
      const to = m.ended ? year(m.ended) : now;
      bar.style.marginLeft = `${((from - start) / span) * 100}%`;
      bar.style.width = `${Math.max(0.8, ((to - from) / span) * 100)}%`;
      return h('li', { class: 'tl-row' },
        h('span', { class: 'tl-label' }, `${m.id} · ${label('kind', m.kind)}`),
        h('span', { class: 'tl-track' }, bar),
        h('span', { class: 'visually-hidden' }, `${formatShortDate(m.effective)} – ${m.ended ? formatShortDate(m.ended) : t('in_force')}`));
    })));
}

/** Renders the measures page with the filters of the route. */
export async function render(main, { query }) {
  const f = { as_of: query.get('as_of') || '', kind: query.get('kind') || '', goods: query.get('goods') || '', region: query.get('region') || '', basis: query.get('basis') || '' };
  const response = await api(withQuery('/measures', { as_of: f.as_of }), { raw: true });
  const all = await response.json();
  const noPolicies = response.headers.get('seisai-policies') === 'none';
  const kinds = [...new Set(all.map((m) => m.kind))].sort();
  const form = h('form', { class: 'card filters', 'aria-labelledby': 'measures-h' },
    field('m-asof', t('as_of'), h('input', { type: 'date', name: 'as_of', value: f.as_of })),
    field('m-kind', t('kind'), h('select', { name: 'kind' }, h('option', { value: '' }, t('any')), kinds.map((k) => h('option', { value: k, selected: k === f.kind }, label('kind', k))))),
    field('m-goods', t('goods'), h('input', { name: 'goods', value: f.goods })),
    field('m-region', t('region'), h('input', { name: 'region', value: f.region })),
    field('m-basis', t('legal_basis'), h('input', { name: 'basis', value: f.basis })),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('filter_button'))));
  submitToRoute(form, 'measures');
  const shown = all.filter((m) => matches(m, f));
  replace(main,
    h('h1', { id: 'measures-h' }, t('measures_title')),
    form,
    noPolicies ? h('p', { class: 'card', role: 'status' }, t('no_policies')) : null,
    h('p', { 'aria-live': 'polite' }, t('measures_count', { n: formatNumber(shown.length) })),
    timeline(shown),
    table(null, [t('measure'), t('title'), t('kind'), t('outcome'), t('effective'), t('ended'), t('legal_basis'), t('authority')],
      shown.map((m) => [m.id, localized(m, 'title'), label('kind', m.kind), label('outcome', m.outcome), formatShortDate(m.effective),
        m.ended ? formatShortDate(m.ended) : t('in_force'), (localized(m, 'legal_basis') || []).join('; '), m.authority || ''])));
  announce(t('measures_count', { n: shown.length }));
}
