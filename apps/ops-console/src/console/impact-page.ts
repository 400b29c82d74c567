import { CHART_LIBRARY_SRC } from './chart-library';

/**
 * The impact page for policy officers, Dutch first: static HTML, a script and a style sheet served
 * from the console itself (no inline code, no CDN), no data inside, served to a signed-in person
 * only. The script calls /api/v1/impact with the session cookie, writes every figure with
 * textContent (never as HTML) and draws the charts with Chart.js, served by the console too.
 * Each chart has its figures as text next to it: a list or a table, where a hidden cell says so.
 */
export const IMPACT_PAGE = `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Samenspel · Impact</title>
<link rel="icon" href="/favicon.ico" type="image/svg+xml">
<link rel="stylesheet" href="impact.css">
<script src="${CHART_LIBRARY_SRC}" defer></script>
<script src="impact.js" defer></script>
</head><body>
<header class="top"><p class="brand">Samenspel · Impact</p><p id="status" class="muted" aria-live="polite"></p>
<form method="post" action="/auth/logout"><button type="submit" data-testid="sign-out">Afmelden</button></form></header>
<main id="main">
<section id="keuze" class="choose" aria-labelledby="keuze-titel">
<h2 id="keuze-titel">Kies gemeente en periode</h2>
<div class="fields">
<label for="gemeente">Gemeente</label><select id="gemeente"></select>
<label for="jaar">Jaar</label><select id="jaar"></select>
<label for="kwartaal">Periode</label><select id="kwartaal"><option value="1">Q1 (jan–mrt)</option><option value="2">Q2 (apr–jun)</option><option value="3">Q3 (jul–sep)</option><option value="4">Q4 (okt–dec)</option><option value="jaar">heel jaar</option></select>
<button id="toon" type="button">Toon</button>
<button id="print" type="button">Afdrukken of PDF</button>
</div>
<p class="exports">Download: <a id="csv-kwartaal" href="/api/v1/impact/export.csv">CSV (periode)</a> · <a id="json-kwartaal" href="/api/v1/impact">JSON (periode)</a> · <a id="csv-jaar" href="/api/v1/impact/export.csv">CSV (jaar)</a> · <a id="json-maanden" href="/api/v1/impact">JSON (maanden)</a></p>
</section>
<div id="rapport"><p class="muted">Cijfers laden…</p></div>
</main>
</body></html>`;

export const IMPACT_STYLE = `
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,sans-serif;margin:0;background:#f5f6f8;color:#1d2433}
.top{background:#1d3557;color:#fff;padding:10px 16px;display:flex;flex-wrap:wrap;gap:4px 16px;align-items:baseline}
.top .brand{font-size:18px;font-weight:600;margin:0}.top .muted{color:#dbe6f7;margin:0}
main{padding:12px;max-width:1100px;margin:auto}
section,.block{background:#fff;border-radius:8px;padding:12px 14px;margin:0 0 14px;box-shadow:0 1px 2px #0002}
h1{font-size:22px;margin:4px 0 4px}h2{font-size:17px;margin:0 0 8px}h3{font-size:15px;margin:10px 0 6px}
.fields{display:flex;flex-wrap:wrap;gap:8px;align-items:center}
select,button{font:inherit;padding:6px 8px;border:1px solid #8a94a6;border-radius:4px;background:#fff;color:#1d2433}
button{background:#1d3557;color:#fff;border-color:#1d3557;cursor:pointer}
a{color:#1d4f91}
.muted{color:#4f5b6d}.bad{color:#a4001d}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:10px}
.card{border:1px solid #d6dbe3;border-radius:8px;padding:10px}
.card .n{font-size:28px;font-weight:700}.card .l{color:#3d4757}
.card.prominent{border:2px solid #1b6e3a;background:#f0f8f2}
.moments{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:12px}
.funnel{list-style:none;margin:0;padding:0}
.funnel li{display:grid;grid-template-columns:1fr minmax(70px,auto);gap:6px;align-items:center;padding:3px 0;border-bottom:1px solid #eef0f3}
.funnel .v{font-weight:600;text-align:right}
.chart-box{position:relative;width:100%;height:240px;margin:6px 0}
.chart-box.small{height:190px}
.chart-box canvas{display:block}
.legend{display:flex;flex-wrap:wrap;gap:12px;margin:4px 0}
.key{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:middle}
.key.prev{background:#1b6e3a}.key.part{background:#b85c00}.key.offers{background:#7a8394}
.table-wrap{overflow-x:auto}
details.figures{margin-top:6px}details.figures summary{cursor:pointer;color:#1d4f91}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{text-align:right;padding:4px 6px;border-bottom:1px solid #e3e6eb}
th:first-child,td:first-child{text-align:left}
td.hidden-cell,span.hidden-cell{color:#4f5b6d;font-style:italic}
.explain li{margin-bottom:4px}
@media (max-width:600px){main{padding:6px}.card .n{font-size:24px}.chart-box{height:210px}}
@media print{
  @page{size:A4;margin:14mm}
  body{background:#fff;font-size:11pt}
  .top,#keuze{display:none}
  main{padding:0;max-width:none}
  section,.block{box-shadow:none;border:0;padding:0;margin:0 0 10mm;break-inside:avoid}
  .card{break-inside:avoid}
  .chart-box{width:170mm;height:62mm;break-inside:avoid}
  .moments .chart-box{width:100%;height:48mm}
  details.figures>*{display:block}
  details.figures summary{display:none}
  a{color:#000;text-decoration:none}
  .print-only{display:block}
}
.print-only{display:none}
`;

export const IMPACT_SCRIPT = `
(function(){
  'use strict';
  // No token in the page: every request carries the HttpOnly session cookie; a 401 means the session ended.
  function expired(){ location.assign('/auth/expired?returnTo='+encodeURIComponent(location.pathname+location.search)); return new Promise(function(){}); }
  var MONTHS = ['jan','feb','mrt','apr','mei','jun','jul','aug','sep','okt','nov','dec'];
  var HIDDEN = 'verborgen';
  var WAITING = 'nog niet bekend';
  var COLOURS = { prevention: '#1b6e3a', participation: '#b85c00', bar: '#457b9d', offers: '#7a8394', third: '#6a4c93' };
  var OUTCOMES = { 'engaged-in-activity': 'doet mee aan een activiteit', 'internship-or-work-found': 'stage of werk gevonden', 'help-found': 'andere hulp gevonden', 'unreachable': 'niet bereikbaar' };
  var HELPED = { 'someone-to-talk-to': 'iemand om mee te praten', 'group': 'erbij horen in een groep', 'activity': 'de activiteit zelf', 'practical-help': 'praktische hulp', 'school-or-work': 'hulp bij school of werk' };
  function $(id){ return document.getElementById(id); }
  function el(tag, attrs, kids){ var e=document.createElement(tag); for (var k in (attrs||{})) { if (k==='text') e.textContent=attrs[k]; else e.setAttribute(k, attrs[k]); } (kids||[]).forEach(function(c){ if (c) e.appendChild(typeof c==='string'?document.createTextNode(c):c); }); return e; }
  function api(path){ return fetch(path).then(function(r){ if (r.status===401) return expired(); if (!r.ok) throw new Error(r.status===401||r.status===403 ? 'geen toegang ('+r.status+')' : 'fout '+r.status); return r.json(); }); }
  function num(v){ return v===null||v===undefined ? HIDDEN : String(v).replace('.', ','); }
  function pct(v){ return v===null||v===undefined ? HIDDEN : Math.round(v*100)+'%'; }
  function cell(v, fmt){ var t=(fmt||num)(v); return el('td', { text: t, class: v===null||v===undefined ? 'hidden-cell' : '' }); }
  function qs(params){ return Object.keys(params).filter(function(k){ return params[k]; }).map(function(k){ return k+'='+encodeURIComponent(params[k]); }).join('&'); }
  function monthName(period){ return MONTHS[Number(period.slice(5,7))-1]+' '+period.slice(0,4); }
  function asOfText(iso){ return new Date(iso).toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'long', timeStyle: 'short' }); }
  function counted(v){ return typeof v==='number' ? v : null; }

  var state = { months: [], codes: [], asOf: null, minimumCell: 5 };

  // Charts: drawn once their canvas is on the page, destroyed before the next report.
  var charts = [], pending = [];
  function setupCharts(){
    if (!window.Chart) return;
    var d=window.Chart.defaults; d.animation=false; d.responsive=true; d.maintainAspectRatio=false; d.locale='nl-NL';
    d.font.family='system-ui,sans-serif'; d.font.size=12; d.color='#1d2433';
  }
  // A hidden cell is marked "verborgen" where its bar would be, never drawn as 0.
  var hiddenMarks = { id: 'hiddenMarks', afterDatasetsDraw: function(chart){
    var ctx=chart.ctx, horizontal=chart.options.indexAxis==='y';
    chart.data.datasets.forEach(function(ds, di){
      if (ds.type==='line' || !chart.isDatasetVisible(di)) return;
      var meta=chart.getDatasetMeta(di);
      ds.data.forEach(function(v, i){
        if (v!==null || !(ds.hiddenAt||[])[i]) return;
        var bar=meta.data[i]; if (!bar) return;
        ctx.save(); ctx.fillStyle='#4f5b6d'; ctx.font='italic 11px system-ui,sans-serif';
        if (horizontal) { ctx.textBaseline='middle'; ctx.fillText(HIDDEN, chart.scales.x.getPixelForValue(0)+4, bar.y); }
        else { ctx.translate(bar.x, chart.scales.y.getPixelForValue(0)-4); ctx.rotate(-Math.PI/2); ctx.textBaseline='middle'; ctx.fillText(HIDDEN, 0, 0); }
        ctx.restore();
      });
    });
  } };
  function chartBox(id, label, describedBy, small){
    var canvas=el('canvas', { id: id, role: 'img', 'aria-label': label, 'aria-describedby': describedBy });
    canvas.textContent=label;
    return el('div', { class: 'chart-box'+(small?' small':'') }, [canvas]);
  }
  function draw(id, config){ pending.push(function(){ if (!window.Chart) return; config.plugins=[hiddenMarks]; charts.push(new window.Chart($(id), config)); }); }
  function drawPending(){ var todo=pending; pending=[]; todo.forEach(function(f){ f(); }); }
  function clearCharts(){ charts.forEach(function(c){ c.destroy(); }); charts=[]; pending=[]; }
  function tooltipLabel(suffix){ return function(item){ return item.dataset.label+': '+(item.raw===null ? HIDDEN : String(item.raw).replace('.', ',')+(suffix||'')); }; }

  // A click on an export link fetches it (with the session cookie) and saves it under its file name.
  function download(ev){ ev.preventDefault(); var a=ev.currentTarget; fetch(a.getAttribute('href')).then(function(r){ if (r.status===401) return expired(); if (!r.ok) throw new Error('fout '+r.status); return r.blob(); }).then(function(b){ var d=document.createElement('a'); d.href=URL.createObjectURL(b); d.download=a.getAttribute('data-file'); document.body.appendChild(d); d.click(); d.remove(); }).catch(function(e){ $('status').textContent='Download mislukt: '+e.message; }); }

  function card(value, label, prominent){ return el('div', { class: 'card'+(prominent?' prominent':'') }, [el('div', { class: 'n', text: value }), el('div', { class: 'l', text: label })]); }

  // One moment: a bar per count (hidden ones marked) and, as its text alternative, the list of figures.
  function funnel(id, title, steps){
    var listId=id+'-cijfers', bars=steps.filter(function(s){ return !s.notCounted; });
    draw(id, { type: 'bar', data: { labels: bars.map(function(s){ return s.short || s.label; }), datasets: [{ label: title, data: bars.map(function(s){ return counted(s.value); }),
        backgroundColor: bars.map(function(s){ return s.prominent ? COLOURS.prevention : COLOURS.bar; }), hiddenAt: bars.map(function(){ return true; }) }] },
      options: { indexAxis: 'y', scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: tooltipLabel() } }} } });
    return el('div', { class: 'moment' }, [el('h3', { text: title }), chartBox(id, 'Staafdiagram '+title+'; de cijfers staan in de lijst eronder.', listId, true),
      el('ol', { class: 'funnel', id: listId }, steps.map(function(s){
        var shown=s.text!==undefined ? s.text : num(s.value);
        return el('li', { 'data-measure': s.key }, [el('span', { text: s.label }), el('span', { class: 'v'+(s.value===null?' hidden-cell':''), text: shown })]);
      }))]);
  }

  function participation(t, w){ var p=t.participation.weeks[w]; if (!p) return { value: null, text: HIDDEN }; if (!p.due) return { value: p.participating, text: (p.participating===null?HIDDEN:String(p.participating))+' ('+WAITING+')' }; return { value: p.participating, text: p.participating===null ? HIDDEN : p.participating+(p.share===null?'':' ('+pct(p.share)+')') }; }

  function moments(row){
    var v=row.voor, t=row.tijdens, n=row.na, p4=participation(t, '4');
    return el('section', { id: 'trechter', 'aria-labelledby': 'trechter-titel' }, [el('h2', { id: 'trechter-titel', text: 'Trechter per moment' }),
      el('div', { class: 'moments' }, [
        funnel('trechter-voor', 'Voor de zorg (toeleiding)', [
          { key: 'referralsToCare', label: 'doorverwezen naar zorg', short: 'doorverwezen', value: v.referralsToCare },
          { key: 'referralsToCareAccepted', label: 'door zorg geaccepteerd', short: 'geaccepteerd', value: v.referralsToCareAccepted },
          { key: 'medianDaysToAcceptance', label: 'mediaan dagen tot acceptatie', value: v.medianDaysToAcceptance, notCounted: true }]),
        funnel('trechter-tijdens', 'Tijdens het wachten (overbrugging)', [
          { key: 'enteredWithConsent', label: 'op de wachtlijst, met toestemming', short: 'met toestemming', value: t.enteredWithConsent },
          { key: 'offers', label: 'aanbiedingen jongerenwerk', short: 'aanbiedingen', value: t.offers },
          { key: 'offersAccepted', label: 'aanbiedingen geaccepteerd', short: 'geaccepteerd', value: t.offersAccepted, text: t.offersAccepted===null ? HIDDEN : t.offersAccepted+(t.acceptedShare===null?'':' ('+pct(t.acceptedShare)+')') },
          { key: 'medianDaysToFirstOffer', label: 'mediaan dagen tot het eerste aanbod', value: t.medianDaysToFirstOffer, notCounted: true },
          { key: 'participating4w', label: 'doet na 4 weken nog mee', short: 'na 4 weken', value: p4.value, text: p4.text, prominent: true },
          { key: 'bridgedExits', label: 'van de wachtlijst af', short: 'wachtlijst af', value: t.bridgedExits },
          { key: 'careNoLongerNeeded', label: 'zorg niet meer nodig (preventie)', short: 'preventie', value: t.careNoLongerNeeded, text: t.careNoLongerNeeded===null ? HIDDEN : t.careNoLongerNeeded+(t.careNoLongerNeededShare===null?'':' ('+pct(t.careNoLongerNeededShare)+')'), prominent: true }]),
        funnel('trechter-na', 'Na de zorg (overdracht)', [
          { key: 'handovers', label: 'overgedragen aan jongerenwerk', short: 'overgedragen', value: n.handovers },
          { key: 'firstContactWithin5WorkingDays', label: 'eerste contact binnen 5 werkdagen', short: 'contact ≤ 5 werkdagen', value: n.firstContactWithin5WorkingDays, text: n.firstContactWithin5WorkingDays===null ? HIDDEN : n.firstContactWithin5WorkingDays+(n.firstContactShare===null?'':' ('+pct(n.firstContactShare)+')') }]
          .concat(Object.keys(OUTCOMES).map(function(o){ return { key: 'outcome-'+o, label: 'uitkomst: '+OUTCOMES[o], short: OUTCOMES[o], value: n.outcomes[o]===undefined ? null : n.outcomes[o] }; })))])]);
  }

  function keyFigures(row){
    var t=row.tijdens, n=row.na, p4=participation(t, '4');
    return el('section', { id: 'kerncijfers', 'aria-labelledby': 'kern-titel' }, [el('h2', { id: 'kern-titel', text: 'Kerncijfers' }), el('div', { class: 'cards' }, [
      card(num(t.careNoLongerNeeded), 'jongeren hadden de zorg niet meer nodig (preventie)'+(t.careNoLongerNeededShare===null?'':', '+pct(t.careNoLongerNeededShare)+' van wie de wachtlijst verliet'), true),
      card(p4.text, 'doen 4 weken na hun start nog mee', true),
      card(pct(t.acceptedShare), 'van de aanbiedingen geaccepteerd'),
      card(t.medianDaysToFirstOffer===null ? HIDDEN : num(t.medianDaysToFirstOffer)+' dagen', 'mediaan tot het eerste aanbod'),
      card(pct(n.firstContactShare), 'overdrachten met eerste contact binnen 5 werkdagen')])]);
  }

  // Per month of the year: prevention and participation at 4 weeks as bars, offers as a line.
  function trend(code, year){
    var rows={}; state.months.forEach(function(r){ if (r.municipalityCode===code && r.period.slice(0,4)===year) rows[r.period]=r; });
    var periods=MONTHS.map(function(_, i){ return year+'-'+String(i+1).padStart(2,'0'); });
    var series=periods.map(function(p){ var r=rows[p]; if (!r) return { p: p, prev: null, part: null, offers: null }; var w=r.tijdens.participation.weeks['4']; return { p: p, row: r, prev: r.tijdens.careNoLongerNeeded, part: w ? w.participating : null, due: w ? w.due : false, offers: r.tijdens.offers }; });
    var at=series.map(function(s){ return !!s.row; });
    draw('trend-grafiek', { type: 'bar', data: { labels: MONTHS, datasets: [
        { label: 'zorg niet meer nodig (preventie)', data: series.map(function(s){ return counted(s.prev); }), backgroundColor: COLOURS.prevention, hiddenAt: at, order: 1 },
        { label: 'doet 4 weken na de start nog mee', data: series.map(function(s){ return counted(s.part); }), backgroundColor: COLOURS.participation, hiddenAt: at, order: 2 },
        { type: 'line', label: 'aanbiedingen', data: series.map(function(s){ return counted(s.offers); }), borderColor: COLOURS.offers, backgroundColor: COLOURS.offers, borderDash: [5, 4], borderWidth: 1.5, pointRadius: 2, order: 0 }] },
      options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }, plugins: { legend: { position: 'bottom' }, tooltip: { callbacks: { label: tooltipLabel() } } } } });
    var table=el('table', { id: 'trend-tabel' }, [el('caption', { class: 'muted', text: 'Cijfers per maand, '+year }), el('thead', {}, [el('tr', {}, ['maand', 'aanbiedingen', 'geaccepteerd', 'van de wachtlijst af', 'zorg niet meer nodig', 'nog mee na 4 weken', 'nog mee na 12 weken'].map(function(h){ return el('th', { scope: 'col', text: h }); }))]),
      el('tbody', {}, series.filter(function(s){ return s.row; }).map(function(s){ var t=s.row.tijdens, w12=t.participation.weeks['12'];
        return el('tr', { 'data-period': s.p }, [el('th', { scope: 'row', text: monthName(s.p) }), cell(t.offers), cell(t.offersAccepted), cell(t.bridgedExits), cell(t.careNoLongerNeeded),
          s.due || s.part===null ? cell(s.part) : el('td', { text: String(s.part)+' ('+WAITING+')' }),
          w12 && !w12.due ? el('td', { class: 'muted', text: WAITING }) : cell(w12 ? w12.participating : null)]); }))]);
    var body=[el('h2', { id: 'trend-titel', text: 'Verloop per maand in '+year+': preventie en deelname' }),
      chartBox('trend-grafiek', 'Verloop per maand in '+year+': zorg niet meer nodig, nog mee na 4 weken en aanbiedingen; de cijfers staan in de tabel eronder.', 'trend-tabel'),
      el('p', { class: 'legend muted', text: HIDDEN+': minder dan '+state.minimumCell+' jongeren, of af te leiden uit een totaal; het staat in de grafiek als tekst, nooit als 0.' }),
      el('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': 'trend-titel' }, [table])];
    if (!Object.keys(rows).length) body.push(el('p', { text: 'Nog geen cijfers voor '+year+'.' }));
    return el('section', { id: 'verloop', 'aria-labelledby': 'trend-titel' }, body);
  }

  // The municipalities one may see, side by side in shares (their sizes differ), with all counts in the table.
  function comparison(periodRows, yearRows, periodLabel, year){
    var byCode={}; yearRows.forEach(function(r){ byCode[r.municipalityCode]={ year: r }; }); periodRows.forEach(function(r){ (byCode[r.municipalityCode]=byCode[r.municipalityCode]||{}).period=r; });
    var codes=Object.keys(byCode).sort();
    var yearly=function(c, f){ var y=byCode[c].year; return y ? f(y) : null; };
    var percent=function(v){ return v===null||v===undefined ? null : Math.round(v*100); };
    var shares=[['aandeel preventie', COLOURS.prevention, function(y){ return y.tijdens.careNoLongerNeededShare; }], ['aanbiedingen geaccepteerd', COLOURS.bar, function(y){ return y.tijdens.acceptedShare; }], ['eerste contact ≤ 5 werkdagen', COLOURS.third, function(y){ return y.na.firstContactShare; }]];
    draw('vergelijking-grafiek', { type: 'bar', data: { labels: codes, datasets: shares.map(function(s){ return { label: s[0]+' '+year, backgroundColor: s[1], hiddenAt: codes.map(function(c){ return !!byCode[c].year; }), data: codes.map(function(c){ return percent(yearly(c, s[2])); }) }; }) },
      options: { scales: { y: { beginAtZero: true, max: 100, ticks: { callback: function(v){ return v+'%'; } } } }, plugins: { legend: { position: 'bottom' }, tooltip: { callbacks: { label: tooltipLabel('%') } } } } });
    var head=['gemeente', 'preventie '+periodLabel, 'preventie '+year, 'aandeel preventie '+year, 'aanbiedingen '+year, 'geaccepteerd '+year, 'overdrachten '+year, 'eerste contact ≤ 5 werkdagen '+year];
    var table=el('table', { id: 'vergelijking-tabel' }, [el('thead', {}, [el('tr', {}, head.map(function(h){ return el('th', { scope: 'col', text: h }); }))]),
      el('tbody', {}, codes.map(function(c){ var q=byCode[c].period, y=byCode[c].year, yt=y?y.tijdens:{}, yn=y?y.na:{};
        return el('tr', { 'data-municipality': c }, [el('th', { scope: 'row', text: c }), cell(q?q.tijdens.careNoLongerNeeded:null), cell(yt.careNoLongerNeeded), cell(yt.careNoLongerNeededShare, pct), cell(yt.offers), cell(yt.acceptedShare, pct), cell(yn.handovers), cell(yn.firstContactShare, pct)]); }))]);
    return el('section', { id: 'vergelijking', 'aria-labelledby': 'vergelijking-titel' }, [el('h2', { id: 'vergelijking-titel', text: 'Vergelijking tussen gemeenten' }),
      el('p', { class: 'muted', text: codes.length>1 ? 'De gemeenten waarvan u de cijfers mag zien, in percentages omdat ze in grootte verschillen. Elke gemeente wordt apart beschermd: een verborgen cijfer is daar minder dan 5 of af te leiden uit een totaal.' : 'U mag de cijfers van één gemeente zien; er is niets om mee te vergelijken.' }),
      chartBox('vergelijking-grafiek', 'Vergelijking tussen gemeenten in '+year+': aandeel preventie, aanbiedingen geaccepteerd en eerste contact binnen 5 werkdagen; de cijfers staan in de tabel eronder.', 'vergelijking-tabel'),
      el('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': 'vergelijking-titel' }, [table])]);
  }

  // The youngsters' own views (at follow-up steps and at the end of a placement): counts only.
  function youthVoice(row){
    var y=row.na.youthVoice || { views: null, medianScore: null, helped: {} }, words=Object.keys(HELPED);
    draw('stem-grafiek', { type: 'bar', data: { labels: words.map(function(w){ return HELPED[w]; }), datasets: [{ label: 'wat hielp', backgroundColor: COLOURS.bar, hiddenAt: words.map(function(){ return true; }), data: words.map(function(w){ return counted(y.helped[w]); }) }] },
      options: { indexAxis: 'y', scales: { x: { beginAtZero: true, ticks: { precision: 0 } } }, plugins: { legend: { display: false }, tooltip: { callbacks: { label: tooltipLabel() } } } } });
    var table=el('table', { id: 'stem-tabel' }, [el('thead', {}, [el('tr', {}, [el('th', { scope: 'col', text: 'wat hielp' }), el('th', { scope: 'col', text: 'aantal keer genoemd' })])]),
      el('tbody', {}, words.map(function(w){ return el('tr', { 'data-helped': w }, [el('th', { scope: 'row', text: HELPED[w] }), cell(y.helped[w])]); }))]);
    return el('section', { id: 'stem', 'aria-labelledby': 'stem-titel' }, [el('h2', { id: 'stem-titel', text: 'De stem van de jongere' }),
      el('p', { class: 'muted', text: 'Bij een vervolgstap of aan het eind van een plaatsing mag de jongerenwerker vastleggen hoe de jongere het zelf ziet: een cijfer van 1 (hielp niet) tot 5 (hielp heel veel) en wat hielp, uit een vaste lijst. Alleen aantallen komen hier.' }),
      el('div', { class: 'cards' }, [card(num(y.views), 'jongeren gaven hun mening', true), card(y.medianScore===null ? HIDDEN : num(y.medianScore)+' van 5', 'mediaan cijfer van de jongeren')]),
      chartBox('stem-grafiek', 'Staafdiagram: wat hielp volgens de jongeren; de cijfers staan in de tabel eronder.', 'stem-tabel', true),
      el('details', { class: 'figures', open: 'open' }, [el('summary', { text: 'Cijfers als tabel' }), el('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': 'stem-titel' }, [table])])]);
  }

  function explanation(row){
    var t=row.tijdens, items=[
      'Verborgen: minder dan '+state.minimumCell+' jongeren (0 inbegrepen), of verborgen omdat je anders een klein getal kunt uitrekenen uit een totaal. Zo is geen jongere te herkennen, ook niet in een kleine gemeente.',
      'Een percentage staat er alleen als beide getallen zichtbaar zijn, een mediaan alleen als het aantal waarop hij rust zichtbaar is.',
      'Nog niet bekend: deelname na 4, 8 en 12 weken en de vervolgstap na 3 maanden vragen weken aan gegevens. Het aandeel verschijnt pas als elke plaatsing van de periode zo lang loopt; tot dan kan het aantal nog groeien.',
      'Zorg niet meer nodig (preventie): een jongere deed mee aan jongerenwerk tijdens het wachten, en had de zorg niet meer nodig toen die aan de beurt was. Dit is een signaal, geen bewezen effect.',
      'Maanden zijn Nederlandse kalendermaanden (Europe/Amsterdam). Een gebeurtenis die later binnenkomt telt alsnog mee in haar maand, dus recente cijfers kunnen nog groeien.'];
    var waiting=['4','8','12'].filter(function(w){ var p=t.participation.weeks[w]; return p && !p.due; });
    if (waiting.length) items.push('In deze periode wacht deelname na '+waiting.join(', ')+' weken nog op gegevens.');
    var threeMonths=row.na.followUps && row.na.followUps['check-in-3m'];
    if (threeMonths && threeMonths.done===null) items.push('De vervolgstap na 3 maanden komt pas 3 maanden na een overdracht; tot die tijd is hij leeg of verborgen.');
    return el('section', { id: 'uitleg', 'aria-labelledby': 'uitleg-titel' }, [el('h2', { id: 'uitleg-titel', text: 'Zo leest u de cijfers' }), el('ul', { class: 'explain' }, items.map(function(i){ return el('li', { text: i }); }))]);
  }

  function emptyRow(code, period){ var z=null; return { municipalityCode: code, period: period, voor: { referralsToCare: z, referralsToCareAccepted: z, medianDaysToAcceptance: z }, tijdens: { enteredWithConsent: z, offeredYoungsters: z, firstOffers: z, medianDaysToFirstOffer: z, offers: z, offersAccepted: z, acceptedShare: z, attendanceSessions: z, attendancePresent: z, attendanceShare: z, bridgedExits: z, careNoLongerNeeded: z, careNoLongerNeededShare: z, weeksBridged: { count: z, median: z, bands: {} }, careStartedWhileAttending: z, parallelReferrals: z, participation: { placementsStarted: z, weeks: {} } }, na: { handovers: z, firstContactWithin5WorkingDays: z, firstContactShare: z, outcomes: {}, followUps: {}, youthVoice: { views: z, medianScore: z, helped: {} } } }; }

  function setLink(id, path, params, file){ var a=$(id); a.setAttribute('href', path+'?'+qs(params)); a.setAttribute('data-file', file); }

  function show(){
    var code=$('gemeente').value, year=$('jaar').value, chosen=$('kwartaal').value, wholeYear=chosen==='jaar', period=wholeYear ? year : year+'-Q'+chosen;
    history.replaceState(null, '', location.pathname+'?'+qs({ municipalityCode: code, period: period }));
    setLink('csv-kwartaal', '/api/v1/impact/export.csv', { municipalityCode: code, period: period }, 'samenspel-impact-'+code+'-'+period+'.csv');
    setLink('json-kwartaal', '/api/v1/impact', { municipalityCode: code, period: period }, 'samenspel-impact-'+code+'-'+period+'.json');
    setLink('csv-jaar', '/api/v1/impact/export.csv', { municipalityCode: code, period: year }, 'samenspel-impact-'+code+'-'+year+'.csv');
    setLink('json-maanden', '/api/v1/impact', { municipalityCode: code }, 'samenspel-impact-'+code+'-maanden.json');
    var out=$('rapport'); out.removeAttribute('data-loaded');
    return Promise.all([api('/api/v1/impact?'+qs({ period: period })), wholeYear ? null : api('/api/v1/impact?'+qs({ period: year }))]).then(function(r){
      var p=r[0].items, y=r[1] ? r[1].items : p;
      var row=p.filter(function(x){ return x.municipalityCode===code; })[0] || emptyRow(code, period);
      clearCharts(); out.textContent='';
      [el('div', { class: 'block', id: 'kop' }, [el('h1', { text: 'Impact van Samenspel · gemeente '+code+' · '+period }),
        el('p', { class: 'muted', id: 'as-of', text: (wholeYear ? 'Jaarrapportage' : 'Kwartaalrapportage')+'. Cijfers tot en met '+asOfText(r[0].asOf)+'. Alleen totalen, nooit gegevens van één jongere.' }),
        el('p', { class: 'print-only', text: 'Samenspel verbindt jongerenwerk en jeugdzorg voor, tijdens en na de zorg.' })]),
        keyFigures(row), moments(row), trend(code, year), comparison(p, y, period, year), youthVoice(row), explanation(row)].forEach(function(n){ out.appendChild(n); });
      drawPending();
      out.setAttribute('data-loaded', code+' '+period);
      $('status').textContent='Bijgewerkt '+new Date().toLocaleTimeString('nl-NL');
    }).catch(fail);
  }

  function fail(e){ var out=$('rapport'); clearCharts(); out.textContent=''; out.appendChild(el('p', { class: 'bad', role: 'alert', text: 'De cijfers konden niet geladen worden: '+e.message+'.' })); }

  function options(select, values, labels, chosen){ select.textContent=''; values.forEach(function(v, i){ var o=el('option', { value: v, text: labels ? labels[i] : v }); if (v===chosen) o.selected=true; select.appendChild(o); }); }

  // The canvases take the printed page's width, and the screen's again afterwards.
  function resizeCharts(){ charts.forEach(function(c){ c.resize(); }); }

  document.addEventListener('DOMContentLoaded', function(){
    setupCharts();
    window.addEventListener('beforeprint', resizeCharts);
    window.addEventListener('afterprint', resizeCharts);
    ['csv-kwartaal', 'json-kwartaal', 'csv-jaar', 'json-maanden'].forEach(function(id){ $(id).addEventListener('click', download); });
    $('toon').addEventListener('click', show);
    $('print').addEventListener('click', function(){ window.print(); });
    api('/api/v1/impact').then(function(r){
      state.months=r.items; state.asOf=r.asOf; state.minimumCell=r.minimumCell;
      var asked=new URLSearchParams(location.search), period=asked.get('period')||'';
      var codes=[]; r.items.forEach(function(x){ if (codes.indexOf(x.municipalityCode)<0) codes.push(x.municipalityCode); }); codes.sort();
      var askedCode=asked.get('municipalityCode'); if (askedCode && codes.indexOf(askedCode)<0) codes.push(askedCode);
      // The newest month with figures up to now (Dutch time): a month ahead of the clock is never the default.
      var now=new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0,7);
      var latest=r.items.map(function(x){ return x.period; }).filter(function(p){ return p<=now; }).sort().pop() || now;
      var year=/^\\d{4}/.test(period) ? period.slice(0,4) : latest.slice(0,4);
      var quarter=/-Q[1-4]$/.test(period) ? period.slice(-1) : /^\\d{4}$/.test(period) ? 'jaar' : String(Math.ceil(Number(latest.slice(5,7))/3));
      var years=[]; r.items.forEach(function(x){ var yy=x.period.slice(0,4); if (years.indexOf(yy)<0) years.push(yy); }); if (years.indexOf(year)<0) years.push(year); years.sort();
      if (!codes.length) { fail(new Error('er zijn nog geen cijfers')); return; }
      options($('gemeente'), codes, null, askedCode || codes[0]); options($('jaar'), years, null, year); $('kwartaal').value=quarter;
      return show();
    }).catch(fail);
  });
})();
`;
