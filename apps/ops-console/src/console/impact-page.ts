/**
 * The impact page for policy officers, Dutch first: static HTML, a script and a style sheet served
 * from the console itself (no inline code, no CDN), no data inside, served to a signed-in person
 * only. The script calls /api/v1/impact with the session cookie and draws every figure
 * with textContent and SVG elements built one by one, never as HTML.
 */
export const IMPACT_PAGE = `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Samenspel · Impact</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="impact.css">
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
<label for="kwartaal">Kwartaal</label><select id="kwartaal"><option value="1">Q1 (jan–mrt)</option><option value="2">Q2 (apr–jun)</option><option value="3">Q3 (jul–sep)</option><option value="4">Q4 (okt–dec)</option></select>
<button id="toon" type="button">Toon</button>
<button id="print" type="button">Afdrukken of PDF</button>
</div>
<p class="exports">Download: <a id="csv-kwartaal" href="/api/v1/impact/export.csv">CSV (kwartaal)</a> · <a id="json-kwartaal" href="/api/v1/impact">JSON (kwartaal)</a> · <a id="csv-jaar" href="/api/v1/impact/export.csv">CSV (jaar)</a> · <a id="json-maanden" href="/api/v1/impact">JSON (maanden)</a></p>
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
.funnel li{display:grid;grid-template-columns:minmax(120px,1.3fr) 2fr minmax(70px,auto);gap:6px;align-items:center;padding:3px 0;border-bottom:1px solid #eef0f3}
.funnel .v{font-weight:600;text-align:right}
svg.bar{width:100%;height:14px}
.chart{width:100%;height:auto;max-width:900px}
.chart text{font-size:11px;fill:#1d2433}
.legend{display:flex;flex-wrap:wrap;gap:12px;margin:4px 0}
.key{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:middle}
.key.prev{background:#1b6e3a}.key.part{background:#e07a1f}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{text-align:right;padding:4px 6px;border-bottom:1px solid #e3e6eb}
th:first-child,td:first-child{text-align:left}
td.hidden-cell,span.hidden-cell{color:#4f5b6d;font-style:italic}
.explain li{margin-bottom:4px}
@media (max-width:600px){main{padding:6px}.card .n{font-size:24px}.funnel li{grid-template-columns:1fr 80px;}.funnel li svg{display:none}}
@media print{
  @page{size:A4;margin:14mm}
  body{background:#fff;font-size:11pt}
  .top,#keuze{display:none}
  main{padding:0;max-width:none}
  section,.block{box-shadow:none;border:0;padding:0;margin:0 0 10mm;break-inside:avoid}
  .card{break-inside:avoid}
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
  var NS = 'http://www.w3.org/2000/svg';
  var MONTHS = ['jan','feb','mrt','apr','mei','jun','jul','aug','sep','okt','nov','dec'];
  var HIDDEN = 'verborgen';
  var WAITING = 'nog niet bekend';
  var OUTCOMES = { 'engaged-in-activity': 'doet mee aan een activiteit', 'internship-or-work-found': 'stage of werk gevonden', 'help-found': 'andere hulp gevonden', 'unreachable': 'niet bereikbaar' };
  var STEPS = { 'first-contact': 'eerste contact (5 werkdagen)', 'check-in-2w': 'na 2 weken', 'check-in-3m': 'na 3 maanden' };
  function $(id){ return document.getElementById(id); }
  function el(tag, attrs, kids){ var e=document.createElement(tag); for (var k in (attrs||{})) { if (k==='text') e.textContent=attrs[k]; else e.setAttribute(k, attrs[k]); } (kids||[]).forEach(function(c){ if (c) e.appendChild(typeof c==='string'?document.createTextNode(c):c); }); return e; }
  function svg(tag, attrs){ var e=document.createElementNS(NS, tag); for (var k in attrs) { if (k==='text') e.textContent=attrs[k]; else e.setAttribute(k, attrs[k]); } return e; }
  function api(path){ return fetch(path).then(function(r){ if (r.status===401) return expired(); if (!r.ok) throw new Error(r.status===401||r.status===403 ? 'geen toegang ('+r.status+')' : 'fout '+r.status); return r.json(); }); }
  function num(v){ return v===null||v===undefined ? HIDDEN : String(v).replace('.', ','); }
  function pct(v){ return v===null||v===undefined ? HIDDEN : Math.round(v*100)+'%'; }
  function cell(v, fmt){ var t=(fmt||num)(v); return el('td', { text: t, class: v===null||v===undefined ? 'hidden-cell' : '' }); }
  function qs(params){ return Object.keys(params).filter(function(k){ return params[k]; }).map(function(k){ return k+'='+encodeURIComponent(params[k]); }).join('&'); }
  function monthName(period){ return MONTHS[Number(period.slice(5,7))-1]+' '+period.slice(0,4); }
  function asOfText(iso){ return new Date(iso).toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'long', timeStyle: 'short' }); }

  var state = { months: [], codes: [], asOf: null, minimumCell: 5 };

  // A click on an export link fetches it (with the session cookie) and saves it under its file name.
  function download(ev){ ev.preventDefault(); var a=ev.currentTarget; fetch(a.getAttribute('href')).then(function(r){ if (r.status===401) return expired(); if (!r.ok) throw new Error('fout '+r.status); return r.blob(); }).then(function(b){ var d=document.createElement('a'); d.href=URL.createObjectURL(b); d.download=a.getAttribute('data-file'); document.body.appendChild(d); d.click(); d.remove(); }).catch(function(e){ $('status').textContent='Download mislukt: '+e.message; }); }

  function card(value, label, prominent){ return el('div', { class: 'card'+(prominent?' prominent':'') }, [el('div', { class: 'n', text: value }), el('div', { class: 'l', text: label })]); }

  function funnel(title, steps){
    var max=Math.max.apply(null, [1].concat(steps.map(function(s){ return typeof s.value==='number' ? s.value : 0; })));
    return el('div', { class: 'moment' }, [el('h3', { text: title }), el('ol', { class: 'funnel' }, steps.map(function(s){
      var bar=svg('svg', { class: 'bar', viewBox: '0 0 100 14', preserveAspectRatio: 'none', 'aria-hidden': 'true', focusable: 'false' });
      var w=typeof s.value==='number' ? Math.max(1, Math.round(s.value/max*100)) : 0;
      bar.appendChild(svg('rect', { x: 0, y: 1, width: 100, height: 12, fill: '#eef0f3' }));
      bar.appendChild(svg('rect', { x: 0, y: 1, width: w, height: 12, fill: s.prominent ? '#1b6e3a' : '#457b9d' }));
      var shown=s.text!==undefined ? s.text : num(s.value);
      return el('li', { 'data-measure': s.key }, [el('span', { text: s.label }), bar, el('span', { class: 'v'+(s.value===null?' hidden-cell':''), text: shown })]);
    }))]);
  }

  function participation(t, w){ var p=t.participation.weeks[w]; if (!p) return { value: null, text: HIDDEN }; if (!p.due) return { value: p.participating, text: (p.participating===null?HIDDEN:String(p.participating))+' ('+WAITING+')' }; return { value: p.participating, text: p.participating===null ? HIDDEN : p.participating+(p.share===null?'':' ('+pct(p.share)+')') }; }

  function moments(row){
    var v=row.voor, t=row.tijdens, n=row.na, p4=participation(t, '4');
    return el('section', { id: 'trechter', 'aria-labelledby': 'trechter-titel' }, [el('h2', { id: 'trechter-titel', text: 'Trechter per moment' }),
      el('div', { class: 'moments' }, [
        funnel('Voor de zorg (toeleiding)', [
          { key: 'referralsToCare', label: 'doorverwezen naar zorg', value: v.referralsToCare },
          { key: 'referralsToCareAccepted', label: 'door zorg geaccepteerd', value: v.referralsToCareAccepted },
          { key: 'medianDaysToAcceptance', label: 'mediaan dagen tot acceptatie', value: v.medianDaysToAcceptance }]),
        funnel('Tijdens het wachten (overbrugging)', [
          { key: 'enteredWithConsent', label: 'op de wachtlijst, met toestemming', value: t.enteredWithConsent },
          { key: 'offers', label: 'aanbiedingen jongerenwerk', value: t.offers },
          { key: 'offersAccepted', label: 'aanbiedingen geaccepteerd', value: t.offersAccepted, text: t.offersAccepted===null ? HIDDEN : t.offersAccepted+(t.acceptedShare===null?'':' ('+pct(t.acceptedShare)+')') },
          { key: 'participating4w', label: 'doet na 4 weken nog mee', value: p4.value, text: p4.text, prominent: true },
          { key: 'bridgedExits', label: 'van de wachtlijst af', value: t.bridgedExits },
          { key: 'careNoLongerNeeded', label: 'zorg niet meer nodig (preventie)', value: t.careNoLongerNeeded, text: t.careNoLongerNeeded===null ? HIDDEN : t.careNoLongerNeeded+(t.careNoLongerNeededShare===null?'':' ('+pct(t.careNoLongerNeededShare)+')'), prominent: true }]),
        funnel('Na de zorg (overdracht)', [
          { key: 'handovers', label: 'overgedragen aan jongerenwerk', value: n.handovers },
          { key: 'firstContactWithin5WorkingDays', label: 'eerste contact binnen 5 werkdagen', value: n.firstContactWithin5WorkingDays, text: n.firstContactWithin5WorkingDays===null ? HIDDEN : n.firstContactWithin5WorkingDays+(n.firstContactShare===null?'':' ('+pct(n.firstContactShare)+')') }]
          .concat(Object.keys(OUTCOMES).map(function(o){ return { key: 'outcome-'+o, label: 'uitkomst: '+OUTCOMES[o], value: n.outcomes[o]===undefined ? null : n.outcomes[o] }; })))])]);
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

  // Grouped bars per month: prevention and participation at 4 weeks; a hidden month is marked, not drawn.
  function trend(code, year){
    var rows={}; state.months.forEach(function(r){ if (r.municipalityCode===code && r.period.slice(0,4)===year) rows[r.period]=r; });
    var periods=MONTHS.map(function(_, i){ return year+'-'+String(i+1).padStart(2,'0'); });
    var series=periods.map(function(p){ var r=rows[p]; if (!r) return { p: p, prev: undefined, part: undefined, offers: undefined }; var w=r.tijdens.participation.weeks['4']; return { p: p, row: r, prev: r.tijdens.careNoLongerNeeded, part: w ? w.participating : null, due: w ? w.due : false, offers: r.tijdens.offers }; });
    var max=Math.max.apply(null, [state.minimumCell].concat(series.map(function(s){ return Math.max(s.prev||0, s.part||0); })));
    var W=720, H=220, left=34, bottom=30, top=10, step=(W-left-6)/12, bw=step*0.36;
    var chart=svg('svg', { class: 'chart', viewBox: '0 0 '+W+' '+H, role: 'img', 'aria-labelledby': 'trend-titel trend-desc' });
    chart.appendChild(svg('desc', { id: 'trend-desc', text: 'Per maand: aantal jongeren dat de zorg niet meer nodig had, en aantal dat 4 weken na de start nog meedeed. De tabel hieronder geeft dezelfde cijfers.' }));
    var y=function(v){ return top+(H-top-bottom)*(1-v/max); };
    [0, Math.round(max/2), max].forEach(function(g){ chart.appendChild(svg('line', { x1: left, x2: W-4, y1: y(g), y2: y(g), stroke: '#d6dbe3' })); chart.appendChild(svg('text', { x: 2, y: y(g)+4, text: String(g) })); });
    series.forEach(function(s, i){
      var x=left+i*step+step*0.12;
      [['prev', '#1b6e3a', 0], ['part', '#e07a1f', 1]].forEach(function(k){ var v=s[k[0]]; var bx=x+k[2]*bw;
        if (typeof v==='number') chart.appendChild(svg('rect', { x: bx, y: y(v), width: bw-1, height: y(0)-y(v), fill: k[1] }));
        else if (v===null) chart.appendChild(svg('text', { x: bx, y: y(0)-3, text: '<5' })); });
      chart.appendChild(svg('text', { x: x, y: H-bottom+16, text: MONTHS[i] }));
    });
    var table=el('table', { id: 'trend-tabel' }, [el('caption', { class: 'muted', text: 'Cijfers per maand, '+year }), el('thead', {}, [el('tr', {}, ['maand', 'aanbiedingen', 'geaccepteerd', 'van de wachtlijst af', 'zorg niet meer nodig', 'nog mee na 4 weken', 'nog mee na 12 weken'].map(function(h){ return el('th', { scope: 'col', text: h }); }))]),
      el('tbody', {}, series.filter(function(s){ return s.row; }).map(function(s){ var t=s.row.tijdens, w12=t.participation.weeks['12'];
        return el('tr', { 'data-period': s.p }, [el('th', { scope: 'row', text: monthName(s.p) }), cell(t.offers), cell(t.offersAccepted), cell(t.bridgedExits), cell(t.careNoLongerNeeded),
          s.due || s.part===null ? cell(s.part) : el('td', { text: String(s.part)+' ('+WAITING+')' }),
          w12 && !w12.due ? el('td', { class: 'muted', text: WAITING }) : cell(w12 ? w12.participating : null)]); }))]);
    var body=[el('h2', { id: 'trend-titel', text: 'Verloop per maand in '+year+': preventie en deelname' }),
      el('p', { class: 'legend' }, [el('span', {}, [el('span', { class: 'key prev', 'aria-hidden': 'true' }), 'zorg niet meer nodig (preventie)']), el('span', {}, [el('span', { class: 'key part', 'aria-hidden': 'true' }), 'doet 4 weken na de start nog mee']), el('span', { class: 'muted', text: '<5: verborgen' })]),
      chart, el('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': 'trend-titel' }, [table])];
    if (!Object.keys(rows).length) body.push(el('p', { text: 'Nog geen cijfers voor '+year+'.' }));
    return el('section', { id: 'verloop', 'aria-labelledby': 'trend-titel' }, body);
  }

  function comparison(quarterRows, yearRows, quarterLabel, year){
    var byCode={}; yearRows.forEach(function(r){ byCode[r.municipalityCode]={ year: r }; }); quarterRows.forEach(function(r){ (byCode[r.municipalityCode]=byCode[r.municipalityCode]||{}).quarter=r; });
    var codes=Object.keys(byCode).sort();
    var head=['gemeente', 'preventie '+quarterLabel, 'preventie '+year, 'aandeel preventie '+year, 'aanbiedingen '+year, 'geaccepteerd '+year, 'overdrachten '+year, 'eerste contact ≤ 5 werkdagen '+year];
    var table=el('table', { id: 'vergelijking-tabel' }, [el('thead', {}, [el('tr', {}, head.map(function(h){ return el('th', { scope: 'col', text: h }); }))]),
      el('tbody', {}, codes.map(function(c){ var q=byCode[c].quarter, y=byCode[c].year, yt=y?y.tijdens:{}, yn=y?y.na:{};
        return el('tr', { 'data-municipality': c }, [el('th', { scope: 'row', text: c }), cell(q?q.tijdens.careNoLongerNeeded:null), cell(yt.careNoLongerNeeded), cell(yt.careNoLongerNeededShare, pct), cell(yt.offers), cell(yt.acceptedShare, pct), cell(yn.handovers), cell(yn.firstContactShare, pct)]); }))]);
    return el('section', { id: 'vergelijking', 'aria-labelledby': 'vergelijking-titel' }, [el('h2', { id: 'vergelijking-titel', text: 'Vergelijking tussen gemeenten' }),
      el('p', { class: 'muted', text: codes.length>1 ? 'De gemeenten waarvan u de cijfers mag zien. Elke gemeente wordt apart beschermd: een verborgen cijfer is daar minder dan 5.' : 'U mag de cijfers van één gemeente zien; er is niets om mee te vergelijken.' }),
      el('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': 'vergelijking-titel' }, [table])]);
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
    return el('section', { id: 'uitleg', 'aria-labelledby': 'uitleg-titel' }, [el('h2', { id: 'uitleg-titel', text: 'Zo leest u de cijfers' }), el('ul', { class: 'explain' }, items.map(function(i){ return el('li', { text: i }); }))]);
  }

  function emptyRow(code, period){ var z=null; return { municipalityCode: code, period: period, voor: { referralsToCare: z, referralsToCareAccepted: z, medianDaysToAcceptance: z }, tijdens: { enteredWithConsent: z, offeredYoungsters: z, firstOffers: z, medianDaysToFirstOffer: z, offers: z, offersAccepted: z, acceptedShare: z, attendanceSessions: z, attendancePresent: z, attendanceShare: z, bridgedExits: z, careNoLongerNeeded: z, careNoLongerNeededShare: z, weeksBridged: { count: z, median: z, bands: {} }, careStartedWhileAttending: z, parallelReferrals: z, participation: { placementsStarted: z, weeks: {} } }, na: { handovers: z, firstContactWithin5WorkingDays: z, firstContactShare: z, outcomes: {}, followUps: {} } }; }

  function setLink(id, path, params, file){ var a=$(id); a.setAttribute('href', path+'?'+qs(params)); a.setAttribute('data-file', file); }

  function show(){
    var code=$('gemeente').value, year=$('jaar').value, quarter=year+'-Q'+$('kwartaal').value;
    history.replaceState(null, '', location.pathname+'?'+qs({ municipalityCode: code, period: quarter }));
    setLink('csv-kwartaal', '/api/v1/impact/export.csv', { municipalityCode: code, period: quarter }, 'samenspel-impact-'+code+'-'+quarter+'.csv');
    setLink('json-kwartaal', '/api/v1/impact', { municipalityCode: code, period: quarter }, 'samenspel-impact-'+code+'-'+quarter+'.json');
    setLink('csv-jaar', '/api/v1/impact/export.csv', { municipalityCode: code, period: year }, 'samenspel-impact-'+code+'-'+year+'.csv');
    setLink('json-maanden', '/api/v1/impact', { municipalityCode: code }, 'samenspel-impact-'+code+'-maanden.json');
    var out=$('rapport'); out.removeAttribute('data-loaded');
    return Promise.all([api('/api/v1/impact?'+qs({ period: quarter })), api('/api/v1/impact?'+qs({ period: year }))]).then(function(r){
      var q=r[0].items, y=r[1].items;
      var row=q.filter(function(x){ return x.municipalityCode===code; })[0] || emptyRow(code, quarter);
      out.textContent='';
      [el('div', { class: 'block', id: 'kop' }, [el('h1', { text: 'Impact van Samenspel · gemeente '+code+' · '+quarter }),
        el('p', { class: 'muted', id: 'as-of', text: 'Kwartaalrapportage. Cijfers tot en met '+asOfText(r[0].asOf)+'. Alleen totalen, nooit gegevens van één jongere.' }),
        el('p', { class: 'print-only', text: 'Samenspel verbindt jongerenwerk en jeugdzorg voor, tijdens en na de zorg.' })]),
        keyFigures(row), moments(row), trend(code, year), comparison(q, y, quarter, year), explanation(row)].forEach(function(n){ out.appendChild(n); });
      out.setAttribute('data-loaded', code+' '+quarter);
      $('status').textContent='Bijgewerkt '+new Date().toLocaleTimeString('nl-NL');
    }).catch(fail);
  }

  function fail(e){ var out=$('rapport'); out.textContent=''; out.appendChild(el('p', { class: 'bad', role: 'alert', text: 'De cijfers konden niet geladen worden: '+e.message+'.' })); }

  function options(select, values, labels, chosen){ select.textContent=''; values.forEach(function(v, i){ var o=el('option', { value: v, text: labels ? labels[i] : v }); if (v===chosen) o.selected=true; select.appendChild(o); }); }

  document.addEventListener('DOMContentLoaded', function(){
    ['csv-kwartaal', 'json-kwartaal', 'csv-jaar', 'json-maanden'].forEach(function(id){ $(id).addEventListener('click', download); });
    $('toon').addEventListener('click', show);
    $('print').addEventListener('click', function(){ window.print(); });
    api('/api/v1/impact').then(function(r){
      state.months=r.items; state.asOf=r.asOf; state.minimumCell=r.minimumCell;
      var asked=new URLSearchParams(location.search), period=asked.get('period')||'';
      var codes=[]; r.items.forEach(function(x){ if (codes.indexOf(x.municipalityCode)<0) codes.push(x.municipalityCode); }); codes.sort();
      var askedCode=asked.get('municipalityCode'); if (askedCode && codes.indexOf(askedCode)<0) codes.push(askedCode);
      var latest=r.items.map(function(x){ return x.period; }).sort().pop() || new Date().toISOString().slice(0,7);
      var year=/^\\d{4}/.test(period) ? period.slice(0,4) : latest.slice(0,4);
      var quarter=/-Q[1-4]$/.test(period) ? period.slice(-1) : String(Math.ceil(Number(latest.slice(5,7))/3));
      var years=[]; r.items.forEach(function(x){ var yy=x.period.slice(0,4); if (years.indexOf(yy)<0) years.push(yy); }); if (years.indexOf(year)<0) years.push(year); years.sort();
      if (!codes.length) { fail(new Error('er zijn nog geen cijfers')); return; }
      options($('gemeente'), codes, null, askedCode || codes[0]); options($('jaar'), years, null, year); $('kwartaal').value=quarter;
      return show();
    }).catch(fail);
  });
})();
`;
