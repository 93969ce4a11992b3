// Runs queries through the search client (themes/default/static/search*.js) over an index on disk
// and prints what it finds, as JSON, so a Rust test can check that `debrief search` ranks alike
// (tests/integration/search_parity.rs).
//
//   node tests/search_client/rank.js path/to/search/entry.json < queries.json
//
// queries.json: [{query, prefix, filters}]; prints [{urls, scores, partial, unfiltered}], one per
// query, results best first.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL, fileURLToPath } = require('node:url');
const { Searcher } = require('../../themes/default/static/search-index.js');

async function main() {
  if (process.argv.length !== 3) throw new Error('usage: node rank.js ENTRY_JSON < QUERIES_JSON');
  const searcher = new Searcher(pathToFileURL(path.resolve(process.argv[2])).href, async (url) => {
    const b = fs.readFileSync(fileURLToPath(url));
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.length);
  });
  const out = [];
  for (const { query, prefix, filters } of JSON.parse(fs.readFileSync(0, 'utf8'))) {
    const result = await searcher.search(query, { prefix, filters });
    const cards = await searcher.cards(result.docs.map((d) => d.doc));
    out.push({
      urls: cards.map((c) => c.url),
      scores: result.docs.map((d) => d.score),
      partial: result.partial,
      unfiltered: result.unfiltered,
    });
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
