// The browser part of bench/search.py: cold one-word queries in headless Chromium, against a built
// site served from this machine, for debrief's search page and for Pagefind's JS API.
//
// Usage: node bench/search_cold.mjs SITE_OUTPUT WORDS_JSON [RUNS]
//   SITE_OUTPUT  a built site (debrief's output folder; Pagefind's bundle in pagefind_bench/ if measured)
//   WORDS_JSON   e.g. '["latency","brownout"]'
//   RUNS         queries per tool and word (default 1); bytes and requests come from the first
// Prints one JSON object: {"debrief": {WORD: result}, "pagefind": {WORD: result}} where a result is
// {requests, raw, gzip, files: [[path, raw, gzip]...], code_requests, code_raw, code_gzip, results, ms: [...]}.
//
// Each query gets a fresh browser context (empty cache), loads the page, and ends when the first
// screen of results is rendered. Every response the local server sends is logged, so requests made by
// workers count too. "gzip" is each response gzipped at zlib's default level 6, as a static host
// compressing on the fly would send it; "requests" and the bytes count the index's data files only
// (debrief: search/* except the page itself; Pagefind: pagefind_bench/* except its scripts and
// WebAssembly), the scripts and WebAssembly of each client are reported apart as "code".
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const [dir, wordsJson, runsArg] = process.argv.slice(2);
if (!dir || !wordsJson) {
  console.error('usage: node bench/search_cold.mjs SITE_OUTPUT WORDS_JSON [RUNS]');
  process.exit(2);
}
const words = JSON.parse(wordsJson);
const runs = Math.max(1, Number(runsArg || 1));
const root = path.resolve(dir);
const FIRST_SCREEN = 5;

// A minimal page on Pagefind's own JS API: search, then the data of the first screen (as its default
// UI loads it: five results), rendered as a list.
const PAGEFIND_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pagefind</title></head>
<body><p id="status"></p><ol id="results"></ol>
<script type="module">
const q = new URLSearchParams(location.search).get('q');
const pf = await import('/pagefind_bench/pagefind.js');
const search = await pf.search(q);
const data = await Promise.all(search.results.slice(0, ${FIRST_SCREEN}).map((r) => r.data()));
const list = document.getElementById('results');
for (const d of data) {
  const li = document.createElement('li');
  li.innerHTML = '<a></a><p></p>';
  li.querySelector('a').href = d.url;
  li.querySelector('a').textContent = d.meta.title;
  li.querySelector('p').innerHTML = d.excerpt;
  list.append(li);
}
document.getElementById('status').textContent = search.results.length + ' results';
document.body.dataset.results = String(search.results.length);
</script></body></html>`;

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.json': 'application/json',
  '.css': 'text/css', '.wasm': 'application/wasm', '.svg': 'image/svg+xml' };
const gzipped = new Map();
let log = [];

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  let body;
  let type = 'text/html; charset=utf-8';
  if (url.pathname === '/__bench/pagefind.html') {
    body = Buffer.from(PAGEFIND_PAGE);
  } else {
    let file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    try {
      if (statSync(file).isDirectory()) file = path.join(file, 'index.html');
      body = readFileSync(file);
      type = TYPES[path.extname(file)] || 'application/octet-stream';
    } catch {
      res.writeHead(404).end();
      return;
    }
  }
  if (!gzipped.has(url.pathname)) gzipped.set(url.pathname, gzipSync(body, { level: 6 }).length);
  log.push({ path: url.pathname, raw: body.length, gzip: gzipped.get(url.pathname) });
  res.writeHead(200, { 'content-type': type, 'content-length': body.length });
  res.end(body);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

// Which logged responses are index data, and which are the client's code.
const TOOLS = {
  debrief: {
    url: (w) => `${origin}/search/?q=${encodeURIComponent(w)}`,
    data: (p) => p.startsWith('/search/') && p !== '/search/' && p !== '/search/index.html',
    code: (p) => /^\/static\/search[^/]*\.js$/.test(p),
    // The status line says how many results; wait until the first screen of them is in the list.
    done: (first) => {
      const status = document.querySelector('.search-status')?.textContent || '';
      if (!status) return false;
      const m = status.match(/^\s*(\d+)/);
      const n = m ? Number(m[1]) : /^No results/.test(status) ? 0 : -1;
      return document.querySelectorAll('.search-results > li').length >= Math.min(first, Math.max(n, 0)) && { n };
    },
  },
  pagefind: {
    url: (w) => `${origin}/__bench/pagefind.html?q=${encodeURIComponent(w)}`,
    data: (p) => p.startsWith('/pagefind_bench/') && !TOOLS.pagefind.code(p) && !p.endsWith('.css'),
    code: (p) => /^\/pagefind_bench\/(pagefind(-worker)?\.js|wasm\.[^/]+)$/.test(p),
    done: () => document.body?.dataset.results !== undefined && { n: Number(document.body.dataset.results) },
  },
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
const sum = (xs, k) => xs.reduce((a, x) => a + x[k], 0);
const out = {};
try {
  for (const [tool, t] of Object.entries(TOOLS)) {
    if (tool === 'pagefind') {
      try { statSync(path.join(root, 'pagefind_bench', 'pagefind.js')); } catch { continue; }
    }
    out[tool] = {};
    for (const word of words) {
      let result;
      const ms = [];
      for (let run = 0; run < runs; run++) {
        const context = await browser.newContext();
        const page = await context.newPage();
        const errors = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        log = [];
        const t0 = performance.now();
        await page.goto(t.url(word));
        const handle = await page.waitForFunction(t.done, FIRST_SCREEN, { timeout: 60000 });
        ms.push(performance.now() - t0);
        const { n } = await handle.jsonValue();
        await page.waitForTimeout(200); // anything still in flight after the first screen counts too
        await context.close();
        if (n < 0 || errors.length) throw new Error(`${tool} "${word}": the search failed ${errors.join('; ')}`);
        if (run === 0) {
          const data = log.filter((r) => t.data(r.path));
          const code = log.filter((r) => t.code(r.path));
          result = {
            requests: data.length, raw: sum(data, 'raw'), gzip: sum(data, 'gzip'),
            files: data.map((r) => [r.path, r.raw, r.gzip]),
            code_requests: code.length, code_raw: sum(code, 'raw'), code_gzip: sum(code, 'gzip'),
            results: n,
          };
        }
      }
      out[tool][word] = { ...result, ms };
    }
  }
} finally {
  await browser.close();
  server.close();
}
console.log(JSON.stringify(out));
