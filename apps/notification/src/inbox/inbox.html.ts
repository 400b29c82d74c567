// The team inbox page: plain HTML and script, no build step; kept in a .ts module so `tsc` ships it.
export const INBOX_HTML = String.raw`<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Teaminbox · Samenspel</title>
<style>
  :root { --fg:#1d2433; --muted:#5b6475; --accent:#0b6e4f; --late:#b42318; --bg:#f5f6f8; }
  * { box-sizing: border-box; }
  body { margin:0; font:16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:var(--fg); background:var(--bg); }
  header { display:flex; align-items:center; justify-content:space-between; gap:.5rem; padding:.75rem 1rem; background:#fff; border-bottom:1px solid #dde1e7; position:sticky; top:0; }
  h1 { font-size:1.2rem; margin:0; }
  main { max-width:48rem; margin:0 auto; padding:1rem; }
  button, select { font:inherit; min-height:44px; padding:.4rem .8rem; border-radius:8px; border:1px solid #c5cbd5; background:#fff; }
  button.primary { background:var(--accent); color:#fff; border-color:var(--accent); }
  ul { list-style:none; margin:0; padding:0; display:grid; gap:.75rem; }
  li.task { background:#fff; border:1px solid #dde1e7; border-radius:10px; padding:.8rem 1rem; }
  li.task.late { border-left:6px solid var(--late); }
  .row { display:flex; flex-wrap:wrap; align-items:center; gap:.5rem; margin-top:.5rem; }
  .type { font-weight:600; }
  .meta { color:var(--muted); font-size:.92rem; }
  .badge { display:inline-block; font-size:.8rem; padding:.1rem .5rem; border-radius:999px; background:#e8eef9; }
  .badge.late { background:#fde8e7; color:var(--late); }
  #status { min-height:1.5rem; color:var(--muted); }
  #status.error { color:var(--late); }
  @media (max-width: 30rem) { .row > * { flex:1 1 100%; } }
</style>
</head>
<body>
<header>
  <h1 data-i18n="title">Teaminbox</h1>
  <button id="lang" type="button" data-testid="lang-toggle" aria-label="Switch to English">English</button>
</header>
<main>
  <p id="status" role="status" aria-live="polite"></p>
  <ul id="tasks" data-testid="task-list" aria-labelledby="open-heading"></ul>
  <p id="empty" hidden data-i18n="empty">Geen open taken.</p>
</main>
<script>
(function () {
  'use strict';
  var TEXT = {
    nl: {
      title: 'Teaminbox', empty: 'Geen open taken.', toggle: 'English', toggleLabel: 'Switch to English',
      claim: 'Oppakken', complete: 'Afronden', due: 'Uiterlijk', late: 'Te laat', claimedBy: 'Opgepakt door',
      open: 'Open', claimed: 'Opgepakt', high: 'Hoge prioriteit', outcome: 'Uitkomst',
      noToken: 'Geen toegangstoken: open deze pagina met #token=…', loading: 'Laden…', saved: 'Opgeslagen',
      failed: 'Dat lukte niet', live: 'Live bijgewerkt',
      types: { 'bridging-offer': 'Overbruggingsaanbod bespreken', 'handover-intake': 'Intake na overdracht',
        'referral-intake': 'Intake verwijzing', 'warm-handover': 'Warme overdracht', 'care-started': 'Zorg gestart: vervolg afspreken',
        'follow-up': 'Nazorgcontact', 'webhook-disabled': 'Webhook uitgeschakeld' },
      outcomes: { done: 'Gedaan', 'not-reached': 'Niet bereikt', declined: 'Afgewezen', 'not-applicable': 'Niet van toepassing',
        reached: 'Bereikt', 'engaged-in-activity': 'Doet mee aan activiteit', 'internship-or-work-found': 'Stage of werk gevonden' },
      steps: { 'first-contact': 'eerste contact', 'check-in-2w': 'na 2 weken', 'check-in-3m': 'na 3 maanden' }
    },
    en: {
      title: 'Team inbox', empty: 'No open tasks.', toggle: 'Nederlands', toggleLabel: 'Schakel naar Nederlands',
      claim: 'Claim', complete: 'Complete', due: 'Due', late: 'Overdue', claimedBy: 'Claimed by',
      open: 'Open', claimed: 'Claimed', high: 'High priority', outcome: 'Outcome',
      noToken: 'No access token: open this page with #token=…', loading: 'Loading…', saved: 'Saved',
      failed: 'That did not work', live: 'Live updates on',
      types: { 'bridging-offer': 'Discuss bridging offer', 'handover-intake': 'Handover intake',
        'referral-intake': 'Referral intake', 'warm-handover': 'Warm handover', 'care-started': 'Care started: agree next step',
        'follow-up': 'Follow-up contact', 'webhook-disabled': 'Webhook disabled' },
      outcomes: { done: 'Done', 'not-reached': 'Not reached', declined: 'Declined', 'not-applicable': 'Not applicable',
        reached: 'Reached', 'engaged-in-activity': 'Engaged in an activity', 'internship-or-work-found': 'Internship or work found' },
      steps: { 'first-contact': 'first contact', 'check-in-2w': 'after 2 weeks', 'check-in-3m': 'after 3 months' }
    }
  };
  var FOLLOW_UP = ['reached', 'not-reached', 'engaged-in-activity', 'internship-or-work-found', 'declined'];
  var GENERAL = ['done', 'not-reached', 'declined', 'not-applicable'];

  // Dev: the token comes in the URL fragment (never sent to the server), then leaves the address bar.
  var match = /(?:^|[#&])token=([^&]+)/.exec(location.hash);
  if (match) {
    sessionStorage.setItem('samenspel-token', decodeURIComponent(match[1]));
    history.replaceState(null, '', location.pathname + location.search);
  }
  var token = sessionStorage.getItem('samenspel-token');
  var lang = localStorage.getItem('samenspel-lang') === 'en' ? 'en' : 'nl';
  var tasks = [];
  var list = document.getElementById('tasks');
  var statusLine = document.getElementById('status');

  function t(key) { return TEXT[lang][key]; }
  function say(message, isError) { statusLine.textContent = message; statusLine.className = isError ? 'error' : ''; }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function formatDue(iso) {
    return new Date(iso).toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB',
      { timeZone: 'Europe/Amsterdam', weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  }
  function api(path, options) {
    options = options || {};
    options.headers = Object.assign({ authorization: 'Bearer ' + token }, options.headers || {});
    return fetch('/api/v1' + path, options).then(function (res) {
      if (!res.ok) return res.json().catch(function () { return {}; }).then(function (p) { throw new Error(p.detail || res.status); });
      return res.json();
    });
  }

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach(function (n) { n.textContent = t(n.getAttribute('data-i18n')); });
    var toggle = document.getElementById('lang');
    toggle.textContent = t('toggle');
    toggle.setAttribute('aria-label', t('toggleLabel'));
    document.title = t('title') + ' · Samenspel';
    render();
  }

  function render() {
    list.textContent = '';
    document.getElementById('empty').hidden = tasks.length > 0;
    var now = Date.now();
    tasks.forEach(function (task) {
      var late = new Date(task.dueAt).getTime() < now;
      var li = el('li', { 'class': 'task' + (late ? ' late' : ''), 'data-testid': 'task', 'data-task-id': task.id, 'data-status': task.status });
      var title = (TEXT[lang].types[task.type] || task.type) + (task.step ? ' · ' + (TEXT[lang].steps[task.step] || task.step) : '');
      li.appendChild(el('div', { 'class': 'type', 'data-testid': 'task-type' }, title));
      if (task.context && task.context.activityTitle) li.appendChild(el('div', {}, task.context.activityTitle));
      var meta = el('div', { 'class': 'meta' });
      meta.appendChild(el('span', { 'data-testid': 'task-due' }, t('due') + ': ' + formatDue(task.dueAt) + ' '));
      meta.appendChild(el('span', { 'class': 'badge', 'data-testid': 'task-status' }, t(task.status)));
      if (late) meta.appendChild(el('span', { 'class': 'badge late' }, ' ' + t('late')));
      if (task.priority === 'high') meta.appendChild(el('span', { 'class': 'badge late' }, ' ' + t('high')));
      if (task.assignee) meta.appendChild(el('span', {}, ' · ' + t('claimedBy') + ' ' + task.assignee));
      li.appendChild(meta);
      var row = el('div', { 'class': 'row' });
      if (task.status === 'open') {
        var claim = el('button', { type: 'button', 'data-testid': 'claim' }, t('claim'));
        claim.addEventListener('click', function () { act(task.id, 'claim', {}); });
        row.appendChild(claim);
      }
      var select = el('select', { 'data-testid': 'outcome', 'aria-label': t('outcome') });
      (task.type === 'follow-up' ? FOLLOW_UP : GENERAL).forEach(function (o) {
        select.appendChild(el('option', { value: o }, TEXT[lang].outcomes[o] || o));
      });
      var complete = el('button', { type: 'button', 'class': 'primary', 'data-testid': 'complete' }, t('complete'));
      complete.addEventListener('click', function () { act(task.id, 'complete', { outcome: select.value }); });
      row.appendChild(select);
      row.appendChild(complete);
      li.appendChild(row);
      list.appendChild(li);
    });
  }

  function load() {
    return api('/tasks?status=open,claimed&limit=200').then(function (page) {
      tasks = page.items;
      render();
    }, function (error) { say(t('failed') + ': ' + error.message, true); });
  }

  function act(id, action, body) {
    api('/tasks/' + encodeURIComponent(id) + '/' + action, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body)
    }).then(function () { say(t('saved')); return load(); }, function (error) { say(t('failed') + ': ' + error.message, true); });
  }

  function listen() {
    // EventSource cannot send headers: the stream route takes a short-lived token in the query.
    var source = new EventSource('/api/v1/tasks/stream?access_token=' + encodeURIComponent(token));
    ['created', 'claimed', 'completed', 'cancelled', 'overdue', 'reminder'].forEach(function (kind) {
      source.addEventListener(kind, function () { load(); });
    });
    source.onopen = function () { document.body.setAttribute('data-live', 'true'); };
  }

  document.getElementById('lang').addEventListener('click', function () {
    lang = lang === 'nl' ? 'en' : 'nl';
    localStorage.setItem('samenspel-lang', lang);
    applyLanguage();
  });

  applyLanguage();
  if (!token) { say(t('noToken'), true); return; }
  say(t('loading'));
  load().then(function () { if (!statusLine.classList.contains('error')) say(''); listen(); });
})();
</script>
</body>
</html>`;
