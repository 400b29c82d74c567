/**
 * The console page: static HTML and script, no data inside, served to a signed-in person only. The
 * script calls the ops API with the session cookie; every value is written with textContent, never
 * as HTML.
 */
export const CONSOLE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Samenspel operations</title>
<link rel="icon" href="/favicon.ico" type="image/svg+xml">
<style>
body{font:14px system-ui,sans-serif;margin:0;background:#f5f6f8;color:#1d2433}
header{background:#1d3557;color:#fff;padding:10px 16px;display:flex;gap:16px;align-items:center}
header h1{font-size:17px;margin:0 16px 0 0}
nav button{background:none;border:0;color:#cfe0ff;font-size:14px;cursor:pointer;padding:6px 8px}
nav button.active{color:#fff;border-bottom:2px solid #fff}
main{padding:16px;max-width:1280px;margin:auto}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:12px;margin-bottom:16px}
.card{background:#fff;border-radius:8px;padding:12px;box-shadow:0 1px 2px #0002}
.card .n{font-size:28px;font-weight:600}.card .l{color:#5a6475}
section{background:#fff;border-radius:8px;padding:12px;margin-bottom:16px;box-shadow:0 1px 2px #0002}
h2{font-size:15px;margin:0 0 8px}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:4px 6px;border-bottom:1px solid #eee;font-size:13px}
.bad{color:#b00020}.ok{color:#1b7f3b}.muted{color:#7a8394}
button.act{background:#1d3557;color:#fff;border:0;border-radius:4px;padding:4px 10px;cursor:pointer}
input{padding:6px;border:1px solid #ccd;border-radius:4px;width:260px}
svg text{font-size:11px;fill:#1d2433}
</style></head><body>
<header><h1>Samenspel operations</h1><nav id="nav"></nav><span id="status" class="muted"></span>
<form method="post" action="/auth/logout"><button type="submit" class="act" data-testid="sign-out">Sign out</button></form></header>
<main id="main"></main>
<script>
(function(){
  // No token in the page: every request carries the HttpOnly session cookie; a 401 means the session ended.
  function expired(){ location.assign('/auth/expired?returnTo='+encodeURIComponent(location.pathname)); return new Promise(function(){}); }
  var pages = { overview: overview, 'dead letters': deadLetters, 'stuck flows': stuck, trace: trace, impact: impact, erasures: erasures };
  var current = 'overview';
  function el(tag, attrs, kids){ var e=document.createElement(tag); for (var k in (attrs||{})) { if(k==='text') e.textContent=attrs[k]; else if(k==='on') e.addEventListener('click', attrs[k]); else e.setAttribute(k, attrs[k]); } (kids||[]).forEach(function(c){ if(c) e.appendChild(c); }); return e; }
  // The periodic refresh is marked as the page's own request: it does not keep the session from idling out.
  var background=false;
  function api(path, opts){ opts=opts||{}; opts.headers=Object.assign({'content-type':'application/json'}, background?{'x-samenspel-background':'1'}:{}, opts.headers||{});
    return fetch(path, opts).then(function(r){ if(r.status===401) return expired(); if(!r.ok) throw new Error(r.status+' '+path); return r.status===204?null:r.json(); }); }
  function card(n, label, cls){ return el('div',{class:'card'},[el('div',{class:'n '+(cls||''),text:String(n)}), el('div',{class:'l',text:label})]); }
  function table(cols, rows){ return el('table',{},[el('tr',{},cols.map(function(c){return el('th',{text:c});}))].concat(rows.map(function(r){ return el('tr',{}, r.map(function(v){ return v instanceof Node ? el('td',{},[v]) : el('td',{text: v===null||v===undefined?'–':String(v)}); })); }))); }
  var NS='http://www.w3.org/2000/svg';
  function bars(items, width){ width=width||560; var h=items.length*20+4; var svg=document.createElementNS(NS,'svg'); svg.setAttribute('width',width); svg.setAttribute('height',h); svg.setAttribute('role','img');
    var max=Math.max.apply(null,[1].concat(items.map(function(i){return i.value||0;})));
    items.forEach(function(it,i){ var y=i*20+2; var t=document.createElementNS(NS,'text'); t.setAttribute('x',0); t.setAttribute('y',y+13); t.textContent=it.label; svg.appendChild(t);
      var w=Math.round(((it.value||0)/max)*(width-280)); var r=document.createElementNS(NS,'rect'); r.setAttribute('x',220); r.setAttribute('y',y+2); r.setAttribute('width',Math.max(w,1)); r.setAttribute('height',14); r.setAttribute('fill', it.value===null?'#ccc':'#457b9d'); svg.appendChild(r);
      var v=document.createElementNS(NS,'text'); v.setAttribute('x',226+w); v.setAttribute('y',y+13); v.textContent=it.value===null?'suppressed':String(it.value); svg.appendChild(v); });
    return svg; }
  function render(){ var nav=document.getElementById('nav'); nav.textContent='';
    Object.keys(pages).forEach(function(p){ nav.appendChild(el('button',{text:p,'data-page':p,class:p===current?'active':'',on:function(){current=p;render();}})); });
    var main=document.getElementById('main'); main.textContent=''; main.appendChild(el('p',{class:'muted',text:'loading…'}));
    pages[current]().then(function(nodes){ main.textContent=''; nodes.forEach(function(n){main.appendChild(n);}); main.setAttribute('data-loaded', current); document.getElementById('status').textContent='updated '+new Date().toLocaleTimeString(); })
      .catch(function(e){ main.textContent=''; main.appendChild(el('p',{class:'bad',text:'Could not load: '+e.message+''})); }); }
  function overview(){ return Promise.all([api('/api/v1/flow-counts'), api('/api/v1/kafka/lag'), api('/api/v1/dead-letters?status=open&limit=1'), api('/api/v1/stuck-flows'), api('/api/v1/kafka/throughput')]).then(function(r){
    var counts=r[0], lag=r[1], dl=r[2], st=r[3], tp=r[4]; var byGroup={}; lag.items.forEach(function(p){ byGroup[p.group]=(byGroup[p.group]||0)+p.lag; });
    return [el('div',{class:'cards'},[card(counts.items.reduce(function(n,i){return n+i.lastHour;},0),'events last hour'), card(lag.total,'total consumer lag', lag.total>0?'bad':'ok'), card(dl.total,'open dead letters', dl.total>0?'bad':'ok'), card(st.total,'stuck flows', st.total>0?'bad':'ok'), card(counts.invalidLastDay,'invalid events (24 h)')]),
      el('section',{},[el('h2',{text:'Live flow counts (last 24 h)'}), bars(counts.items.map(function(i){return {label:i.step,value:i.lastDay};}))]),
      el('section',{},[el('h2',{text:'Lag per consumer group'}), bars(Object.keys(byGroup).map(function(g){return {label:g,value:byGroup[g]};}))]),
      el('section',{},[el('h2',{text:'Throughput per topic (events/s)'}), table(['topic','end offset','events/s','window s'], tp.items.map(function(t){return [t.topic,t.endOffset,t.eventsPerSecond,t.windowSeconds];}))])]; }); }
  function deadLetters(){ return api('/api/v1/dead-letters?limit=100').then(function(page){
    return [el('section',{},[el('h2',{text:'Dead letters ('+page.total+')'}), table(['status','reason','original topic','partition/offset','type','youthRef','replays',''], page.items.map(function(d){
      var b = d.redacted ? 'redacted' : !d.replayable ? null : el('button',{class:'act','data-replay':d.id,text:'Replay',on:function(){ b.disabled=true; api('/api/v1/dead-letters/replay',{method:'POST',body:JSON.stringify({ids:[d.id]})}).then(render).catch(function(e){alert(e.message);}); }});
      return [d.status, d.reasonCategory, d.originalTopic, d.originalPartition+'/'+d.originalOffset, d.type, d.youthRef, d.replayCount, b]; }))])]; }); }
  function stuck(){ return api('/api/v1/stuck-flows').then(function(s){
    return [el('div',{class:'cards'}, Object.keys(s.byRule).map(function(r){ return card(s.byRule[r], r, s.byRule[r]>0?'bad':'ok'); })),
      el('section',{},[el('h2',{text:'Stuck flows'}), table(['rule','youthRef','ref','stuck since'], s.items.map(function(f){return [f.rule,f.youthRef,f.ref,f.since];}))])]; }); }
  function trace(){ var input=el('input',{placeholder:'youthRef',id:'trace-ref'}); var out=el('div',{id:'trace-out'});
    var go=el('button',{class:'act',text:'Trace',id:'trace-go',on:function(){ out.textContent=''; api('/api/v1/flows/'+encodeURIComponent(input.value.trim())).then(function(f){
      out.appendChild(table(['time','step','source','topic/partition/offset','refs'], f.steps.map(function(s){ return [s.time, s.step, s.source, s.topic+'/'+s.partition+'/'+s.offset, Object.keys(s.refs).map(function(k){return k+'='+s.refs[k];}).join(' ')]; }))); out.setAttribute('data-loaded','1'); })
      .catch(function(e){ out.appendChild(el('p',{class:'bad',text:e.message})); }); }});
    return Promise.resolve([el('section',{},[el('h2',{text:'Flow trace'}), input, document.createTextNode(' '), go, out])]); }
  function impact(){ return api('/api/v1/impact').then(function(r){
    var pct=function(x){ return x===null?'–':Math.round(x*100)+'%'; };
    var nodes=[el('p',{class:'muted',text:'Figures as of '+r.asOf+'. Cells under '+r.minimumCell+' youngsters are suppressed, and so is any cell that would reveal one. Export: '}), el('a',{href:'#',text:'CSV',on:function(ev){ ev.preventDefault(); fetch('/api/v1/impact/export.csv').then(function(x){return x.blob();}).then(function(b){ var a=document.createElement('a'); a.href=URL.createObjectURL(b); a.download='samenspel-impact.csv'; a.click(); }); }}), document.createTextNode(' · '), el('a',{href:'/api/v1/console/impact',text:'Impact page (Dutch, printable)'})];
    r.items.forEach(function(row){ var t=row.tijdens, n=row.na; nodes.push(el('section',{},[el('h2',{text:row.municipalityCode+' · '+row.period}),
      el('div',{class:'cards'},[card(t.offeredYoungsters===null?'<5':t.offeredYoungsters,'youngsters offered bridging'), card(t.medianDaysToFirstOffer===null?'–':t.medianDaysToFirstOffer+' d','median days to first offer'), card(pct(t.acceptedShare),'offers accepted'), card(pct(t.attendanceShare),'attendance'), card(pct(t.careNoLongerNeededShare),'care no longer needed (of bridged exits)'), card(pct(n.firstContactShare),'first contact ≤ 5 working days')]),
      bars([{label:'referrals to care',value:row.voor.referralsToCare},{label:'offers',value:t.offers},{label:'accepted',value:t.offersAccepted},{label:'care no longer needed',value:t.careNoLongerNeeded},{label:'handovers',value:n.handovers}].concat(Object.keys(n.outcomes).map(function(o){return {label:o,value:n.outcomes[o]};})))])); });
    if (!r.items.length) nodes.push(el('p',{text:'No impact figures yet.'}));
    return nodes; }); }
  // Verwijderverzoeken / Erasures (AVG art. 17): which services confirmed; the youthRef only for admins, until complete.
  function erasures(){ return api('/api/v1/erasures?limit=100').then(function(page){
    return [el('section',{id:'erasures'},[el('h2',{text:'Verwijderverzoeken / Erasures ('+page.total+')'}), table(['request','origin','youthRef','requested','confirmed by','waiting for','status'], page.items.map(function(r){
      return [r.id, r.origin, r.youthRef, r.requestedAt, r.confirmed.join(', ')||'–', r.waitingFor.join(', ')||'–', el('span',{class:r.complete?'ok':'bad',text:r.complete?'complete':'in progress'})]; }))])]; }); }
  render(); setInterval(function(){ if(current!=='overview') return; background=true; try { render(); } finally { background=false; } }, 15000);
})();
</script></body></html>`;
