// The search page end to end, in headless Chromium (playwright-core), on the fixture archive
// tests/fixtures/search/ built twice (public, and `--audience internal`) and served on 127.0.0.1.
// Each check asserts on the rendered DOM of search/index.html:
//   inflection    "lagringssystemet" finds the Norwegian report that says only "lagringssystem(er)"
//   plural        typing "outages" finds the English report that says only "outage"
//   typo          "hypervosor" (one letter off) finds the "hypervisor" report
//   folding       "blabaer" finds the report that says "blåbær"
//   ticket        "OPS-412" finds exactly the report with that ticket, not the one with OPS-413
//   facet         "database" has six results, five on the first screen, and severity boxes that count
//                 six; ticking sev2 (counted 2) leaves its two reports, all sev2
//   facet keys    Space on a facet box ticks it and leaves the focus on it
//   more          "More results" (Enter) shows the sixth, hides itself and focuses the new result
//   url           loading the facet's ?q=…&severity=… URL fresh shows the same results, box ticked
//   header        the header box of an incident page submits to the search page, which shows results
//   submit        typing and pressing Enter at once gives the results of the query's URL
//   none          zero results say so; with a facet set they name the facet to remove (by its label)
//   markup        a title `<img src=x onerror=alert(1)>` is text: no img element, no dialog
//   internal      the internal report's word finds nothing in the public build (and it in the internal one)
//   keyboard      ArrowDown from the box focuses the first result link, ArrowUp/Escape go back
//   announce      the count is written into the role=status, aria-live=polite paragraph
// Every check also fails on an uncaught script error or a failed same-site request.
// usage: node search.mjs DEBRIEF_BINARY FIXTURE_DIR
// Prints one line per check and exits 1 if any fails. Without Chromium it exits 0 with SKIP, unless
// CI=true, where that is a failure too.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { launch } from './chromium.mjs';

const NOW = '2026-11-28';
const [binary, fixture] = process.argv.slice(2);
if (!binary || !fixture) {
  console.error('usage: node search.mjs DEBRIEF_BINARY FIXTURE_DIR');
  process.exit(2);
}
const inCi = /^(true|1|yes)$/i.test(process.env.CI || '');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!fs.existsSync(chromiumPath)) {
  console.log(`search: ${inCi ? 'FAIL' : 'SKIP'}: ${chromiumPath} is missing`);
  process.exit(inCi ? 1 : 0);
}

// ---- build and serve -------------------------------------------------------------------------------
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'debrief-search-'));
function build(name, ...extra) {
  const out = path.join(tmp, name);
  const run = spawnSync(binary, ['-C', fixture, 'build', '--now', NOW, ...extra, '--output', out], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`debrief build ${extra.join(' ')} failed:\n${run.stderr}`);
  return out;
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.xml': 'application/xml', '.svg': 'image/svg+xml', '.ics': 'text/calendar' };
// A static file server for `dir` on a free port of 127.0.0.1; resolves to its base URL.
function serve(dir) {
  const server = http.createServer((req, res) => {
    let file = path.join(dir, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (!file.startsWith(dir)) file = path.join(dir, '404.html');
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    const found = fs.existsSync(file);
    const body = fs.readFileSync(found ? file : path.join(dir, '404.html'));
    res.writeHead(found ? 200 : 404, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
    res.end(body);
  });
  servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}/`)));
}
const servers = [];

// ---- helpers ------------------------------------------------------------------------------------------
let browser;
const failures = [];
const results = [];

// One check: `body(page, problems)` pushes into `problems`; a new page per check, watched for script
// errors, dialogs and failed same-site requests.
async function check(name, body) {
  const problems = [];
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on('pageerror', (e) => problems.push(`script error: ${e.message.split('\n')[0]}`));
  page.on('response', (r) => {
    if (r.url().startsWith('http://127.0.0.1') && r.status() >= 400 && !r.url().endsWith('/favicon.ico')) {
      problems.push(`HTTP ${r.status()} for ${r.url()}`);
    }
  });
  try {
    await body(page, problems, dialogs);
  } catch (e) {
    problems.push(e.message.split('\n')[0]);
  } finally {
    await context.close();
  }
  if (dialogs.length) problems.push(`a dialog opened: ${dialogs.join(', ')}`);
  results.push(name);
  if (problems.length) {
    failures.push(name);
    console.log(`search: FAIL ${name}: ${problems.join('; ')}`);
  } else {
    console.log(`search: ok   ${name}`);
  }
}

// What the search page shows once it has settled: the status text, the result titles and links, the
// severities, and the facets with their counts.
async function shown(page) {
  // Settled: a status was written and nothing has changed for 400 ms.
  let last = '';
  let stable = 0;
  for (let i = 0; i < 100 && stable < 4; i++) {
    const now = await page.evaluate(() => document.querySelector('.search')?.innerHTML ?? '');
    const said = await page.evaluate(() => document.querySelector('.search-status')?.textContent.trim() ?? '');
    stable = now === last && said ? stable + 1 : 0;
    last = now;
    await page.waitForTimeout(100);
  }
  return await page.evaluate(() => ({
    status: document.querySelector('.search-status')?.textContent.trim() ?? '',
    titles: [...document.querySelectorAll('.search-results a.search-title')].map((a) => a.textContent),
    hrefs: [...document.querySelectorAll('.search-results a.search-title')].map((a) => new URL(a.href).pathname),
    severities: [...document.querySelectorAll('.search-results .search-result')]
      .map((li) => li.querySelector('.search-severity')?.textContent ?? ''),
    facets: Object.fromEntries([...document.querySelectorAll('.search-facet input[type="checkbox"]')]
      .map((box) => [`${box.name}=${box.value}`, {
        checked: box.checked,
        count: Number((box.closest('label')?.querySelector('.search-count')?.textContent ?? '').replace(/\D/g, '')),
      }])),
  }));
}

let publicUrl, internalUrl;
const searchUrl = (base, params) => `${base}search/?${new URLSearchParams(params)}`;
async function search(page, params, base = publicUrl) {
  await page.goto(searchUrl(base, params));
  return await shown(page);
}
// `incidents/<slug>/` for each slug.
const paths = (...slugs) => slugs.map((s) => `/incidents/${s}/`);
// The reports that say "database" (six: one more than the first screen) and the first screen's length.
const DATABASE = paths('2025-02-03-blabaer', '2025-03-10-api-outage', '2025-04-22-hypervisor', '2025-05-05-replica-lag',
  '2025-08-12-connection-pool', '2025-09-30-disk-full');
const FIRST_SCREEN = 5;
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
function expectResults(problems, got, want, what) {
  if (!same([...got.hrefs].sort(), [...want].sort())) {
    problems.push(`${what}: want ${want.join(' ') || 'no results'}, got ${got.hrefs.join(' ') || 'none'} (status "${got.status}")`);
  }
}

// ---- the checks ---------------------------------------------------------------------------------------
async function checks() {
  await check('inflection: "lagringssystemet" finds the report saying "lagringssystem(er)"', async (page, problems) => {
    const got = await search(page, { q: 'lagringssystemet' });
    expectResults(problems, got, paths('2025-01-14-lagring'), 'lagringssystemet');
  });

  await check('plural: typing "outages" finds the report saying "outage"', async (page, problems) => {
    await page.goto(publicUrl + 'search/');
    await page.locator('#search-q').pressSequentially('outages', { delay: 30 });
    const got = await shown(page);
    expectResults(problems, got, paths('2025-03-10-api-outage'), 'outages');
    if (!new URL(page.url()).search.includes('q=outages')) problems.push(`the URL keeps no query: ${page.url()}`);
  });

  await check('typo: "hypervosor" finds the "hypervisor" report', async (page, problems) => {
    expectResults(problems, await search(page, { q: 'hypervosor' }), paths('2025-04-22-hypervisor'), 'hypervosor');
  });

  await check('folding: "blabaer" finds the report saying "blåbær"', async (page, problems) => {
    expectResults(problems, await search(page, { q: 'blabaer' }), paths('2025-02-03-blabaer'), 'blabaer');
  });

  await check('ticket: "OPS-412" finds its report only', async (page, problems) => {
    expectResults(problems, await search(page, { q: 'OPS-412' }), paths('2025-04-22-hypervisor'), 'OPS-412');
  });

  let filteredUrl = '';
  let filtered = null;
  await check('facet: ticking severity sev2 narrows "database" to the two it counted', async (page, problems) => {
    const all = await search(page, { q: 'database' });
    if (!all.status.startsWith(`${DATABASE.length} results`) || all.hrefs.length !== FIRST_SCREEN) {
      problems.push(`"database": status "${all.status}", ${all.hrefs.length} shown; want ${DATABASE.length} results, ${FIRST_SCREEN} shown`);
    }
    const severities = Object.entries(all.facets).filter(([k]) => k.startsWith('severity='));
    const counted = severities.reduce((sum, [, f]) => sum + f.count, 0);
    if (counted !== DATABASE.length) problems.push(`the severity boxes count ${counted} in all, not ${DATABASE.length}`);
    const facet = all.facets['severity=sev2'];
    if (!facet) {
      problems.push(`no severity sev2 box; boxes: ${Object.keys(all.facets).join(' ')}`);
      return;
    }
    if (facet.count !== 2) problems.push(`the sev2 box counts ${facet.count}, not 2`);
    await page.check('.search-facet input[name="severity"][value="sev2"]');
    filtered = await shown(page);
    expectResults(problems, filtered, paths('2025-04-22-hypervisor', '2025-05-05-replica-lag'), 'database with sev2');
    // Severities are shown by the site's labels: sev2 is "Major" in English.
    if (filtered.severities.some((s) => s !== 'Major')) problems.push(`severities shown: ${filtered.severities.join(' ')}`);
    if (filtered.facets['severity=sev2']?.count !== filtered.hrefs.length) {
      problems.push(`after ticking, the sev2 box counts ${filtered.facets['severity=sev2']?.count}, ${filtered.hrefs.length} shown`);
    }
    if (!filtered.status.includes(String(filtered.hrefs.length))) problems.push(`the status says "${filtered.status}"`);
    filteredUrl = page.url();
    const params = new URL(filteredUrl).searchParams;
    if (params.get('q') !== 'database' || !same(params.getAll('severity'), ['sev2'])) {
      problems.push(`the URL does not hold the query and the facet: ${filteredUrl}`);
    }
  });

  await check('facet keys: Space on a facet box ticks it and leaves the focus on it', async (page, problems) => {
    await search(page, { q: 'database' });
    await page.focus('.search-facet input[name="severity"][value="sev2"]');
    await page.keyboard.press('Space');
    const got = await shown(page);
    expectResults(problems, got, paths('2025-04-22-hypervisor', '2025-05-05-replica-lag'), 'database with sev2 by keyboard');
    const focus = await page.evaluate(() => {
      const a = document.activeElement;
      return a?.matches('.search-facet input') ? `${a.name}=${a.value}${a.checked ? ' (ticked)' : ''}` : a?.tagName;
    });
    if (focus !== 'severity=sev2 (ticked)') problems.push(`after Space the focus is on ${focus}`);
  });

  await check('more: "More results" shows the rest and moves the focus to the first of them', async (page, problems) => {
    const first = await search(page, { q: 'database' });
    if (first.hrefs.length !== FIRST_SCREEN) problems.push(`${first.hrefs.length} results on the first screen`);
    await page.focus('.search-more');
    await page.keyboard.press('Enter');
    const all = await shown(page);
    expectResults(problems, all, DATABASE, 'database, all of it');
    if (!(await page.isHidden('.search-more'))) problems.push('"More results" is still shown with every result on the page');
    const focus = await page.evaluate(() => {
      const a = document.activeElement;
      return a?.matches('a.search-title') ? new URL(a.href).pathname : a?.tagName;
    });
    if (focus !== all.hrefs[FIRST_SCREEN]) problems.push(`after "More results" the focus is on ${focus}, not ${all.hrefs[FIRST_SCREEN]}`);
  });

  await check('url: loading ?q=database&severity=sev2 fresh shows the same results', async (page, problems) => {
    if (!filtered) throw new Error('the facet check did not get as far as the filtered results');
    await page.goto(filteredUrl);
    const again = await shown(page);
    if (!same(again.hrefs, filtered.hrefs) || again.status !== filtered.status) {
      problems.push(`fresh load shows ${again.hrefs.join(' ')} ("${again.status}"), ticking showed ${filtered.hrefs.join(' ')} ("${filtered.status}")`);
    }
    if (!again.facets['severity=sev2']?.checked) problems.push('the sev2 box is not ticked');
    if (await page.inputValue('#search-q') !== 'database') problems.push('the query box does not hold "database"');
  });

  await check('header: the search box of an incident page lands on the search page with results', async (page, problems) => {
    await page.goto(publicUrl + 'incidents/2025-01-14-lagring/');
    await page.fill('#site-search-q', 'outages');
    await Promise.all([page.waitForURL(/\/search\/\?q=outages$/), page.press('#site-search-q', 'Enter')]);
    expectResults(problems, await shown(page), paths('2025-03-10-api-outage'), 'outages from the header');
    if (await page.inputValue('#search-q') !== 'outages') problems.push('the search page box does not hold the query');
  });

  await check('submit: typing "hyperv" and pressing Enter at once shows what ?q=hyperv shows', async (page, problems) => {
    const byUrl = await search(page, { q: 'hyperv' });
    await page.goto(publicUrl + 'search/');
    await page.fill('#search-q', 'hyperv');
    await page.press('#search-q', 'Enter');
    const typed = await shown(page);
    if (!same(typed.hrefs, byUrl.hrefs) || typed.status !== byUrl.status) {
      problems.push(`after Enter: ${typed.hrefs.join(' ') || 'none'} ("${typed.status}"); the URL shows ${byUrl.hrefs.join(' ') || 'none'} ("${byUrl.status}")`);
    }
  });

  await check('none: zero results say so, and name the facet to remove when one is set', async (page, problems) => {
    const none = await search(page, { q: 'qwxzyv' });
    if (none.hrefs.length || !/no results/i.test(none.status) || !none.status.includes('qwxzyv')) {
      problems.push(`no match shows ${none.hrefs.length} results, status "${none.status}"`);
    }
    if (/remov/i.test(none.status)) problems.push(`with no facet set the status suggests removing one: "${none.status}"`);
    const filteredNone = await search(page, { q: 'outage', severity: 'sev4' });
    if (filteredNone.hrefs.length || !/no results/i.test(filteredNone.status) || !/remov/i.test(filteredNone.status)
        || !filteredNone.status.includes('Low')) {
      problems.push(`"outage" with sev4 shows ${filteredNone.hrefs.length} results, status "${filteredNone.status}"`);
    }
  });

  await check('markup: a title like <img src=x onerror=alert(1)> shows as text', async (page, problems) => {
    const got = await search(page, { q: 'onerror' });
    expectResults(problems, got, paths('2025-06-01-markup-title'), 'onerror');
    if (!same(got.titles, ['<img src=x onerror=alert(1)>'])) problems.push(`the title reads ${JSON.stringify(got.titles)}`);
    const images = await page.locator('main img').count();
    if (images) problems.push(`${images} img element(s) in the page's main`);
    await page.goto(publicUrl + 'incidents/2025-06-01-markup-title/');
    if ((await page.textContent('h1'))?.trim() !== '<img src=x onerror=alert(1)>') problems.push('the incident page h1 is not the title as text');
    await page.waitForTimeout(200);
  });

  await check('internal: the internal report is never found in the public build', async (page, problems) => {
    const pub = await search(page, { q: 'zanzibarium' });
    if (pub.hrefs.length || !/no results/i.test(pub.status)) problems.push(`the public build shows ${pub.hrefs.join(' ')} ("${pub.status}")`);
    // The same word finds it in the internal build, so the public build's silence means something.
    const internal = await search(page, { q: 'zanzibarium' }, internalUrl);
    expectResults(problems, internal, paths('2025-07-07-internal-only'), 'zanzibarium in the internal build');
  });

  await check('keyboard: ArrowDown from the box focuses the first result, ArrowUp and Escape go back', async (page, problems) => {
    const got = await search(page, { q: 'database' });
    await page.focus('#search-q');
    await page.keyboard.press('ArrowDown');
    const focused = () => page.evaluate(() => {
      const a = document.activeElement;
      return a?.id === 'search-q' ? 'box' : a?.matches('a.search-title') ? new URL(a.href).pathname : a?.tagName;
    });
    if (await focused() !== got.hrefs[0]) problems.push(`after ArrowDown the focus is on ${await focused()}, not ${got.hrefs[0]}`);
    await page.keyboard.press('ArrowDown');
    if (await focused() !== got.hrefs[1]) problems.push(`after a second ArrowDown the focus is on ${await focused()}, not ${got.hrefs[1]}`);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    if (await focused() !== 'box') problems.push(`ArrowUp twice leaves the focus on ${await focused()}`);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Escape');
    if (await focused() !== 'box') problems.push(`Escape leaves the focus on ${await focused()}`);
  });

  await check('announce: the count is in the live region', async (page, problems) => {
    await search(page, { q: 'database' });
    const region = await page.evaluate(() => {
      const s = document.querySelector('.search-status');
      return s && { role: s.getAttribute('role'), live: s.getAttribute('aria-live'), text: s.textContent.trim() };
    });
    if (!region || region.role !== 'status' || region.live !== 'polite') problems.push(`the status paragraph is ${JSON.stringify(region)}`);
    else if (!region.text.startsWith(`${DATABASE.length} results for “database”`)) {
      problems.push(`the live region says "${region.text}" for ${DATABASE.length} results`);
    }
  });
}

try {
  const publicDir = build('public');
  const internalDir = build('internal', '--audience', 'internal');
  publicUrl = await serve(publicDir);
  internalUrl = await serve(internalDir);
  browser = await launch();
  await checks();
} catch (e) {
  failures.push('setup');
  console.log(`search: FAIL setup: ${e.message}`);
} finally {
  await browser?.close();
  for (const s of servers) s.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(`search: ${results.length - failures.filter((f) => f !== 'setup').length} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
