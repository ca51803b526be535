// End-to-end test of the seisai web application in Debian's Chromium.
//
// Starts `seisai serve` (binary from SEISAI_BIN) on 127.0.0.1 with a fresh
// data directory holding real lists from SEISAI_TEST_DATA (default
// ../shared/data), makes an analyst and an approver key, then drives the
// application: sign-in, a katakana name search, an entity page, a pacs.008
// check, an alert proposed by the analyst and approved by the approver,
// the language switch, and screenshots at 1280×800 and 390×844 (into
// SEISAI_E2E_ARTEFACTS, default e2e/artefacts). Every request to anything
// but 127.0.0.1 is blocked and fails the test.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, openSync, readFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const BIN = process.env.SEISAI_BIN;
const DATA = path.resolve(process.env.SEISAI_TEST_DATA || path.join(root, '..', 'shared', 'data'));
const REFERENCE = path.resolve(DATA, '..', 'reference');
const ARTEFACTS = path.resolve(process.env.SEISAI_E2E_ARTEFACTS || path.join(here, 'artefacts'));
const CHROMIUM = process.env.SEISAI_CHROMIUM || '/usr/bin/chromium';
const PACS008 = path.join(REFERENCE, 'messages', 'pacs008_example.xml');
const WIDE = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

const run = { tmp: null, server: null, context: null, base: '', keys: {}, users: {}, blocked: [], pageErrors: [], alertId: null };

function seisai(args) {
  return execFileSync(BIN, ['--data-dir', path.join(run.tmp, 'data'), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Makes a key with `role` for `user`. */
function makeKey(role, user) {
  return { key: seisai(['keys', 'add', '--role', role, '--user', user]).trim(), user };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitReady(url, ms) {
  const until = Date.now() + ms;
  let last = '';
  while (Date.now() < until) {
    if (run.server.exitCode !== null) throw new Error(`the server exited with ${run.server.exitCode}; see ${ARTEFACTS}/server.log`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
      last = `${r.status}`;
    } catch (e) {
      last = e.message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server was not ready within ${ms} ms (${last})`);
}

/** A new tab that reports page errors and console errors (CSP violations among them). */
async function newPage(size = WIDE) {
  const page = await run.context.newPage();
  await page.setViewportSize(size);
  page.on('pageerror', (e) => run.pageErrors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) run.pageErrors.push(`console: ${m.text()}`); });
  return page;
}

async function signIn(page, who) {
  await page.goto(`${run.base}/#/signin`);
  await page.getByLabel(/API キー|API key/).fill(run.keys[who]);
  await page.getByRole('button', { name: /サインイン|Sign in/ }).click();
  await page.locator('.who').filter({ hasText: run.users[who] }).waitFor();
}

async function shoot(page, name) {
  for (const [label, size] of [['1280x800', WIDE], ['390x844', PHONE]]) {
    await page.setViewportSize(size);
    await page.waitForTimeout(100);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `${name} at ${label} is wider than the screen by ${overflow} px`);
    await page.screenshot({ path: path.join(ARTEFACTS, `${name}-${label}.png`), fullPage: label === '1280x800' });
  }
  await page.setViewportSize(WIDE);
}

before(async () => {
  assert.ok(BIN, 'SEISAI_BIN must name the seisai binary');
  assert.ok(existsSync(PACS008), `the example pacs.008 is missing: ${PACS008}`);
  mkdirSync(ARTEFACTS, { recursive: true });
  run.tmp = mkdtempSync(path.join(tmpdir(), 'seisai-e2e-'));
  seisai(['import', 'us_ofac_sdn', path.join(DATA, 'ofac', 'sdn-2022-12-15.csv')]);
  seisai(['import', 'us_ofac_sdn', path.join(DATA, 'ofac', 'sdn-2024-05-03.csv')]);
  seisai(['import', 'un_sc', path.join(DATA, 'un', 'un-consolidated-2026-02-27.xml')]);
  for (const [who, role] of [['alice', 'analyst'], ['bob', 'approver']]) {
    const made = makeKey(role, who);
    run.keys[who] = made.key;
    run.users[who] = made.user;
  }
  const port = await freePort();
  run.base = `http://127.0.0.1:${port}`;
  const log = openSync(path.join(ARTEFACTS, 'server.log'), 'w');
  run.server = spawn(BIN, ['--data-dir', path.join(run.tmp, 'data'), 'serve', '--addr', `127.0.0.1:${port}`, '--policies', path.join(root, 'policies')],
    { stdio: ['ignore', log, log], env: { ...process.env, RUST_LOG: 'warn' } });
  await waitReady(`${run.base}/readyz`, 120_000);
  run.context = await chromium.launchPersistentContext(path.join(run.tmp, 'chromium-profile'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: WIDE,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  run.context.setDefaultTimeout(30_000);
  await run.context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') return route.continue();
    run.blocked.push(url.href);
    return route.abort('blockedbyclient');
  });
});

after(async () => {
  if (run.context) await run.context.close();
  if (run.server && run.server.exitCode === null) run.server.kill('SIGTERM');
  if (run.tmp) rmSync(run.tmp, { recursive: true, force: true });
});

test('the application is served without a key, with a strict content security policy', async () => {
  const r = await fetch(`${run.base}/`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /text\/html/);
  assert.match(r.headers.get('content-security-policy'), /script-src 'self'/);
  const js = await fetch(`${run.base}/ui/app.js`);
  assert.match(js.headers.get('content-type'), /javascript/);
  assert.equal((await fetch(`${run.base}/lists`)).status, 401, 'the API itself still needs a key');
});

test('sign in, search a katakana name and see the Latin-listed entity with its explanation', async () => {
  const page = await newPage();
  await signIn(page, 'alice');
  await page.getByLabel(/名前（どの文字でも可）|Name \(any script\)/).fill('ウラジーミル・プーチン');
  await page.getByLabel(/生年月日|Birth date/).fill('1952-10-07');
  await page.getByRole('button', { name: /^(検索|Search)$/ }).click();
  const first = page.locator('li.result').first();
  await first.waitFor();
  assert.match(await first.locator('h2').innerText(), /PUTIN/);
  const why = first.locator('details.why');
  assert.equal(await why.getAttribute('open'), '', 'the best result shows its explanation');
  assert.match(await why.locator('.pair').innerText(), /ウラジーミル・プーチン[\s\S]*Vladimir Vladimirovich PUTIN/);
  const marked = await why.locator('.forms mark').allInnerTexts();
  assert.ok(marked.includes('vladimir') && marked.includes('putin'), `matched parts highlighted: ${marked}`);
  assert.ok(await why.locator('table.alignment tbody tr').count() >= 2, 'the alignment lists the parts');
  assert.match(await why.locator('table.features').innerText(), /生年月日|birth date/);
  await shoot(page, 'search');
  await first.locator('h2 a').click();
  await page.locator('h1', { hasText: 'Vladimir Vladimirovich PUTIN' }).waitFor();
  assert.match(await page.locator('#history-h + .table-wrap, #history-h ~ .table-wrap').first().innerText(), /2022年12月15日（令和4年12月15日）/);
  assert.match(await page.locator('main').innerText(), /1952年10月7日（昭和27年10月7日）/);
  await shoot(page, 'entity');
  await page.close();
});

test('check the example pacs.008 and see its hits highlighted in the document', async () => {
  const page = await newPage();
  await signIn(page, 'alice');
  await page.goto(`${run.base}/#/document`);
  await page.getByLabel(/ファイルから読み込む|Load from a file/).setInputFiles(PACS008);
  await page.waitForFunction(() => document.querySelector('#doc-text')?.value.includes('FIToFICstmrCdtTrf'));
  await page.getByRole('button', { name: /チェック|Check/ }).click();
  await page.locator('#decision-h').waitFor();
  const reasons = page.locator('table.reasons tbody tr');
  assert.ok(await reasons.count() >= 1, 'the decision has reasons');
  const table = await page.locator('table.reasons').innerText();
  assert.match(table, /Crimea|Simferopol/);
  assert.match(table, /UltmtCdtr/, 'hit locations name the element');
  const marks = await page.locator('pre.document mark').allInnerTexts();
  assert.ok(marks.includes('Simferopol'), `hits highlighted in the document: ${marks}`);
  const link = page.locator('a[href^="#/alerts/"]');
  if (await link.count()) run.alertId = decodeURIComponent((await link.getAttribute('href')).slice('#/alerts/'.length));
  await shoot(page, 'document');
  await page.close();
});

test('an analyst proposes a disposition and a second user with the approver role approves it', async () => {
  const alice = await newPage();
  await signIn(alice, 'alice');
  await alice.goto(`${run.base}/#/alerts`);
  await alice.locator('#alert-list-h').waitFor();
  const missing = alice.locator('main .error');
  if (await missing.count()) assert.fail(`the alert queue cannot be shown: ${await missing.innerText()}`);
  const rows = alice.locator('table.alerts tbody tr');
  assert.ok(await rows.count() >= 1, 'the document check left an alert in the queue');
  await shoot(alice, 'alerts');
  const id = run.alertId;
  if (id) await alice.goto(`${run.base}/#/alerts/${encodeURIComponent(id)}`);
  else await rows.first().locator('a').click();
  await alice.getByLabel(/^(処理|Disposition)$/).selectOption('false_positive');
  await alice.getByLabel(/^(理由|Reason)$/).fill('Different party: the address is the only hit and it is a known customer site.');
  await alice.getByRole('button', { name: /処理案を提出|Propose/ }).click();
  await alice.locator('#four-eyes').waitFor();
  assert.match(await alice.locator('#alert-status').innerText(), /承認待ち|pending approval/);
  assert.equal(await alice.getByRole('button', { name: /^(承認|Approve)$/ }).count(), 0, 'the proposer is not offered approval');
  const alertUrl = alice.url();
  await shoot(alice, 'alert');
  await alice.close();

  const bob = await newPage();
  await signIn(bob, 'bob');
  await bob.goto(alertUrl);
  await bob.getByLabel(/^(コメント|Comment)$/).fill('Agreed.');
  await bob.getByRole('button', { name: /^(承認|Approve)$/ }).click();
  await bob.locator('#alert-status', { hasText: /完了（誤検知）|closed: false positive/ }).waitFor();
  assert.match(await bob.locator('table').last().innerText(), /承認|approved/, 'the history records the approval');
  await bob.close();
});

test('the language switch turns every label to English and dates to English form', async () => {
  const page = await newPage();
  await signIn(page, 'alice');
  await page.goto(`${run.base}/#/measures`);
  await page.locator('h1').waitFor();
  const japanese = await page.locator('table').last().innerText();
  assert.match(japanese, /輸出禁止/, 'measure titles in Japanese on a Japanese screen');
  assert.match(japanese, /外国為替及び外国貿易法第48条第3項/, 'legal basis in Japanese on a Japanese screen');
  await page.locator('#lang-switch').click();
  await page.locator('h1', { hasText: 'Measures' }).waitFor();
  assert.match(await page.locator('table').last().innerText(), /FEFTA Art\. 48\(3\)/, 'legal basis in English on an English screen');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  const chrome = (await page.locator('#brand, #nav, #sign-out').allInnerTexts()).join(' ');
  assert.doesNotMatch(chrome, /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u, `English header: ${chrome}`);
  const labels = await page.locator('main label, main th, main h1, main button').allInnerTexts();
  assert.doesNotMatch(labels.join(' '), /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u, 'no Japanese label on an English screen');
  assert.match(await page.locator('table').last().innerText(), /\d{1,2} [A-Z][a-z]{2} \d{4}/, 'dates written 28 Nov 2026');
  await shoot(page, 'measures-en');
  await page.goto(`${run.base}/#/lists`);
  await page.locator('h1', { hasText: 'Lists' }).waitFor();
  await page.getByRole('button', { name: /Latest changes of us_ofac_sdn/ }).click();
  await page.locator('#diff-h').waitFor();
  assert.match(await page.locator('#diff').innerText(), /added/);
  await shoot(page, 'lists-en');
  await page.reload();
  await page.locator('h1', { hasText: 'Lists' }).waitFor();
  await page.locator('#lang-switch').click();
  await page.locator('h1', { hasText: 'リスト' }).waitFor();
  await page.close();
});

test('no request left the machine and no page reported an error', () => {
  assert.deepEqual(run.blocked, [], 'requests to other hosts were attempted');
  assert.deepEqual(run.pageErrors, [], 'errors in the page');
});
