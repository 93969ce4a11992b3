/* debrief default theme: instant filter for the action tracker (actions.html).
   Progressive enhancement: the page filters without JavaScript through its facet links; this reveals
   the hidden filter form, filters the rows of this page by their classes (act-row-<status>,
   is-overdue) and data-owner, data-kind and data-services attributes, and keeps the state in the
   query string (?owner=…&status=…&kind=…&service=…&overdue=1) so a filtered view can be shared.
   Every text comes from the page (option labels, data-showing-one/-other), none is written here. */
(function () {
  'use strict';
  var form = document.getElementById('action-filter');
  var table = document.getElementById('tracker-table');
  if (!form || !table || !window.URLSearchParams || !window.history.replaceState) return;

  var KEYS = ['owner', 'status', 'kind', 'service'];
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var wrap = document.getElementById('tracker-table-wrap');
  var empty = document.getElementById('filter-empty');
  var count = form.querySelector('.filter-count');
  var overdue = form.elements.overdue;
  var selects = {};

  function matches(row, key, value) {
    if (key === 'status') return row.classList.contains('act-row-' + value);
    if (key === 'service') return (' ' + (row.dataset.services || '') + ' ').indexOf(' ' + value + ' ') !== -1;
    return row.dataset[key] === value;
  }
  function late(row) { return row.classList.contains('is-overdue'); }

  // Keep only the choices that match a row of this view; drop a select left with nothing to choose.
  KEYS.forEach(function (key) {
    var select = form.elements[key];
    if (!select) return;
    Array.prototype.slice.call(select.options).forEach(function (option) {
      if (option.value && !rows.some(function (row) { return matches(row, key, option.value); })) {
        select.removeChild(option);
      }
    });
    var only = select.options.length === 2 && select.options[1].value;
    if (select.options.length < 2 || (only && rows.every(function (row) { return matches(row, key, only); }))) {
      select.closest('.filter-field').hidden = true; // nothing to choose between in this view
    } else {
      selects[key] = select;
    }
  });
  var lateRows = rows.filter(late).length;
  if (lateRows === 0 || lateRows === rows.length) overdue.closest('.filter-field').hidden = true;
  if (!Object.keys(selects).length && overdue.closest('.filter-field').hidden) return; // nothing to filter here

  function apply(updateUrl) {
    var shown = 0;
    var query = new URLSearchParams();
    KEYS.forEach(function (key) { if (selects[key] && selects[key].value) query.set(key, selects[key].value); });
    if (overdue.checked) query.set('overdue', '1');
    rows.forEach(function (row) {
      var keep = KEYS.every(function (key) { return !query.has(key) || matches(row, key, query.get(key)); }) &&
        (!overdue.checked || late(row));
      row.hidden = !keep;
      if (keep) shown += 1;
    });
    var text = rows.length === 1 ? form.dataset.showingOne : form.dataset.showingOther;
    count.textContent = text.replace('{n}', shown).replace('{total}', rows.length);
    wrap.hidden = shown === 0;
    empty.hidden = shown !== 0;
    if (updateUrl) {
      var q = query.toString();
      window.history.replaceState(null, '', window.location.pathname + (q ? '?' + q : '') + window.location.hash);
    }
  }

  // Restore a shared view from the query string; unknown values are ignored.
  var params = new URLSearchParams(window.location.search);
  KEYS.forEach(function (key) {
    var value = params.get(key);
    if (selects[key] && value && Array.prototype.some.call(selects[key].options, function (o) { return o.value === value; })) {
      selects[key].value = value;
    }
  });
  overdue.checked = !overdue.closest('.filter-field').hidden && (params.get('overdue') === '1' || params.get('overdue') === 'true');

  form.addEventListener('change', function () { apply(true); });
  form.addEventListener('submit', function (event) { event.preventDefault(); });
  form.addEventListener('reset', function () { setTimeout(function () { apply(true); }, 0); });

  form.hidden = false;
  apply(false);
})();
