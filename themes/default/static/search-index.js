// debrief search: fetches the index files a query needs (entry, metadata, one shard a word, card
// blocks only for results without a lead card), caches them, and runs queries with search.js.
(function (root) {
  'use strict';

  function make(S) {
    const UTF8 = new TextDecoder();

    function defaultFetch(url) {
      return fetch(url).then((r) => {
        if (!r.ok) throw new Error('search index: ' + r.status + ' for ' + url);
        return r.arrayBuffer();
      });
    }

    /** One index, found through its entry file; every file is fetched at most once. */
    class Searcher {
      /** `entryUrl`: absolute URL of search/entry.json; `fetchBytes(url)` → Promise<ArrayBuffer>. */
      constructor(entryUrl, fetchBytes = defaultFetch) {
        this.entryUrl = String(entryUrl);
        this.fetchBytes = fetchBytes;
        this.files = new Map();
        this.shards = [];
        this.log = [];
      }

      file(name, decode) {
        if (!this.files.has(name)) {
          const url = new URL(name, this.entryUrl).href;
          this.log.push(name);
          this.files.set(name, this.fetchBytes(url).then(decode));
        }
        return this.files.get(name);
      }

      entry() { return this.file(this.entryUrl, (b) => JSON.parse(UTF8.decode(b))); }

      async meta() { const e = await this.entry(); return this.file(e.meta, (b) => S.decodeMeta(b, e)); }

      async shard(i) {
        const e = await this.entry();
        const s = await this.file(e.shard_files[i], S.decodeShard);
        this.shards[i] = s;
        return s;
      }

      /** The site's root URL (the entry lives at search/entry.json under it). */
      siteRoot() { return new URL('../', this.entryUrl).href; }

      shardIndex(entry, fold) {
        let lo = 0, hi = entry.shards.length;
        while (lo < hi) { const mid = (lo + hi) >> 1; if (S.compare(entry.shards[mid], fold) <= 0) lo = mid + 1; else hi = mid; }
        return Math.max(0, lo - 1);
      }

      /** All matches of one word: [{shard, term, weight, key}]; a prefix may run into the next shard. */
      async matches(entry, word, prefix) {
        const i = this.shardIndex(entry, word.fold);
        const shard = await this.shard(i);
        const { found, more } = S.lookup(shard, word, { prefix });
        const out = found.map((m) => ({ shard, ...m }));
        if (more && i + 1 < entry.shards.length && entry.shards[i + 1].startsWith(word.fold)) {
          const next = await this.shard(i + 1);
          for (const m of S.lookup(next, word, { prefix, typos: false }).found) if (m.weight === 0.7) out.push({ shard: next, ...m });
        }
        return out;
      }

      /**
       * Runs a query. Options: prefix (the last word may be the start of a longer word, while typing),
       * filters ({severity, service, year, lang, open}: arrays of values), sort ('relevance' or 'date').
       * Resolves to {docs: [{doc, score}], total, unfiltered (the total before facets), partial, counts,
       * matched (folds to mark), words}.
       */
      async search(query, { prefix = false, filters = {}, sort = 'relevance' } = {}) {
        const entry = await this.entry();
        const metaPromise = this.meta();
        let words = S.parseQuery(query, entry.stopwords);
        const perWord = [];
        const matched = new Set();
        const last = words.length - 1;
        const expanded = [];
        for (let w = 0; w < words.length; w++) {
          const word = words[w];
          const isLast = w === last && prefix;
          if (word.code) {
            const m = await this.matches(entry, word, isLast);
            if (m.length) expanded.push({ word, m, isLast });
            else for (const part of word.parts) expanded.push({ word: part, m: await this.matches(entry, part, false), isLast: false });
          } else {
            expanded.push({ word, m: await this.matches(entry, word, isLast), isLast });
          }
        }
        for (const { word, m, isLast } of expanded) {
          perWord.push({ scores: S.wordScores(m, entry.docs, entry.score_steps), optional: word.stop });
          for (const { shard, term } of m) for (const k of shard.keys) if (k.terms.includes(term)) matched.add(k.fold);
          if (isLast && m.length) matched.add(word.fold + '*');
        }
        const { docs, partial } = S.combine(perWord);
        const meta = await metaPromise;
        const { docs: kept, counts } = S.facet(docs, meta, entry, filters);
        if (sort === 'date') kept.sort((a, b) => a.doc - b.doc);
        words = expanded.map((e) => e.word.text);
        return { docs: kept, total: kept.length, unfiltered: docs.length, partial, counts, matched, words };
      }

      /** The cards of some documents (in the same order): from lead cards when a loaded shard has them, else from blocks. */
      async cards(docs) {
        const entry = await this.entry();
        return Promise.all(docs.map(async (doc) => {
          for (const s of this.shards) if (s && s.leads.has(doc)) return s.leads.get(doc);
          const block = Math.floor(doc / entry.cards_per_block);
          const cards = await this.file(entry.card_files[block], S.decodeBlock);
          return cards[doc % entry.cards_per_block];
        }));
      }
    }

    return { Searcher, defaultFetch };
  }

  if (typeof module !== 'undefined' && module.exports) module.exports = make(require('./search.js'));
  else root.DebriefSearch.Searcher = make(root.DebriefSearch).Searcher;
})(typeof self !== 'undefined' ? self : this);
