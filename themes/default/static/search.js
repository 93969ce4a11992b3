// debrief search engine: reads the static index written by `src/search` (format: docs/search.md)
// and ranks post-mortems in the browser with no server, no build step and no WebAssembly.
// This file holds the pure parts (text, decoding, ranking, facets) and no DOM code, so node can load
// it for tests; search-index.js fetches and caches the files, search-ui.js drives the page.
(function (root) {
  'use strict';

  // ---- text: the same rules as src/search/text.rs ----
  const WORD_CHAR = /[\p{Alphabetic}\p{N}\p{M}]/u;
  const JOINERS = '-_.';
  const MAX_WORD = 40;
  const MAX_CODE = 64;
  const SPECIAL = { 'æ': 'ae', 'ø': 'o', 'œ': 'oe', 'ß': 'ss', 'đ': 'd', 'ð': 'd', 'ł': 'l', 'þ': 'th' };
  // Endings a word may have beyond a key it was not indexed under ("lagringssystemet" → "lagringssystem").
  const SUFFIXES = ['s', 'es', 'ed', 'ing', 'e', 'en', 'et', 'er', 'ene', 'ers', 'ets', 'ens', 'a', 'ne', 'te', 'de'];

  function normalise(text) {
    return text.normalize('NFC').toLowerCase();
  }

  /** Splits normalised text into pieces: {text, code, start, end}; a code is whole words joined by - _ . */
  function pieces(text) {
    const out = [];
    const chars = Array.from(text);
    const offsets = [];
    let off = 0;
    for (const c of chars) { offsets.push(off); off += c.length; }
    offsets.push(off);
    let i = 0;
    while (i < chars.length) {
      if (!WORD_CHAR.test(chars[i])) { i++; continue; }
      const words = [];
      let ws = i;
      let j = i;
      for (;;) {
        while (j < chars.length && WORD_CHAR.test(chars[j])) j++;
        if (j + 1 < chars.length && JOINERS.includes(chars[j]) && WORD_CHAR.test(chars[j + 1])) {
          words.push([ws, j]);
          ws = j + 1;
          j = ws;
        } else break;
      }
      words.push([ws, j]);
      const start = offsets[words[0][0]], end = offsets[j];
      if (words.length > 1 && new TextEncoder().encode(text.slice(start, end)).length <= MAX_CODE) {
        out.push({ text: text.slice(start, end), code: true, start, end });
      }
      for (const [s, e] of words) {
        if (e - s >= 2 && e - s <= MAX_WORD) {
          out.push({ text: text.slice(offsets[s], offsets[e]), code: false, start: offsets[s], end: offsets[e] });
        }
      }
      i = j;
    }
    return out;
  }

  /** æ→ae, ø→o, å→a, accents dropped: the spelling keys are placed and compared by. */
  function canonical(word) {
    if (/^[\x00-\x7f]*$/.test(word)) return word;
    let out = '';
    for (const c of word) {
      if (c.charCodeAt(0) < 128) out += c;
      else if (SPECIAL[c]) out += SPECIAL[c];
      else out += c.normalize('NFD').replace(/\p{M}/gu, '');
    }
    return out;
  }

  /** Compares strings by code point, as Rust sorts them. */
  function compare(a, b) {
    if (a === b) return 0;
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      let x = a.charCodeAt(i), y = b.charCodeAt(i);
      if (x !== y) {
        if (x >= 0xd800 && y >= 0xd800) {
          x = x < 0xe000 ? x + 0x2000 : x - 0x800;
          y = y < 0xe000 ? y + 0x2000 : y - 0x800;
        }
        return x - y;
      }
    }
    return a.length - b.length;
  }

  /** Whether a and b are at most one edit apart (insert, delete, substitute, swap neighbours). */
  function withinOneEdit(a, b) {
    if (a === b) return true;
    const la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    let i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  /** The words of a query: {text, fold, code, parts, stop}; a code carries its words as parts. */
  function parseQuery(query, stopwords) {
    const words = [];
    let code = null;
    for (const p of pieces(normalise(query))) {
      if (p.code) {
        code = { text: p.text, fold: canonical(p.text), code: true, parts: [], stop: false, end: p.end };
        words.push(code);
      } else if (code && p.end <= code.end) {
        code.parts.push({ text: p.text, fold: canonical(p.text), code: false, parts: [], stop: isStop(p.text, stopwords), end: p.end });
      } else {
        words.push({ text: p.text, fold: canonical(p.text), code: false, parts: [], stop: isStop(p.text, stopwords), end: p.end });
      }
    }
    return words;
  }

  function isStop(word, stopwords) {
    return !!stopwords && Object.values(stopwords).some((list) => list.includes(word));
  }

  // ---- bytes ----
  class Reader {
    constructor(bytes, pos = 0) { this.b = bytes; this.p = pos; }
    u8() { return this.b[this.p++]; }
    varint() {
      let v = 0, scale = 1, byte;
      do { byte = this.b[this.p++]; v += (byte & 0x7f) * scale; scale *= 128; } while (byte & 0x80);
      return v;
    }
    bytes(n) { const s = this.b.subarray(this.p, this.p + n); this.p += n; return s; }
    string() { return UTF8.decode(this.bytes(this.varint())); }
    magic(m) {
      const got = String.fromCharCode(...this.bytes(4));
      if (got !== m) throw new Error('search index: expected ' + m + ', found ' + got);
    }
    /** The rest of the bytes are packed (raw DEFLATE): a Promise of a Reader of them, unpacked by the browser. */
    async unpack() {
      const stream = new Blob([this.b.subarray(this.p)]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
      return new Reader(new Uint8Array(await new Response(stream).arrayBuffer()));
    }
  }
  const UTF8 = new TextDecoder();

  class Bits {
    constructor(bytes, pos = 0) { this.b = bytes; this.pos = pos * 8; }
    bit() { const v = (this.b[this.pos >> 3] >> (7 - (this.pos & 7))) & 1; this.pos++; return v; }
    bits(n) { let v = 0; for (let i = 0; i < n; i++) v = v * 2 + this.bit(); return v; }
    gamma() { let n = 0; while (this.bit() === 0) n++; let v = 1; for (let i = 0; i < n; i++) v = v * 2 + this.bit(); return v; }
    rice(k) { let q = 0; while (this.bit() === 1) q++; return q * 2 ** k + this.bits(k); }
  }

  /** The year of a day number (days since 1970-01-01). */
  function yearOf(day) { return new Date(day * 86400000).getUTCFullYear(); }

  /** The YYYY-MM-DD date of a day number, or '' for day 0 (no date). */
  function dateOf(day) { return day > 0 ? new Date(day * 86400000).toISOString().slice(0, 10) : ''; }

  function width(count) { return count <= 1 ? 0 : Math.ceil(Math.log2(count)); }

  /** The metadata table: per document day, severity, year, lang, open actions, services (indexes). */
  function decodeMeta(buffer, entry) {
    const r = new Reader(new Uint8Array(buffer));
    r.magic('dbM1');
    const n = r.varint();
    let day = r.varint();
    const f = entry.facets;
    const w = [width(f.severity.length), width(f.year.length), width(f.lang.length), width(f.service.length)];
    const bits = new Bits(r.b, r.p);
    const meta = { n, day: new Int32Array(n), severity: new Uint16Array(n), year: new Uint16Array(n), lang: new Uint8Array(n), open: new Uint32Array(n), services: new Array(n) };
    for (let d = 0; d < n; d++) {
      day -= bits.gamma() - 1;
      meta.day[d] = day;
      meta.severity[d] = bits.bits(w[0]);
      meta.year[d] = bits.bit() ? f.year.indexOf(yearOf(day)) : bits.bits(w[1]);
      meta.lang[d] = bits.bits(w[2]);
      meta.open[d] = bits.gamma() - 1;
      const count = bits.gamma() - 1;
      const list = [];
      for (let i = 0; i < count; i++) list.push(bits.bits(w[3]));
      meta.services[d] = list;
    }
    return meta;
  }

  function readCard(r) { return { url: r.string(), title: r.string(), excerpt: r.string() }; }

  /** A card block: a Promise of its cards in document order. */
  async function decodeBlock(buffer) {
    const r = new Reader(new Uint8Array(buffer));
    r.magic('dbC2');
    const cards = [];
    const count = r.varint();
    const packed = await r.unpack();
    for (let n = count; n > 0; n--) cards.push(readCard(packed));
    return cards;
  }

  /** A shard: a Promise of its keys (sorted by fold), where each term's postings start and end, and lead cards by document. */
  async function decodeShard(buffer) {
    const file = new Reader(new Uint8Array(buffer));
    file.magic('dbT2');
    const r = await file.unpack();
    const nKeys = r.varint(), nTerms = r.varint(), nLeads = r.varint();
    const keys = [];
    let prev = new Uint8Array(0), named = 0;
    for (let k = 0; k < nKeys; k++) {
      const h = r.u8();
      let shared = h >> 4, suffix = h & 15;
      if (shared === 15) shared += r.varint();
      if (suffix === 15) suffix += r.varint();
      const bytes = new Uint8Array(shared + suffix);
      bytes.set(prev.subarray(0, shared));
      bytes.set(r.bytes(suffix), shared);
      prev = bytes;
      const v = r.varint();
      const terms = [];
      const name = (back) => (back < 0 ? named++ : named - 1 - back);
      if (v === 0) terms.push(name(-1));
      else if (v % 2 === 1) terms.push(name((v - 1) / 2));
      else for (let i = v / 2 + 1; i > 0; i--) { const c = r.varint(); terms.push(name(c - 1)); }
      const key = UTF8.decode(bytes);
      keys.push({ key, fold: canonical(key), terms });
    }
    const spans = [];
    for (let t = 0; t < nTerms; t++) { const len = r.varint(); spans.push([r.p, r.p + len]); r.p += len; }
    const leads = new Map();
    let doc = 0;
    for (let l = 0; l < nLeads; l++) { doc += r.varint(); leads.set(doc, readCard(r)); }
    return { keys, spans, bytes: r.b, leads, postings: new Map() };
  }

  /** One term's postings: {docs, levels} (tiers highest level first, documents ascending within a tier). */
  function postings(shard, term) {
    let p = shard.postings.get(term);
    if (p) return p;
    const bits = new Bits(shard.bytes, shard.spans[term][0]);
    const docs = [], levels = [];
    for (let tiers = bits.gamma() - 1; tiers > 0; tiers--) {
      const level = bits.bits(4), count = bits.gamma(), k = bits.bits(4);
      let doc = -1;
      for (let i = 0; i < count; i++) { doc += bits.rice(k) + 1; docs.push(doc); levels.push(level); }
    }
    p = { docs, levels };
    shard.postings.set(term, p);
    return p;
  }

  // ---- lookup and ranking ----
  /** Index of the first key whose fold is not before `fold`. */
  function lowerBound(keys, fold) {
    let lo = 0, hi = keys.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (compare(keys[mid].fold, fold) < 0) lo = mid + 1; else hi = mid; }
    return lo;
  }

  /**
   * The terms a query word reaches in one shard: [{term, weight, key}]. Exact spelling counts 1, a
   * folded spelling 0.95, a known ending beyond a key 0.8, a longer word (prefix) 0.7, a typo 0.6.
   * Returns also whether the prefix range runs past the end of the shard.
   */
  function lookup(shard, word, { prefix = false, typos = true } = {}) {
    const keys = shard.keys;
    const found = [];
    const add = (k, weight) => { for (const term of k.terms) found.push({ term, weight, key: k.key }); };
    let i = lowerBound(keys, word.fold);
    for (let j = i; j < keys.length && keys[j].fold === word.fold; j++) add(keys[j], keys[j].key === word.text ? 1 : 0.95);
    if (!found.length && !word.code) {
      for (const suffix of SUFFIXES) {
        const stem = word.fold.slice(0, -suffix.length);
        if (!word.fold.endsWith(suffix) || stem.length < 3) continue;
        for (let j = lowerBound(keys, stem); j < keys.length && keys[j].fold === stem; j++) add(keys[j], 0.8);
      }
    }
    let more = false;
    if (prefix) {
      let j = i;
      while (j < keys.length && keys[j].fold === word.fold) j++;
      for (let n = 0; j < keys.length && keys[j].fold.startsWith(word.fold); j++) if (n++ < 100) add(keys[j], 0.7);
      more = j === keys.length;
    }
    if (!found.length && typos && Array.from(word.fold).length >= 5) {
      for (const k of keys) if (withinOneEdit(k.fold, word.fold)) add(k, 0.6);
    }
    return { found, more };
  }

  function idf(df, n) { return Math.log(1 + (n - df + 0.5) / (df + 0.5)); }

  /** Scores of one word's matches: Map doc → best weight × idf × level value over the terms it reached. */
  function wordScores(matches, n, steps) {
    const scores = new Map();
    for (const { shard, term, weight } of matches) {
      const p = postings(shard, term);
      const w = weight * idf(p.docs.length, n);
      for (let i = 0; i < p.docs.length; i++) {
        const s = w * (2 ** (p.levels[i] / steps) - 1);
        const old = scores.get(p.docs[i]);
        if (old === undefined || s > old) scores.set(p.docs[i], s);
      }
    }
    return scores;
  }

  /**
   * Combines words: every word that matched anything must match (AND); stopwords that matched
   * nothing are ignored. With no document matching all, falls back to any word (partial: true).
   * Returns {docs: [{doc, score, words}], partial} best first, newest first among equals.
   */
  function combine(perWord) {
    const active = perWord.filter((w) => w.scores.size > 0 || !w.optional);
    if (!active.length) return { docs: [], partial: false };
    const total = new Map();
    for (const w of active) for (const [doc, s] of w.scores) {
      const t = total.get(doc);
      if (t) { t.score += s; t.words++; } else total.set(doc, { doc, score: s, words: 1 });
    }
    let docs = [...total.values()].filter((d) => d.words === active.length);
    let partial = false;
    if (!docs.length && active.length > 1) { docs = [...total.values()]; partial = true; }
    docs.sort((a, b) => b.words - a.words || b.score - a.score || a.doc - b.doc);
    return { docs, partial };
  }

  const FACETS = ['severity', 'service', 'year', 'lang', 'open'];

  /** The facet values of one document, as the strings the URL and the UI use. */
  function docFacets(meta, entry, doc) {
    const f = entry.facets;
    return {
      severity: [f.severity[meta.severity[doc]]],
      service: meta.services[doc].map((s) => f.service[s]),
      year: [String(f.year[meta.year[doc]])],
      lang: [f.lang[meta.lang[doc]]],
      open: [meta.open[doc] > 0 ? 'yes' : 'no'],
    };
  }

  function passes(values, filters, skip) {
    return FACETS.every((name) => name === skip || !filters[name] || !filters[name].length || values[name].some((v) => filters[name].includes(v)));
  }

  /**
   * Applies facet filters ({severity: ['sev1'], …}; values OR within a facet, AND across) and counts
   * each facet's values over the results filtered by the other facets. Returns {docs, counts}.
   */
  function facet(docs, meta, entry, filters) {
    const counts = Object.fromEntries(FACETS.map((n) => [n, {}]));
    const kept = [];
    for (const d of docs) {
      const values = docFacets(meta, entry, d.doc);
      if (passes(values, filters)) kept.push(d);
      for (const name of FACETS) {
        if (!passes(values, filters, name)) continue;
        for (const v of values[name]) counts[name][v] = (counts[name][v] || 0) + 1;
      }
    }
    return { docs: kept, counts };
  }

  /**
   * Splits text into [{text, mark}], marking the words whose fold is in `matched` (a Set of folds; an
   * entry ending in `*` marks every word that starts with it).
   */
  function highlight(text, matched) {
    const out = [];
    let at = 0;
    text = text.normalize('NFC');
    const norm = text.toLowerCase();
    if (norm.length !== text.length) return [{ text, mark: false }];
    for (const p of pieces(norm)) {
      const f = canonical(p.text);
      const hit = matched.has(f) || [...matched].some((m) => m.endsWith('*') && f.startsWith(m.slice(0, -1)));
      if (!hit || p.start < at) continue;
      if (p.start > at) out.push({ text: text.slice(at, p.start), mark: false });
      out.push({ text: text.slice(p.start, p.end), mark: true });
      at = p.end;
    }
    if (at < text.length) out.push({ text: text.slice(at), mark: false });
    return out;
  }

  const api = { dateOf, yearOf, normalise, pieces, canonical, compare, withinOneEdit, parseQuery, decodeMeta, decodeBlock, decodeShard, postings, lookup, idf, wordScores, combine, facet, docFacets, highlight, FACETS, Reader, Bits };
  if (typeof module !== 'undefined' && module.exports) {
    module.exports = api;
  } else {
    root.DebriefSearch = api;
  }
})(typeof self !== 'undefined' ? self : this);
