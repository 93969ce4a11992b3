// debrief search page: wires search.js and search-index.js to the element with `data-index` (the
// URL of search/entry.json): query box, facet filters with counts, ranked results with marked words,
// arrow-key navigation and a live region. The URL (?q=…&severity=…) holds the state. Markup:
// docs/search.md. Everything is built with DOM calls and textContent; no HTML is parsed.
(function () {
  'use strict';
  const S = window.DebriefSearch;
  const root = document.querySelector('[data-index]');
  if (!S || !S.Searcher || !root) return;

  let timer = 0; // the pending search of the query being typed
  const TEXT = Object.assign({
    label: 'Search post-mortems',
    placeholder: 'storage, lagringssystemet, OPS-412 …',
    results: '{n} results for “{q}”',
    one: '1 result for “{q}”',
    none: 'No results for “{q}”.',
    noneFiltered: 'No results for “{q}” with these filters. Try removing one: {filters}.',
    partial: 'No incident has every word; showing those with some of them.',
    more: 'More results',
    failed: 'The search index could not be loaded.',
    severity: 'Severity', service: 'Service', year: 'Year', lang: 'Language', open: 'Open actions',
    yes: 'Some open', no: 'None open',
  }, JSON.parse(root.dataset.i18n || '{}'));
  // Facet values as people read them: severity keys by the site's labels, languages by name.
  const SEVERITY = Object.fromEntries(JSON.parse(root.dataset.severities || '[]').map((s) => [s.key, s.label]));
  const LANGS = JSON.parse(root.dataset.languages || '{}');
  const valueLabel = (name, v) => name === 'open' ? TEXT[v]
    : name === 'severity' ? SEVERITY[v] || v || '—'
      : name === 'lang' ? LANGS[v] || v || '—' : v || '—';
  const say = (key, vars = {}) => TEXT[key].replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));

  const searcher = new S.Searcher(new URL(root.dataset.index, document.baseURI).href);
  const FIRST = Number(root.dataset.firstScreen || 5);
  const PAGE = 10;

  function el(tag, props = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props)) {
      if (k === 'class') e.className = v;
      else if (k in e) e[k] = v;
      else e.setAttribute(k, v);
    }
    for (const c of children) if (c != null) e.append(c);
    return e;
  }

  // The parts of the page: reuse what the template wrote, make the rest.
  let input = root.querySelector('input[name="q"]');
  if (!input) {
    const form = el('form', { role: 'search', class: 'search-form' },
      el('label', { htmlFor: 'search-q' }, TEXT.label),
      input = el('input', { id: 'search-q', name: 'q', type: 'search', autocomplete: 'off', spellcheck: false }));
    root.append(form);
  }
  input.placeholder = input.placeholder || TEXT.placeholder;
  // A submitted query is whole: the prefix search still pending from the last keystroke is dropped.
  input.closest('form')?.addEventListener('submit', (e) => { e.preventDefault(); clearTimeout(timer); run(false); });
  const facetsBox = root.querySelector('.search-facets') || root.appendChild(el('div', { class: 'search-facets' }));
  const status = root.querySelector('.search-status') || root.appendChild(el('p', { class: 'search-status', role: 'status' }));
  status.setAttribute('aria-live', 'polite');
  const list = root.querySelector('.search-results') || root.appendChild(el('ol', { class: 'search-results' }));
  const more = root.querySelector('.search-more') || root.appendChild(el('button', { type: 'button', class: 'search-more' }, TEXT.more));
  more.hidden = true;

  // ---- URL state ----
  function readUrl() {
    const p = new URLSearchParams(location.search);
    const filters = {};
    for (const name of S.FACETS) filters[name] = p.getAll(name);
    return { q: p.get('q') || '', filters };
  }

  function writeUrl(q, filters) {
    const p = new URLSearchParams();
    if (q) p.set('q', q);
    for (const name of S.FACETS) for (const v of filters[name] || []) p.append(name, v);
    const query = p.toString();
    history.replaceState(null, '', location.pathname + (query ? '?' + query : '') + location.hash);
  }

  function currentFilters() {
    const filters = Object.fromEntries(S.FACETS.map((n) => [n, []]));
    for (const box of facetsBox.querySelectorAll('input[type="checkbox"]:checked')) filters[box.name].push(box.value);
    return filters;
  }

  // ---- rendering ----
  function renderFacets(entry, counts, filters) {
    // The boxes are made anew; the one that had the focus (just ticked from the keyboard) gets it back.
    const had = facetsBox.contains(document.activeElement) ? document.activeElement : null;
    facetsBox.replaceChildren();
    for (const name of S.FACETS) {
      const values = name === 'open' ? ['yes', 'no'] : entry.facets[name].map(String);
      const shown = values.filter((v) => counts[name][v] || filters[name].includes(v));
      if (!shown.length) continue;
      const set = el('fieldset', { class: 'search-facet' }, el('legend', {}, TEXT[name]));
      for (const v of shown) {
        const box = el('input', { type: 'checkbox', name, value: v, checked: filters[name].includes(v) });
        box.addEventListener('change', () => run(false));
        const label = valueLabel(name, v);
        set.append(el('label', {}, box, ' ' + label + ' ', el('span', { class: 'search-count' }, '(' + (counts[name][v] || 0) + ')')));
      }
      facetsBox.append(set);
    }
    if (had) facetsBox.querySelector(`input[name="${had.name}"][value="${CSS.escape(had.value)}"]`)?.focus();
  }

  function snippet(text, matched) {
    const p = el('p', { class: 'search-snippet' });
    for (const part of S.highlight(text, matched)) p.append(part.mark ? el('mark', {}, part.text) : part.text);
    return p;
  }

  function renderResult(entry, meta, card, doc, matched) {
    const f = S.docFacets(meta, entry, doc);
    const date = S.dateOf(meta.day[doc]);
    const info = el('p', { class: 'search-meta' });
    if (date) info.append(el('time', { dateTime: date }, date));
    if (f.severity[0]) info.append(date ? ' · ' : '', el('span', { class: 'search-severity' }, valueLabel('severity', f.severity[0])));
    if (f.service.length) info.append(' · ', el('span', { class: 'search-services' }, f.service.join(', ')));
    const link = el('a', { class: 'search-title', href: new URL(card.url, searcher.siteRoot()).href });
    for (const part of S.highlight(card.title, matched)) link.append(part.mark ? el('mark', {}, part.text) : part.text);
    return el('li', { class: 'search-result' }, el('h2', {}, link), info, card.excerpt ? snippet(card.excerpt, matched) : null);
  }

  let current = null;
  let generation = 0;

  async function showMore(count) {
    const state = current;
    const docs = state.result.docs.slice(state.shown, state.shown + count).map((d) => d.doc);
    state.shown += docs.length;
    const [entry, meta, cards] = await Promise.all([searcher.entry(), searcher.meta(), searcher.cards(docs)]);
    if (state !== current) return null;
    const items = docs.map((doc, i) => renderResult(entry, meta, cards[i], doc, state.result.matched));
    list.append(...items);
    more.hidden = state.shown >= state.result.total;
    return items[0] || null;
  }

  async function run(prefix) {
    const q = input.value.trim();
    const filters = currentFilters();
    writeUrl(q, filters);
    const mine = ++generation;
    if (!q) {
      current = null;
      list.replaceChildren();
      facetsBox.replaceChildren();
      status.textContent = '';
      more.hidden = true;
      return;
    }
    let result, entry;
    try {
      [result, entry] = await Promise.all([searcher.search(q, { prefix, filters }), searcher.entry()]);
    } catch (err) {
      if (mine === generation) status.textContent = TEXT.failed;
      console.error(err);
      return;
    }
    if (mine !== generation) return;
    current = { result, shown: 0 };
    list.replaceChildren();
    renderFacets(entry, result.counts, filters);
    const active = S.FACETS.flatMap((n) => filters[n].map((v) => valueLabel(n, v)));
    if (!result.total) {
      status.textContent = active.length && result.unfiltered ? say('noneFiltered', { q, filters: active.join(', ') }) : say('none', { q });
      more.hidden = true;
      return;
    }
    status.textContent = say(result.total === 1 ? 'one' : 'results', { n: result.total, q }) + (result.partial ? ' ' + TEXT.partial : '');
    await showMore(FIRST);
  }

  // ---- events ----
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => run(true), 120); });
  // The focus moves to the first new result, so it is not lost when the button hides itself.
  more.addEventListener('click', async () => { (await showMore(PAGE))?.querySelector('a.search-title')?.focus(); });

  root.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Escape') return;
    const stops = [input, ...list.querySelectorAll('a.search-title')];
    const at = stops.indexOf(document.activeElement);
    if (at < 0) return;
    if (e.key === 'Escape') { input.focus(); return; }
    const next = at + (e.key === 'ArrowDown' ? 1 : -1);
    if (next < 0 || next >= stops.length) return;
    e.preventDefault();
    stops[next].focus();
  });

  const start = readUrl();
  input.value = start.q;
  if (start.q) {
    // Facet boxes appear with the first results; check the ones the URL names once they do.
    searcher.entry().then((entry) => {
      const counts = Object.fromEntries(S.FACETS.map((n) => [n, {}]));
      renderFacets(entry, counts, start.filters);
      for (const name of S.FACETS) for (const v of start.filters[name]) {
        if (!facetsBox.querySelector(`input[name="${name}"][value="${CSS.escape(v)}"]`)) {
          facetsBox.append(el('input', { type: 'checkbox', name, value: v, checked: true, hidden: true }));
        }
      }
      run(false);
    }, () => { status.textContent = TEXT.failed; });
  }
})();
