// The application shell: sign-in state, navigation by role, hash routes,
// the language switch and the announcement region for screen readers.

import { api, storedKey, storeKey, ApiError } from './api.js';
import { h, replace } from './dom.js';
import { t, lang, setLang, label } from './i18n.js';
import * as signin from './pages/signin.js';
import * as search from './pages/search.js';
import * as entity from './pages/entity.js';
import * as documentPage from './pages/document.js';
import * as alerts from './pages/alerts.js';
import * as lists from './pages/lists.js';
import * as measures from './pages/measures.js';
import * as audit from './pages/audit.js';

const ROLES = ['screen', 'analyst', 'approver', 'admin'];

/** Whether the signed-in user has at least `role` (unknown role: yes; the server decides). */
export function hasRole(me, role) {
  if (!me || !me.role) return true;
  return ROLES.indexOf(me.role) >= ROLES.indexOf(role);
}

const ROUTES = [
  { path: 'search', page: search, nav: 'nav_search', role: 'screen' },
  { path: 'entity', page: entity, role: 'screen' },
  { path: 'document', page: documentPage, nav: 'nav_document', role: 'screen' },
  { path: 'alerts', page: alerts, nav: 'nav_alerts', role: 'analyst' },
  { path: 'lists', page: lists, nav: 'nav_lists', role: 'screen' },
  { path: 'measures', page: measures, nav: 'nav_measures', role: 'screen' },
  { path: 'audit', page: audit, nav: 'nav_audit', role: 'analyst' },
];

const state = { me: null };

/** Announces `text` to screen readers (and shows nothing). */
export function announce(text) {
  const status = document.getElementById('status');
  status.textContent = '';
  setTimeout(() => { status.textContent = text; }, 30);
}

/** The message of an error in the current language. */
export function errorText(e) {
  if (e instanceof ApiError) return t('error_status', { status: e.status, detail: e.detail });
  return t('error', { detail: e && e.message ? e.message : String(e) });
}

/** An error box (role alert). */
export function errorBox(e) {
  return h('p', { class: 'error', role: 'alert' }, errorText(e));
}

/** The current route: name, the path parts after it and the query. */
function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path, query = ''] = raw.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { name: parts[0] || 'search', args: parts.slice(1), query: new URLSearchParams(query) };
}

function renderChrome(active) {
  document.title = `seisai — ${active ? t(active.nav || 'entity_title') : t('signin_title')}`;
  document.getElementById('skip-link').textContent = t('skip');
  document.getElementById('brand').textContent = t('brand');
  const nav = document.getElementById('nav');
  nav.setAttribute('aria-label', t('nav_label'));
  const items = state.me ? ROUTES.filter((r) => r.nav && hasRole(state.me, r.role)) : [];
  replace(nav, h('ul', {}, items.map((r) => h('li', {},
    h('a', { href: `#/${r.path}`, 'aria-current': active && active.path === r.path ? 'page' : null }, t(r.nav))))));
  const other = lang() === 'ja' ? 'en' : 'ja';
  const session = document.getElementById('session');
  replace(session,
    h('button', { type: 'button', class: 'link', lang: other, 'aria-label': t('switch_lang_label'), id: 'lang-switch',
      onclick: () => { setLang(other); route(); } }, t('switch_lang')),
    state.me ? [
      h('span', { class: 'who' }, t('signed_in_as', { user: state.me.user, role: label('role', state.me.role) })),
      h('button', { type: 'button', class: 'link', id: 'sign-out', onclick: signOut }, t('sign_out')),
    ] : null);
}

/** Opens route `hash` (re-rendering when it is already open). */
export function go(hash) {
  if (location.hash === hash) route().then(focusMain);
  else location.hash = hash;
}

/** Makes `form` open `#/PATH?its non-empty fields` when submitted (filters kept in the address). */
export function submitToRoute(form, path) {
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const params = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (v) params.set(k, v);
    go(`#/${path}?${params}`);
  });
}

function signOut() {
  storeKey(null);
  state.me = null;
  location.hash = '#/signin';
}

/** Who `key` (default: the stored key) belongs to, per GET /me. */
function whoIs(key) {
  return api('/me', { key });
}

/** Validates `key` with GET /me; on success keeps it and returns who it is. */
export async function signIn(key) {
  const me = await whoIs(key);
  storeKey(key);
  state.me = me;
  return me;
}

async function route() {
  // Each route renders into its own view; a view replaced by a later
  // navigation is detached, so a slow page cannot overwrite a newer one.
  const main = h('div', { class: 'view' });
  replace(document.getElementById('main'), main);
  const r = parseHash();
  if (!state.me && storedKey()) {
    try {
      state.me = await whoIs();
    } catch {
      storeKey(null);
    }
  }
  if (!state.me || r.name === 'signin') {
    renderChrome(null);
    signin.render(main, { next: r.name === 'signin' ? '' : location.hash });
    return;
  }
  const active = ROUTES.find((x) => x.path === r.name);
  renderChrome(active);
  if (!active) {
    replace(main, h('h1', {}, t('not_found')));
    return;
  }
  replace(main, h('p', { class: 'muted' }, t('loading')));
  try {
    await active.page.render(main, { me: state.me, args: r.args, query: r.query });
  } catch (e) {
    replace(main, errorBox(e));
  }
}

/** Moves focus to the page's heading after navigation (keyboard and screen readers). */
function focusMain() {
  const heading = document.querySelector('main h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
  }
}

window.addEventListener('hashchange', () => route().then(focusMain));
setLang(lang());
route();
