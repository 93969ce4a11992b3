// Measures cold one-word queries against a search index on disk, with the client's own logic:
// which files the first screen needs (entry, metadata, shards, card blocks) and their bytes, raw and gzip.
// Usage: node bench/search_cold.mjs DIR WORD...   (DIR holds search/entry.json; see examples/search_bench)
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { pathToFileURL, fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const { Searcher } = require(path.join(here, '../themes/default/static/search-index.js'));

const [dir, ...words] = process.argv.slice(2);
const entryUrl = pathToFileURL(path.resolve(dir, 'search/entry.json'));
for (const word of words) {
  const sizes = [];
  const fetchBytes = async (url) => {
    const bytes = readFileSync(fileURLToPath(url));
    sizes.push({ name: path.basename(fileURLToPath(url)), raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
  };
  const s = new Searcher(entryUrl.href, fetchBytes);
  const t0 = performance.now();
  const result = await s.search(word);
  const entry = await s.entry();
  const first = result.docs.slice(0, entry.leads).map((d) => d.doc);
  await s.cards(first);
  const ms = performance.now() - t0;
  const raw = sizes.reduce((a, f) => a + f.raw, 0), gz = sizes.reduce((a, f) => a + f.gzip, 0);
  console.log(`${word.padEnd(18)} ${String(result.total).padStart(5)} results  ${sizes.length} requests  ` +
    `${(raw / 1024).toFixed(1)} KB raw  ${(gz / 1024).toFixed(1)} KB gzip  ${ms.toFixed(0)} ms  ` +
    `[${sizes.map((f) => `${f.name.split('-')[0]} ${(f.gzip / 1024).toFixed(1)}`).join(', ')}]`);
}

// With --pick: prints words of a common, a medium and a rare term, taken from a few shards.
if (words.length === 0) {
  const S = require(path.join(here, '../themes/default/static/search.js'));
  const s = new Searcher(entryUrl.href, async (url) => { const b = readFileSync(fileURLToPath(url)); return b.buffer.slice(b.byteOffset, b.byteOffset + b.length); });
  const entry = await s.entry();
  const picks = { common: null, medium: null, rare: null };
  for (let i = 7; i < entry.shards.length && Object.values(picks).some((v) => !v); i += 13) {
    const shard = await s.shard(i);
    for (const k of shard.keys) {
      if (k.terms.length !== 1 || !/^[a-z]+$/.test(k.key)) continue;
      const df = S.postings(shard, k.terms[0]).docs.length;
      if (!picks.common && df > 1000) picks.common = `${k.key} (${df} documents)`;
      if (!picks.medium && df >= 30 && df <= 100) picks.medium = `${k.key} (${df} documents)`;
      if (!picks.rare && df === 2) picks.rare = `${k.key} (${df} documents)`;
    }
  }
  console.log(picks);
}
