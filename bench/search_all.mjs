// Every key of a built index as a cold one-word query, through the real client
// (themes/default/static/search*.js): what each costs in requests and gzipped bytes, as the search
// page loads it (the query, then the cards of its first screen).
//
// Usage: node bench/search_all.mjs SEARCH_DIR [--json] [--worst N]
//   SEARCH_DIR  the index folder (a built site's search/, holding entry.json)
//   --json      print one JSON object instead of the summary
//   --worst N   list the N costliest queries (default 10)
//
// A key is the spelling of a word as some report writes it; every spelling a reader can type whole
// is one, so this is every one-word query that finds something. Each query gets a fresh client (an
// empty cache, as a first visit); files are read from disk and decoded once for all queries, which
// changes nothing a query fetches. "gzip" is each file gzipped at zlib's level 6, as a static host
// compressing on the fly sends it; requests and bytes count the index's files (entry included).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const S = require('../themes/default/static/search.js');
const { Searcher } = require('../themes/default/static/search-index.js');

const args = process.argv.slice(2);
const dir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--worst');
if (!dir) {
  console.error('usage: node bench/search_all.mjs SEARCH_DIR [--json] [--worst N]');
  process.exit(2);
}
const asJson = args.includes('--json');
const worstCount = args.includes('--worst') ? Number(args[args.indexOf('--worst') + 1]) : 10;
const ENTRY = pathToFileURL(path.resolve(dir, 'entry.json')).href;
const LIMIT_REQUESTS = 5;
const LIMIT_GZIP = 70 * 1024;

const raw = new Map();
function bytesOf(url) {
  if (!raw.has(url)) raw.set(url, readFileSync(fileURLToPath(url)));
  return raw.get(url);
}
const gzipOf = new Map();
function gzipSize(url) {
  if (!gzipOf.has(url)) gzipOf.set(url, gzipSync(bytesOf(url), { level: 6 }).length);
  return gzipOf.get(url);
}

// Decoded files shared by every query: a fresh client still logs each file it asks for.
const decoded = new Map();
class Cold extends Searcher {
  file(name, decode) {
    if (!this.files.has(name)) {
      const url = new URL(name, this.entryUrl).href;
      this.log.push(url);
      if (!decoded.has(url)) {
        const b = bytesOf(url);
        decoded.set(url, Promise.resolve(decode(b.buffer.slice(b.byteOffset, b.byteOffset + b.length))));
      }
      this.files.set(name, decoded.get(url));
    }
    return this.files.get(name);
  }
}

/** One cold query as the page runs it: search (entry, metadata, shard), then the cards of its first screen. */
async function cold(query) {
  const s = new Cold(ENTRY);
  const result = await s.search(query);
  const entry = await s.entry();
  const first = result.docs.slice(0, entry.leads).map((d) => d.doc);
  await s.cards(first);
  return { requests: s.log.length, gzip: s.log.reduce((a, u) => a + gzipSize(u), 0), results: result.total, log: s.log };
}

const entry = JSON.parse(bytesOf(ENTRY).toString('utf8'));
const keys = [];
for (let i = 0; i < entry.shard_files.length; i++) {
  const b = bytesOf(new URL(entry.shard_files[i], ENTRY).href);
  for (const k of (await S.decodeShard(b.buffer.slice(b.byteOffset, b.byteOffset + b.length))).keys) keys.push(k.key);
}

const costs = [];
const t0 = performance.now();
for (const key of keys) {
  const c = await cold(key);
  if (!c.results) throw new Error(`the key "${key}" found nothing`);
  costs.push({ key, ...c });
}
const seconds = (performance.now() - t0) / 1e3;

const requests = {};
for (const c of costs) requests[c.requests] = (requests[c.requests] || 0) + 1;
const sorted = costs.map((c) => c.gzip).sort((a, b) => a - b);
const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const byResults = {};
for (const c of costs) {
  const bucket = c.results <= 10 ? String(c.results) : c.results <= 100 ? '11-100' : '>100';
  const b = (byResults[bucket] ||= { keys: 0, max_requests: 0, over: 0 });
  b.keys++;
  b.max_requests = Math.max(b.max_requests, c.requests);
  if (c.requests > LIMIT_REQUESTS) b.over++;
}
const worst = [...costs].sort((a, b) => b.requests - a.requests || b.gzip - a.gzip).slice(0, worstCount)
  .map((c) => ({ key: c.key, requests: c.requests, gzip: c.gzip, results: c.results, files: c.log.map((u) => path.basename(u)) }));
const summary = {
  keys: costs.length,
  requests,
  max_requests: costs.reduce((m, c) => Math.max(m, c.requests), 0),
  over_requests: costs.filter((c) => c.requests > LIMIT_REQUESTS).length,
  gzip: { max: sorted[sorted.length - 1], p99: pct(99), p50: pct(50) },
  over_gzip: costs.filter((c) => c.gzip > LIMIT_GZIP).length,
  by_results: byResults,
  worst,
  seconds,
};

if (asJson) {
  console.log(JSON.stringify(summary));
} else {
  const kb = (b) => (b / 1024).toFixed(1) + ' KB';
  console.log(`${summary.keys} keys, each a cold one-word query (${seconds.toFixed(1)} s)`);
  console.log('  requests: ' + Object.entries(requests).map(([r, n]) => `${r}: ${n}`).join(', '));
  console.log(`  over ${LIMIT_REQUESTS} requests: ${summary.over_requests}; over ${kb(LIMIT_GZIP)}: ${summary.over_gzip}`);
  console.log(`  gzip: max ${kb(summary.gzip.max)}, p99 ${kb(summary.gzip.p99)}, median ${kb(summary.gzip.p50)}`);
  console.log('  by result count: ' + Object.entries(byResults)
    .map(([r, b]) => `${r}: ${b.keys} keys, ≤ ${b.max_requests} requests${b.over ? `, ${b.over} over` : ''}`).join('; '));
  for (const w of worst) console.log(`  ${w.requests} requests, ${kb(w.gzip)}: "${w.key}" (${w.results} results) ${w.files.join(' ')}`);
}
