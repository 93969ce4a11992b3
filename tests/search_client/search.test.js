// Tests of the search client (themes/default/static/search*.js) in node, against the fixture index
// that `cargo test search` keeps up to date (src/search/tests/corpus.rs is its archive).
// Run: node --test tests/search_client/
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL, fileURLToPath } = require('node:url');

const S = require('../../themes/default/static/search.js');
const { Searcher } = require('../../themes/default/static/search-index.js');

const ENTRY = pathToFileURL(path.join(__dirname, 'fixture/search/entry.json')).href;

function open() {
  return new Searcher(ENTRY, async (url) => {
    const b = fs.readFileSync(fileURLToPath(url));
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.length);
  });
}

async function ids(query, options) {
  const s = open();
  const result = await s.search(query, options);
  const cards = await s.cards(result.docs.map((d) => d.doc));
  return cards.map((c) => c.url.split('/')[1].toUpperCase());
}

test('a Norwegian inflection finds the other forms of the word, in both languages', async () => {
  const found = await ids('lagringssystemet');
  for (const id of ['INC-2023-0042', 'INC-2024-0011', 'INC-2021-0003']) assert.ok(found.includes(id), `${id} in ${found}`);
  assert.equal(found[0], 'INC-2023-0042', 'the title match first');
});

test('a form no incident uses still finds the word by its ending', async () => {
  assert.ok((await ids('lagringssystemer')).includes('INC-2021-0003'));
});

test('an English plural finds the singular', async () => {
  const found = await ids('outages');
  assert.deepEqual(found.slice(0, 1), ['INC-2024-0007']);
  assert.ok(found.includes('INC-2023-0050') && found.includes('INC-2022-0100'), found);
});

test('one wrong letter in a long word is forgiven, not in a short one', async () => {
  assert.deepEqual(await ids('failovr'), ['INC-2021-0003']);
  assert.ok((await ids('storgae')).includes('INC-2024-0007'));
  assert.deepEqual(await ids('kafak'), await ids('kafka'));
  assert.deepEqual(await ids('dms'), []);
});

test('"blabaer" and "blaabaer" find "blåbær"', async () => {
  const exact = await ids('blåbær');
  assert.ok(exact.includes('INC-2020-0001') && exact.includes('INC-2023-0042'), exact);
  assert.deepEqual(await ids('blabaer'), exact);
  assert.deepEqual(await ids('blaabaer'), exact);
});

test('a ticket key finds its incident and not a longer key', async () => {
  assert.deepEqual(await ids('OPS-412'), ['INC-2024-0007']);
  assert.deepEqual(await ids('ops-4120'), ['INC-2022-0100']);
  assert.deepEqual(await ids('INC-2024-0007'), ['INC-2024-0007']);
});

test('the last word matches longer words while typing', async () => {
  assert.deepEqual((await ids('OPS-41', { prefix: true })).sort(), ['INC-2022-0100', 'INC-2024-0007']);
  assert.deepEqual(await ids('certif', { prefix: true }), ['INC-2022-0100']);
  assert.deepEqual(await ids('certif'), []);
});

test('a facet narrows the results and counts the rest', async () => {
  const s = open();
  const all = await s.search('storage');
  assert.equal(all.total, 3);
  assert.deepEqual(all.counts.severity, { sev1: 1, sev3: 2 });
  const sev1 = await s.search('storage', { filters: { severity: ['sev1'] } });
  assert.equal(sev1.total, 1);
  assert.deepEqual(sev1.counts.severity, { sev1: 1, sev3: 2 }, 'a facet counts without its own filter');
  assert.deepEqual(sev1.counts.open, { yes: 1 });
  const open3 = await s.search('storage', { filters: { open: ['yes'], year: ['2024'] } });
  assert.equal(open3.total, 2);
  const none = await s.search('storage', { filters: { lang: ['nb'] } });
  assert.equal(none.total, 0);
  assert.equal(none.unfiltered, 3, 'so the page can suggest removing a filter');
});

test('every word must match, else the best partial matches are shown', async () => {
  const s = open();
  const both = await s.search('kafka storage');
  assert.equal(both.total, 1);
  assert.equal(both.partial, false);
  const some = await s.search('kafka zebra');
  assert.equal(some.partial, true);
  assert.equal(some.total, 2);
  assert.deepEqual(await ids('the storage'), await ids('storage'), 'stopwords are dropped');
});

test('a cold one-word query needs entry, metadata, one shard and at most two card blocks', async () => {
  for (const word of ['storage', 'kafka', 'outage']) {
    const s = open();
    const result = await s.search(word);
    const entry = await s.entry();
    await s.cards(result.docs.slice(0, entry.leads).map((d) => d.doc));
    const blocks = s.log.filter((name) => entry.card_files.includes(name));
    const shards = s.log.filter((name) => entry.shard_files.includes(name));
    assert.equal(shards.length, 1, s.log.join(' '));
    assert.ok(blocks.length >= 1 && blocks.length <= 2, s.log.join(' '));
    assert.equal(s.log.length, 3 + blocks.length, s.log.join(' '));
  }
});

test('every key, queried cold, shows its first screen in at most five requests', async () => {
  const first = open();
  const entry = await first.entry();
  let keys = 0;
  for (let i = 0; i < entry.shard_files.length; i++) {
    for (const { key } of (await first.shard(i)).keys) {
      const s = open();
      const result = await s.search(key);
      assert.ok(result.total > 0, key);
      await s.cards(result.docs.slice(0, entry.leads).map((d) => d.doc));
      assert.ok(s.log.length <= 5, `${key}: ${s.log.join(' ')}`);
      keys++;
    }
  }
  assert.ok(keys > 100, `${keys} keys`);
});

test('packed files are refused when damaged', async () => {
  const entry = await open().entry();
  const b = fs.readFileSync(path.join(__dirname, 'fixture/search', entry.shard_files[0]));
  await assert.rejects(S.decodeShard(b.subarray(0, b.length >> 1)));
  await assert.rejects(S.decodeShard(Buffer.from('dbT1')), /expected dbT2/);
});

test('results sort by date on request', async () => {
  const s = open();
  const result = await s.search('storage', { sort: 'date' });
  const meta = await s.meta();
  const days = result.docs.map((d) => meta.day[d.doc]);
  assert.deepEqual(days, [...days].sort((a, b) => b - a));
  assert.equal(S.dateOf(days[0]), '2024-05-05');
});

test('matched words are marked in a snippet, in any of their forms', async () => {
  const s = open();
  const result = await s.search('outages');
  const parts = S.highlight('Storage outage in payments-prod-3', result.matched);
  assert.deepEqual(parts.filter((p) => p.mark).map((p) => p.text), ['outage']);
  assert.deepEqual(S.highlight('no match here', result.matched), [{ text: 'no match here', mark: false }]);
});

test('the tokeniser keeps codes whole and splits them, like the builder', () => {
  const words = S.pieces(S.normalise('See INC-2024-0007 and payments-prod-3.')).map((p) => (p.code ? `[${p.text}]` : p.text));
  assert.deepEqual(words, ['see', '[inc-2024-0007]', 'inc', '2024', '0007', 'and', '[payments-prod-3]', 'payments', 'prod']);
  assert.equal(S.canonical('blåbær'), 'blabaer');
  assert.equal(S.canonical('Søknad'.toLowerCase()), 'soknad');
  assert.ok(S.withinOneEdit('storage', 'storgae') && S.withinOneEdit('kafka', 'kafk') && !S.withinOneEdit('kafka', 'kfkaa'));
});
