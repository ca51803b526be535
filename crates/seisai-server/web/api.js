// Calls to the seisai API with the signed-in key (kept in sessionStorage,
// sent as `Authorization: ApiKey KEY`).

const KEY = 'seisai.key';

/** An error answered by the server: status and its `detail`. */
export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
    this.detail = detail;
  }
}

/** The key in use, or null. */
export function storedKey() {
  return sessionStorage.getItem(KEY);
}

/** Remembers (or, with null, forgets) the key for this tab. */
export function storeKey(key) {
  if (key) sessionStorage.setItem(KEY, key);
  else sessionStorage.removeItem(KEY);
}

/** Builds `path?query` from an object, skipping empty values. */
export function withQuery(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    for (const one of Array.isArray(v) ? v : [v]) if (one !== '' && one !== null && one !== undefined) q.append(k, one);
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/**
 * Calls the API. `json` is sent as JSON, `text` as the raw body; `key`
 * overrides the stored key. Returns the parsed JSON, or the Response
 * itself with `raw: true`. Throws ApiError on a non-2xx answer.
 */
export async function api(path, { method, json, text, key, raw } = {}) {
  const headers = { Accept: 'application/json' };
  const k = key ?? storedKey();
  if (k) headers.Authorization = `ApiKey ${k}`;
  let body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (text !== undefined) {
    body = text;
  }
  const response = await fetch(path, { method: method || (body === undefined ? 'GET' : 'POST'), headers, body });
  if (!response.ok) {
    let detail = response.statusText;
    try {
      const data = await response.json();
      detail = data.detail || JSON.stringify(data);
    } catch {
      // not JSON: keep the status text
    }
    throw new ApiError(response.status, detail);
  }
  if (raw) return response;
  return response.status === 204 ? null : response.json();
}
