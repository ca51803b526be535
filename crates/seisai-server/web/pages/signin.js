// Sign-in: the user's API key, validated with GET /me, kept for the tab.

import { h, replace, field } from '../dom.js';
import { t } from '../i18n.js';
import { signIn, errorText, announce, go } from '../app.js';

/** Renders the sign-in form; `next` is the route to open afterwards. */
export function render(main, { next }) {
  const input = h('input', { type: 'password', name: 'key', required: true, autocomplete: 'off', spellcheck: 'false' });
  const message = h('p', { id: 'signin-error', class: 'error', role: 'alert', hidden: true });
  const form = h('form', { class: 'card narrow', 'aria-labelledby': 'signin-h' },
    h('h1', { id: 'signin-h' }, t('signin_title')),
    h('p', {}, t('signin_intro')),
    field('api-key', t('api_key'), input),
    message,
    h('button', { type: 'submit' }, t('signin_button')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    message.hidden = true;
    try {
      const me = await signIn(input.value.trim());
      announce(t('signed_in', { user: me.user }));
      go(next && next !== '#/signin' ? next : '#/search');
    } catch (e) {
      message.textContent = t('signin_failed', { detail: errorText(e) });
      message.hidden = false;
      input.focus();
    }
  });
  replace(main, form);
  input.focus();
}
