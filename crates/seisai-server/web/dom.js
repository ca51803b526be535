// Small DOM helpers: elements are built from text nodes only (never
// innerHTML), so names and documents from the lists cannot inject markup.

/** Creates an element: h('a', {href: '#/x', class: 'y'}, 'text', child). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

/** Appends children (strings, numbers, nodes, arrays; null skipped). */
export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** Replaces the content of `el`. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** A table with a caption, header cells and rows (arrays of cells). */
export function table(caption, headers, rows, cls = '') {
  return h('div', { class: 'table-wrap' },
    h('table', { class: cls },
      caption ? h('caption', {}, caption) : null,
      h('thead', {}, h('tr', {}, headers.map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, rows.map((r) => (r instanceof Node ? r : h('tr', {}, r.map((c) => h('td', {}, c))))))));
}

/** A labelled form field; `input` is the control (its id is set). */
export function field(id, label, input, hint) {
  input.id = id;
  if (hint) input.setAttribute('aria-describedby', `${id}-hint`);
  return h('div', { class: 'field' }, h('label', { for: id }, label), input, hint ? h('small', { id: `${id}-hint` }, hint) : null);
}

/** A score bar (a labelled meter with the percentage beside it). */
export function scoreBar(score, label) {
  const pct = Math.round((Number(score) || 0) * 100);
  const bar = h('span', { class: 'bar-fill' });
  bar.style.width = `${Math.max(0, Math.min(100, pct))}%`;
  return h('span', { class: 'score', role: 'meter', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': pct, 'aria-label': label },
    h('span', { class: 'bar-track' }, bar), h('span', { class: 'bar-num' }, `${pct}%`));
}

/** A definition list from [term, value] pairs, skipping empty values. */
export function dl(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(([, v]) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && !v.length))
    .map(([k, v]) => [h('dt', {}, k), h('dd', {}, Array.isArray(v) ? v.join(', ') : v)]));
}
