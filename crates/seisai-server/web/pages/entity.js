// One listed entity: names by script, identifiers, birth, addresses,
// programmes, the measures that apply, sources and its list history.

import { api } from '../api.js';
import { h, replace, table, dl } from '../dom.js';
import { t, label, localized, formatDate, formatShortDate } from '../i18n.js';

const NAME_PROPS = ['name', 'alias', 'weakAlias', 'previousName'];
const ID_PROPS = ['idNumber', 'passportNumber', 'taxNumber', 'registrationNumber', 'innCode', 'ogrnCode', 'leiCode', 'swiftBic',
  'imoNumber', 'mmsi', 'callSign', 'vatCode', 'okpoCode', 'kppCode', 'dunsCode', 'uniqueEntityId', 'npiCode', 'wikidataId'];
const BIRTH_PROPS = ['birthDate', 'birthPlace', 'deathDate', 'incorporationDate', 'buildDate'];
const PLACE_PROPS = ['address', 'country', 'nationality', 'citizenship', 'jurisdiction', 'mainCountry', 'flag'];
const PROGRAM_PROPS = ['program', 'authority', 'listingDate', 'topics', 'sanctions'];
const SOURCE_PROPS = ['sourceUrl', 'website'];
const SHOWN = new Set([...NAME_PROPS, ...ID_PROPS, ...BIRTH_PROPS, ...PLACE_PROPS, ...PROGRAM_PROPS, ...SOURCE_PROPS, 'firstName', 'lastName', 'middleName', 'secondName', 'fatherName']);
const DATE_PROPS = new Set(['birthDate', 'deathDate', 'incorporationDate', 'buildDate', 'listingDate', 'modifiedAt']);

const SCRIPTS = [
  ['Japanese', /[\p{Script=Hiragana}\p{Script=Katakana}]/u], ['Han', /\p{Script=Han}/u], ['Hangul', /\p{Script=Hangul}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u], ['Arabic', /\p{Script=Arabic}/u], ['Greek', /\p{Script=Greek}/u],
  ['Hebrew', /\p{Script=Hebrew}/u], ['Latin', /\p{Script=Latin}/u],
];

/** The script a name is written in (kana wins over Han: a Japanese name). */
export function scriptOf(name) {
  const found = SCRIPTS.find(([, re]) => re.test(name));
  return found ? found[0] : 'Other';
}

function namesByScript(props) {
  const groups = new Map();
  for (const p of NAME_PROPS) {
    for (const n of props[p] || []) {
      const s = scriptOf(n);
      if (!groups.has(s)) groups.set(s, []);
      groups.get(s).push([n, p]);
    }
  }
  return h('section', { 'aria-labelledby': 'names-h', class: 'card' }, h('h2', { id: 'names-h' }, t('names_by_script')),
    [...groups].map(([script, names]) => h('div', { class: 'script-group' }, h('h3', {}, label('script', script)),
      h('ul', { class: 'names' }, names.map(([n, p]) => h('li', {}, h('span', { class: 'name' }, n), ' ', h('span', { class: 'muted small' }, label('prop', p))))))));
}

function valueOf(prop, v) {
  return DATE_PROPS.has(prop) ? formatDate(v) : v;
}

function section(id, title, props, entity) {
  const rows = props.filter((p) => entity.properties[p]).map((p) => [label('prop', p), entity.properties[p].map((v) => valueOf(p, v)).join('; ')]);
  if (!rows.length) return null;
  return h('section', { 'aria-labelledby': id, class: 'card' }, h('h2', { id }, title), dl(rows));
}

/** Measures whose scope names one of the entity's lists (and programme, when the measure lists programmes). */
function applyingMeasures(measures, entity) {
  const programs = new Set(entity.properties.program || []);
  return measures.filter((m) => (m.scope.lists || []).some((l) => entity.datasets.includes(l.dataset)
    && (!l.programs.length || l.programs.some((p) => programs.has(p)))));
}

/** Renders the entity `args[0]`. */
export async function render(main, { args }) {
  const id = args[0];
  const [entity, measures, catalog] = await Promise.all([
    api(`/entities/${encodeURIComponent(id)}`),
    api('/measures').catch(() => []),
    api('/catalog').catch(() => ({ datasets: [] })),
  ]);
  const applying = applyingMeasures(Array.isArray(measures) ? measures : [], entity);
  const sourceLinks = (entity.properties.sourceUrl || []).filter((u) => /^https?:\/\//.test(u));
  const datasetInfo = entity.datasets.map((d) => catalog.datasets.find((c) => c.name === d) || { name: d, title: d });
  const others = Object.entries(entity.properties).filter(([k]) => !SHOWN.has(k))
    .map(([k, v]) => [label('prop', k), v.map((x) => valueOf(k, x)).join('; ')]);
  replace(main,
    h('h1', {}, entity.caption),
    h('p', { class: 'muted' }, `${label('schema', entity.schema)} · ${entity.id}`),
    h('div', { class: 'grid' },
      namesByScript(entity.properties),
      section('ids-h', t('identifiers'), ID_PROPS, entity),
      section('birth-h', t('birth'), BIRTH_PROPS, entity),
      section('places-h', t('addresses'), PLACE_PROPS, entity),
      section('programs-h', t('programs'), PROGRAM_PROPS, entity)),
    h('section', { 'aria-labelledby': 'measures-h', class: 'card' }, h('h2', { id: 'measures-h' }, t('measures_apply')),
      applying.length
        ? table(null, [t('measure'), t('title'), t('legal_basis'), t('effective'), t('ended')], applying.map((m) =>
          [m.id, localized(m, 'title'), (localized(m, 'legal_basis') || []).join('; '), formatShortDate(m.effective), m.ended ? formatShortDate(m.ended) : t('in_force')]))
        : h('p', { class: 'muted' }, t('no_measures'))),
    h('section', { 'aria-labelledby': 'sources-h', class: 'card' }, h('h2', { id: 'sources-h' }, t('sources')),
      h('ul', {}, datasetInfo.map((d) => h('li', {}, `${d.title}${d.publisher ? ` — ${d.publisher}` : ''} (${d.name}, ${t('version')} ${entity.version || ''})`)),
        sourceLinks.map((u) => h('li', {}, h('a', { href: u, rel: 'noreferrer noopener', target: '_blank' }, u))))),
    h('section', { 'aria-labelledby': 'history-h', class: 'card' }, h('h2', { id: 'history-h' }, t('history')),
      table(null, [t('date'), t('event'), t('dataset'), t('version')], (entity.history || []).map((e) =>
        [formatDate(e.date), label('event', e.event), e.dataset, e.version]))),
    others.length ? h('section', { 'aria-labelledby': 'other-h', class: 'card' }, h('h2', { id: 'other-h' }, t('other_notes')), dl(others)) : null);
}
