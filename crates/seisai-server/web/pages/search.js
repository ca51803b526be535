// Name search: a name in any script with optional birth date, country,
// type and list → ranked candidates with score bars and explanations.

import { api, withQuery } from '../api.js';
import { h, replace, field, scoreBar } from '../dom.js';
import { t, label, formatNumber } from '../i18n.js';
import { announce, errorBox, submitToRoute } from '../app.js';
import { explanation } from '../explain.js';

const SCHEMATA = ['Person', 'Organization', 'Company', 'LegalEntity', 'Vessel', 'Airplane'];

/** The datasets and collections offered in the list filter. */
async function datasetOptions() {
  try {
    const catalog = await api('/catalog');
    return catalog.datasets.filter((d) => d.load && d.name !== 'default').map((d) => ({ name: d.name, title: d.title }));
  } catch {
    return [];
  }
}

function select(name, options, value) {
  return h('select', { name }, options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)));
}

/** The body of POST /match for the form's values. */
function matchQuery(q) {
  const schema = q.get('schema') || 'Person';
  const properties = { name: [q.get('name')] };
  if (q.get('birth')) properties.birthDate = [q.get('birth')];
  if (q.get('country')) properties[schema === 'Person' ? 'nationality' : 'country'] = [q.get('country').toLowerCase()];
  return { queries: { q: { schema, properties } } };
}

function result(r, i) {
  const id = `result-${i}`;
  const details = h('details', { class: 'why' }, h('summary', {}, t('why')), explanation(r.explanations));
  if (i === 0) details.open = true;
  return h('li', { class: `result card ${r.match ? 'is-match' : ''}`, 'aria-labelledby': id },
    h('div', { class: 'result-head' },
      h('h2', { id }, h('a', { href: `#/entity/${encodeURIComponent(r.id)}` }, r.caption)),
      scoreBar(r.score, t('score_of', { name: r.caption })),
      h('span', { class: `badge ${r.match ? 'bad' : 'neutral'}` }, r.match ? t('match_yes') : t('match_no'))),
    h('p', { class: 'muted' }, `${label('schema', r.schema)} · ${r.datasets.join(', ')} · ${(r.properties.program || []).join(', ')}`),
    details);
}

/** Renders the search page; runs the search when the route has a name. */
export async function render(main, { query }) {
  const datasets = await datasetOptions();
  const name = h('input', { type: 'search', name: 'name', required: true, value: query.get('name') || '', autocomplete: 'off' });
  const birth = h('input', { type: 'date', name: 'birth', value: query.get('birth') || '' });
  const country = h('input', { type: 'text', name: 'country', value: query.get('country') || '', maxlength: 2, size: 3, autocomplete: 'off' });
  const schema = select('schema', SCHEMATA.map((s) => [s, label('schema', s)]), query.get('schema') || 'Person');
  const dataset = select('dataset', [['default', t('all_lists')], ...datasets.map((d) => [d.name, d.title])], query.get('dataset') || 'default');
  const form = h('form', { class: 'card filters', role: 'search', 'aria-labelledby': 'search-h' },
    field('q-name', t('name'), name), field('q-birth', t('birth_date'), birth), field('q-country', t('country'), country),
    field('q-schema', t('schema'), schema), field('q-dataset', t('dataset'), dataset),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('search_button'))));
  submitToRoute(form, 'search');
  const results = h('section', { id: 'results', 'aria-labelledby': 'results-h', 'aria-live': 'polite', 'aria-busy': 'false' });
  replace(main, h('h1', { id: 'search-h' }, t('search_title')), form, results);
  if (!query.get('name')) {
    name.focus();
    return;
  }
  results.setAttribute('aria-busy', 'true');
  replace(results, h('p', { class: 'muted' }, t('loading')));
  try {
    const data = await api(withQuery(`/match/${encodeURIComponent(query.get('dataset') || 'default')}`, { limit: 10 }), { json: matchQuery(query) });
    const found = data.responses.q.results;
    const versions = Object.entries(data.seisai.versions || {}).map(([d, v]) => `${d} ${v}`).join(', ');
    replace(results,
      h('h2', { id: 'results-h' }, found.length ? t('results_count', { n: formatNumber(found.length) }) : t('no_results')),
      h('ol', { class: 'results' }, found.map(result)),
      h('p', { class: 'muted small' }, t('lists_used', { versions })));
    announce(found.length ? t('results_count', { n: found.length }) : t('no_results'));
  } catch (e) {
    replace(results, h('h2', { id: 'results-h', class: 'visually-hidden' }, t('search_title')), errorBox(e));
  } finally {
    results.setAttribute('aria-busy', 'false');
  }
}
