// The team workspace page: plain HTML and script, no build step; kept in a .ts module so `tsc` ships it.
// Every piece of data reaches the page through textContent or an attribute, never as markup.
export const INBOX_HTML = String.raw`<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Teamwerkruimte · Samenspel</title>
<link rel="icon" href="/favicon.ico" type="image/svg+xml">
<style>
  :root { --fg:#1d2433; --muted:#4f5868; --accent:#0b6e4f; --late:#b42318; --bg:#f5f6f8; --line:#c5cbd5; }
  * { box-sizing: border-box; }
  body { margin:0; font:16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:var(--fg); background:var(--bg); }
  header { display:flex; align-items:center; justify-content:space-between; gap:.5rem; padding:.75rem 1rem; background:#fff; border-bottom:1px solid #dde1e7; position:sticky; top:0; z-index:1; }
  h1 { font-size:1.2rem; margin:0; }
  h2 { font-size:1.1rem; margin:0 0 .75rem; }
  h3 { font-size:1rem; margin:1rem 0 .5rem; }
  main { max-width:48rem; margin:0 auto; padding:1rem; }
  button, select, input { font:inherit; min-height:44px; padding:.4rem .8rem; border-radius:8px; border:1px solid #767f8d; background:#fff; color:var(--fg); }
  button { cursor:pointer; }
  button.primary { background:var(--accent); color:#fff; border-color:var(--accent); }
  button.danger { background:var(--late); color:#fff; border-color:var(--late); }
  :focus-visible { outline:3px solid #1a56db; outline-offset:2px; }
  ul { list-style:none; margin:0; padding:0; display:grid; gap:.75rem; }
  li.task, section.card { background:#fff; border:1px solid #dde1e7; border-radius:10px; padding:.8rem 1rem; }
  li.task.late { border-left:6px solid var(--late); }
  .row { display:flex; flex-wrap:wrap; align-items:center; gap:.5rem; margin-top:.5rem; }
  .type { font-weight:600; }
  .meta { color:var(--muted); font-size:.92rem; }
  .badge { display:inline-block; font-size:.8rem; padding:.1rem .5rem; border-radius:999px; background:#e8eef9; }
  .badge.late { background:#fde8e7; color:var(--late); }
  dl { display:grid; grid-template-columns:minmax(7rem, max-content) 1fr; gap:.3rem .75rem; margin:0; }
  dt { color:var(--muted); }
  dd { margin:0; overflow-wrap:anywhere; }
  label { display:block; font-size:.92rem; margin-bottom:.2rem; }
  .field { display:flex; flex-direction:column; }
  .confirm { border:2px solid var(--late); border-radius:10px; padding:.75rem; margin-top:.75rem; background:#fff7f6; }
  ol.timeline, ul.plain { list-style:disc; padding-left:1.25rem; display:block; }
  #detail-body { display:grid; gap:.75rem; margin-top:.5rem; }
  #status { min-height:1.5rem; color:var(--muted); }
  #status.error { color:var(--late); font-weight:600; }
  #live { font-size:.85rem; color:var(--muted); }
  fieldset { border:1px solid var(--line); border-radius:8px; margin:0; padding:.4rem .75rem; }
  legend { font-size:.92rem; padding:0 .25rem; }
  label.check { display:flex; align-items:center; gap:.6rem; min-height:44px; margin:0; font-size:1rem; }
  input[type=checkbox] { min-height:0; width:1.4rem; height:1.4rem; margin:0; }
  table { border-collapse:collapse; width:100%; }
  th, td { text-align:left; padding:.35rem .5rem; border-bottom:1px solid #dde1e7; }
  td.num, th.num { text-align:right; }
  #team-view { margin-top:1.5rem; }
  #team-body { display:grid; gap:.75rem; }
  @media (max-width: 30rem) { .row > * { flex:1 1 100%; } dl { grid-template-columns:1fr; } dd { margin-bottom:.4rem; } }
</style>
</head>
<body>
<header>
  <h1 data-i18n="title">Teamwerkruimte</h1>
  <button id="lang" type="button" data-testid="lang-toggle" lang="en" aria-label="Switch to English">English</button>
  <form method="post" action="/auth/logout"><button type="submit" data-testid="sign-out" data-i18n="signOut">Afmelden</button></form>
</header>
<main>
  <p id="status" role="status" aria-live="polite"></p>
  <p id="live" data-testid="live"></p>
  <section id="list-view" aria-labelledby="open-heading">
    <h2 id="open-heading" data-i18n="openTasks">Open taken</h2>
    <ul id="tasks" data-testid="task-list" aria-labelledby="open-heading"></ul>
    <p id="empty" hidden data-i18n="empty">Geen open taken.</p>
  </section>
  <section id="team-view" hidden data-testid="team" aria-labelledby="team-heading">
    <h2 id="team-heading" tabindex="-1" data-i18n="myTeam">Mijn team</h2>
    <div id="team-body"></div>
  </section>
  <section id="detail-view" hidden data-testid="detail" aria-labelledby="detail-heading">
    <button id="back" type="button" data-testid="back" data-i18n="back">Terug naar taken</button>
    <h2 id="detail-heading" tabindex="-1"></h2>
    <div id="detail-body"></div>
  </section>
</main>
<script>
(function () {
  'use strict';
  var TEXT = {
    nl: {
      title: 'Teamwerkruimte', empty: 'Geen open taken.', toggle: 'English', toggleLabel: 'Switch to English', toggleLang: 'en',
      openTasks: 'Open taken', back: 'Terug naar taken', openTask: 'Openen',
      claim: 'Oppakken', complete: 'Afronden', due: 'Uiterlijk', late: 'Te laat', claimedBy: 'Opgepakt door',
      open: 'Open', claimed: 'Opgepakt', done: 'Afgerond', cancelled: 'Vervallen', high: 'Hoge prioriteit', outcome: 'Uitkomst',
      signOut: 'Afmelden', loading: 'Laden…', saved: 'Opgeslagen',
      failed: 'Dat lukte niet', live: 'Live bijgewerkt', reconnecting: 'Verbinding verbroken; opnieuw verbinden…',
      youngster: 'Jongere', youthRef: 'Referentie', age: 'Leeftijd', years: 'jaar', postcode: 'Postcode (4 cijfers)',
      municipality: 'Gemeente', interests: 'Interesses', consent: 'Toestemming van',
      activity: 'Activiteit', activityTitle: 'Titel', schedule: 'Wanneer', location: 'Waar', contactRole: 'Contact',
      freeSeats: 'Vrije plekken', seatsOf: 'van', offer: 'Aanbod', offerStatus: 'Stand', holdExpires: 'Plek vastgehouden tot',
      reasons: 'Waarom deze activiteit', timeline: 'Verloop', notShown: 'Niet beschikbaar: ',
      accept: 'Aanbod accepteren', accepted: 'Aanbod geaccepteerd; de plek wordt bevestigd.',
      declineReason: 'Reden van afwijzen', decline: 'Afwijzen…',
      confirmDecline: 'De plek gaat dan naar een andere jongere op de wachtlijst. Weet je het zeker?',
      confirmYes: 'Ja, afwijzen', confirmNo: 'Annuleren', declined: 'Aanbod afgewezen; de plek komt vrij.',
      attendance: 'Aanwezigheid', sessionDate: 'Datum van de bijeenkomst', attendanceStatus: 'Aanwezig?',
      recordAttendance: 'Aanwezigheid vastleggen', recorded: 'Vastgelegd',
      waitingPlacement: 'Wacht op bevestiging van de plek…',
      followUp: 'Nazorg', firstContactOutcome: 'Hoe ging het eerste contact?', recordFirstContact: 'Eerste contact vastleggen',
      stepOutcome: 'Uitkomst van deze stap', completeStep: 'Stap afronden', stepDone: 'Vastgelegd; de verwijzing gaat verder.',
      holder: 'Nazorg bij', team: 'het team', claimFollowUp: 'Nazorg op mijn naam', releaseFollowUp: 'Nazorg terug naar het team',
      followUpClaimed: 'De nazorg van deze jongere staat op jouw naam.', followUpReleased: 'De nazorg is terug bij het team.',
      firstContactOutcomes: { reached: 'Bereikt', 'not-reached': 'Niet bereikt', declined: 'Geweigerd' },
      warmHandover: 'Warme overdracht', referralStatus: 'Stand van de verwijzing', plannedFor: 'Gepland op',
      notPlanned: 'Nog niet gepland', participants: 'Wie doen mee', proposedAt: 'Datum en tijd van de warme overdracht',
      planWarmHandover: 'Warme overdracht plannen', warmHandoverPlanned: 'Warme overdracht gepland; het team krijgt er een taak voor.',
      tookPlaceQuestion: 'Vond de warme overdracht plaats?', tookPlace: 'Vond plaats', didNotTakePlace: 'Vond niet plaats',
      result: 'Uitkomst', warmHandoverRecorded: 'Uitkomst van de warme overdracht vastgelegd.', pickParticipant: 'Kies wie er meedoen.',
      participantRoles: { 'care-worker': 'Zorgverlener', 'youth-worker': 'Jongerenwerker', youth: 'Jongere', guardian: 'Ouder of voogd' },
      referralStatuses: { requested: 'Aangevraagd', accepted: 'Aangenomen', rejected: 'Afgewezen', 'in-progress': 'Loopt',
        'on-hold': 'Gepauzeerd', cancelled: 'Ingetrokken', completed: 'Afgerond', failed: 'Niet gelukt' },
      heldBy: 'op naam van',
      myTeam: 'Mijn team', teamActivities: 'Activiteiten van het team', held: 'vastgehouden', confirmed: 'bevestigd',
      available: 'vrij', publish: 'Publiceren', pause: 'Pauzeren', closeActivity: 'Sluiten…', closeReason: 'Reden van sluiten',
      confirmClose: 'Sluiten beëindigt de plaatsingen op deze activiteit; de jongeren verliezen hun plek. Weet je het zeker?',
      confirmCloseYes: 'Ja, sluiten', activityChanged: 'Activiteit bijgewerkt', workload: 'Taken per jongerenwerker',
      worker: 'Jongerenwerker', openCount: 'Open', overdueCount: 'Te laat', unclaimed: 'Nog niet opgepakt',
      queue: 'Wachtlijst', queuedOne: 'jongere wacht op een plek in de gemeenten van het team',
      queuedLine: 'jongeren wachten op een plek in de gemeenten van het team',
      noActivities: 'Het team heeft geen activiteiten.',
      activityStatuses: { draft: 'Concept', open: 'Open voor aanmeldingen', paused: 'Gepauzeerd', closed: 'Gesloten' },
      closeReasons: { 'season-ended': 'Seizoen voorbij', 'location-unavailable': 'Locatie niet beschikbaar',
        'too-few-participants': 'Te weinig deelnemers', other: 'Andere reden' },
      days: { MO: 'ma', TU: 'di', WE: 'wo', TH: 'do', FR: 'vr', SA: 'za', SU: 'zo' },
      attendanceStatuses: { present: 'Aanwezig', absent: 'Afwezig', excused: 'Afgemeld' },
      declineReasons: { 'no-interest': 'Geen interesse', 'not-reached': 'Niet bereikt', 'not-suitable': 'Past niet',
        'family-declined': 'Gezin wil het niet' },
      consentGivers: { youth: 'de jongere', guardian: 'de ouder of voogd', 'youth-and-guardian': 'jongere en ouder of voogd' },
      offerStatuses: { open: 'Open', accepted: 'Geaccepteerd', declined: 'Afgewezen', expired: 'Verlopen', withdrawn: 'Ingetrokken' },
      moments: { entered: 'Op de wachtlijst', offered: 'Aanbod gedaan', accepted: 'Geaccepteerd', declined: 'Afgewezen',
        expired: 'Verlopen', withdrawn: 'Ingetrokken', exited: 'Van de wachtlijst af' },
      problems: {
        400: 'De invoer klopt niet.', 401: 'Je bent niet (meer) ingelogd.', 403: 'Dit mag je niet doen.',
        404: 'Niet gevonden, of niet van jouw team.', 409: 'Dit is intussen al veranderd.', 412: 'Iemand anders was je voor; laad opnieuw.',
        422: 'De invoer klopt niet.', 429: 'Te veel verzoeken; probeer het zo weer.', 503: 'Een andere dienst antwoordt niet; probeer het zo weer.'
      },
      problemCodes: { 'placement-not-confirmed': 'De plek is nog niet bevestigd.', 'no-capacity': 'Er is geen plek meer vrij.',
        'task-not-completable': 'Deze taak is al afgerond of vervallen.', 'invalid-field': 'Een veld klopt niet (bijvoorbeeld een datum in de toekomst).',
        'owner-unavailable': 'Een andere dienst antwoordt niet; er is niets veranderd. Probeer het zo weer.',
        'not-a-follow-up-step': 'Dit is geen stap van de nazorg.', 'not-first-contact': 'Eerste contact leg je vast bij de eerste stap.',
        'follow-up-held': 'Een andere jongerenwerker heeft deze nazorg op naam.', 'follow-up-not-found': 'Geen nazorg gevonden voor deze jongere.',
        'worker-not-in-team': 'Deze jongerenwerker is niet bekend in het team.', 'unknown-outcome': 'Deze uitkomst past niet bij de taak.',
        'referral-closed': 'De verwijzing is afgesloten; er komt geen warme overdracht meer.',
        'no-team': 'Nog geen team heeft deze verwijzing; niemand zou de taak krijgen.',
        'no-warm-handover': 'Er is nog geen warme overdracht gepland.',
        'stale-version': 'Iemand anders veranderde de verwijzing intussen; de nieuwe stand staat hieronder.',
        'illegal-transition': 'Dat kan niet vanuit de huidige stand.',
        'reason-required': 'Geef een reden op.' },
      currentState: 'Huidige stand',
      types: { 'bridging-offer': 'Overbruggingsaanbod bespreken', 'handover-intake': 'Intake na overdracht',
        'referral-intake': 'Intake verwijzing', 'warm-handover': 'Warme overdracht', 'care-started': 'Zorg gestart: vervolg afspreken',
        'follow-up': 'Nazorgcontact', 'webhook-disabled': 'Webhook uitgeschakeld' },
      outcomes: { done: 'Gedaan', 'not-reached': 'Niet bereikt', declined: 'Afgewezen', 'not-applicable': 'Niet van toepassing',
        reached: 'Bereikt', 'engaged-in-activity': 'Doet mee aan activiteit', 'internship-or-work-found': 'Stage of werk gevonden',
        accepted: 'Geaccepteerd' },
      steps: { 'first-contact': 'eerste contact', 'check-in-2w': 'na 2 weken', 'check-in-3m': 'na 3 maanden' }
    },
    en: {
      title: 'Team workspace', empty: 'No open tasks.', toggle: 'Nederlands', toggleLabel: 'Schakel naar Nederlands', toggleLang: 'nl',
      openTasks: 'Open tasks', back: 'Back to tasks', openTask: 'Open',
      claim: 'Claim', complete: 'Complete', due: 'Due', late: 'Overdue', claimedBy: 'Claimed by',
      open: 'Open', claimed: 'Claimed', done: 'Done', cancelled: 'Cancelled', high: 'High priority', outcome: 'Outcome',
      signOut: 'Sign out', loading: 'Loading…', saved: 'Saved',
      failed: 'That did not work', live: 'Live updates on', reconnecting: 'Connection lost; reconnecting…',
      youngster: 'Youngster', youthRef: 'Reference', age: 'Age', years: 'years', postcode: 'Postcode (4 digits)',
      municipality: 'Municipality', interests: 'Interests', consent: 'Consent from',
      activity: 'Activity', activityTitle: 'Title', schedule: 'When', location: 'Where', contactRole: 'Contact',
      freeSeats: 'Free seats', seatsOf: 'of', offer: 'Offer', offerStatus: 'Status', holdExpires: 'Seat held until',
      reasons: 'Why this activity', timeline: 'Timeline', notShown: 'Not available: ',
      accept: 'Accept offer', accepted: 'Offer accepted; the seat is being confirmed.',
      declineReason: 'Reason for declining', decline: 'Decline…',
      confirmDecline: 'The seat then goes to another youngster on the waiting list. Are you sure?',
      confirmYes: 'Yes, decline', confirmNo: 'Cancel', declined: 'Offer declined; the seat is released.',
      attendance: 'Attendance', sessionDate: 'Date of the session', attendanceStatus: 'Present?',
      recordAttendance: 'Record attendance', recorded: 'Recorded',
      waitingPlacement: 'Waiting for the seat to be confirmed…',
      followUp: 'Follow-up', firstContactOutcome: 'How did first contact go?', recordFirstContact: 'Record first contact',
      stepOutcome: 'Outcome of this step', completeStep: 'Complete step', stepDone: 'Recorded; the referral moves on.',
      holder: 'Follow-up with', team: 'the team', claimFollowUp: 'Take follow-up as mine', releaseFollowUp: 'Give follow-up back to the team',
      followUpClaimed: 'This youngster’s follow-up is now yours.', followUpReleased: 'The follow-up is back with the team.',
      firstContactOutcomes: { reached: 'Reached', 'not-reached': 'Not reached', declined: 'Declined' },
      warmHandover: 'Warm handover', referralStatus: 'Referral status', plannedFor: 'Planned for',
      notPlanned: 'Not planned yet', participants: 'Who takes part', proposedAt: 'Date and time of the warm handover',
      planWarmHandover: 'Plan warm handover', warmHandoverPlanned: 'Warm handover planned; the team gets a task for it.',
      tookPlaceQuestion: 'Did the warm handover take place?', tookPlace: 'Took place', didNotTakePlace: 'Did not take place',
      result: 'Outcome', warmHandoverRecorded: 'Outcome of the warm handover recorded.', pickParticipant: 'Choose who takes part.',
      participantRoles: { 'care-worker': 'Care worker', 'youth-worker': 'Youth worker', youth: 'Youngster', guardian: 'Parent or guardian' },
      referralStatuses: { requested: 'Requested', accepted: 'Accepted', rejected: 'Rejected', 'in-progress': 'In progress',
        'on-hold': 'On hold', cancelled: 'Cancelled', completed: 'Completed', failed: 'Failed' },
      heldBy: 'held by',
      myTeam: 'My team', teamActivities: 'The team’s activities', held: 'held', confirmed: 'confirmed',
      available: 'free', publish: 'Publish', pause: 'Pause', closeActivity: 'Close…', closeReason: 'Reason for closing',
      confirmClose: 'Closing ends the placements on this activity; the youngsters lose their seat. Are you sure?',
      confirmCloseYes: 'Yes, close', activityChanged: 'Activity updated', workload: 'Tasks per youth worker',
      worker: 'Youth worker', openCount: 'Open', overdueCount: 'Overdue', unclaimed: 'Not claimed yet',
      queue: 'Waiting list', queuedOne: 'youngster waits for a seat in the team’s municipalities',
      queuedLine: 'youngsters wait for a seat in the team’s municipalities',
      noActivities: 'The team has no activities.',
      activityStatuses: { draft: 'Draft', open: 'Open for sign-up', paused: 'Paused', closed: 'Closed' },
      closeReasons: { 'season-ended': 'Season ended', 'location-unavailable': 'Location unavailable',
        'too-few-participants': 'Too few participants', other: 'Other reason' },
      days: { MO: 'Mon', TU: 'Tue', WE: 'Wed', TH: 'Thu', FR: 'Fri', SA: 'Sat', SU: 'Sun' },
      attendanceStatuses: { present: 'Present', absent: 'Absent', excused: 'Excused' },
      declineReasons: { 'no-interest': 'No interest', 'not-reached': 'Not reached', 'not-suitable': 'Not suitable',
        'family-declined': 'Family declined' },
      consentGivers: { youth: 'the youngster', guardian: 'the parent or guardian', 'youth-and-guardian': 'youngster and parent or guardian' },
      offerStatuses: { open: 'Open', accepted: 'Accepted', declined: 'Declined', expired: 'Expired', withdrawn: 'Withdrawn' },
      moments: { entered: 'On the waiting list', offered: 'Offered', accepted: 'Accepted', declined: 'Declined',
        expired: 'Expired', withdrawn: 'Withdrawn', exited: 'Left the waiting list' },
      problems: {
        400: 'The input is not valid.', 401: 'You are not signed in (any more).', 403: 'You may not do this.',
        404: 'Not found, or not your team’s.', 409: 'This has changed in the meantime.', 412: 'Someone else was first; reload.',
        422: 'The input is not valid.', 429: 'Too many requests; try again shortly.', 503: 'Another service does not answer; try again shortly.'
      },
      problemCodes: { 'placement-not-confirmed': 'The seat is not confirmed yet.', 'no-capacity': 'No seat is free any more.',
        'task-not-completable': 'This task is already done or cancelled.', 'invalid-field': 'A field is not valid (for example a date in the future).',
        'owner-unavailable': 'Another service does not answer; nothing changed. Try again shortly.',
        'not-a-follow-up-step': 'This is not a step of the follow-up.', 'not-first-contact': 'First contact is recorded on the first step.',
        'follow-up-held': 'Another youth worker holds this follow-up.', 'follow-up-not-found': 'No follow-up found for this youngster.',
        'worker-not-in-team': 'This youth worker is not known in the team.', 'unknown-outcome': 'This outcome does not fit the task.',
        'referral-closed': 'The referral is closed; it gets no warm handover any more.',
        'no-team': 'No team holds this referral yet; nobody would get the task.',
        'no-warm-handover': 'No warm handover was planned yet.',
        'stale-version': 'Someone else changed the referral meanwhile; its new state is shown below.',
        'illegal-transition': 'That is not possible from the current state.',
        'reason-required': 'Give a reason.' },
      currentState: 'Current state',
      types: { 'bridging-offer': 'Discuss bridging offer', 'handover-intake': 'Handover intake',
        'referral-intake': 'Referral intake', 'warm-handover': 'Warm handover', 'care-started': 'Care started: agree next step',
        'follow-up': 'Follow-up contact', 'webhook-disabled': 'Webhook disabled' },
      outcomes: { done: 'Done', 'not-reached': 'Not reached', declined: 'Declined', 'not-applicable': 'Not applicable',
        reached: 'Reached', 'engaged-in-activity': 'Engaged in an activity', 'internship-or-work-found': 'Internship or work found',
        accepted: 'Accepted' },
      steps: { 'first-contact': 'first contact', 'check-in-2w': 'after 2 weeks', 'check-in-3m': 'after 3 months' }
    }
  };
  var FOLLOW_UP = ['reached', 'not-reached', 'engaged-in-activity', 'internship-or-work-found', 'declined'];
  var FIRST_CONTACT = ['reached', 'not-reached', 'declined'];
  var GENERAL = ['done', 'not-reached', 'declined', 'not-applicable'];
  var DECLINE_REASONS = ['no-interest', 'not-reached', 'not-suitable', 'family-declined'];
  var ATTENDANCE = ['present', 'absent', 'excused'];
  var PARTICIPANT_ROLES = ['care-worker', 'youth-worker', 'youth', 'guardian'];
  var CLOSE_REASONS = ['season-ended', 'location-unavailable', 'too-few-participants', 'other'];
  // A referral in one of these gets a warm handover (the referral service's OPEN_STATUSES).
  var OPEN_REFERRAL = ['requested', 'accepted', 'in-progress', 'on-hold'];
  // The task types whose detail shows their referral's warm handover.
  var REFERRAL_TASKS = ['handover-intake', 'referral-intake', 'warm-handover'];

  // The page holds no token: its requests carry the HttpOnly session cookie, which no script reads.
  var EXPIRED = '/auth/expired?returnTo=' + encodeURIComponent('/inbox');
  var lang = localStorage.getItem('samenspel-lang') === 'en' ? 'en' : 'nl';
  var tasks = [];
  var detail = null;        // the last GET /workspace/tasks/{id} answer of the open task
  var confirming = false;   // the decline's confirmation step is shown
  var recorded = [];        // the sessions recorded from this page for the open task
  var lastSessionDate = ''; // the date last recorded, kept for the next one after a re-render
  var team = null;          // the last GET /workspace/team answer; null for anyone but a team-lead
  var teamLead = true;      // until /workspace/team answers 403
  var closing = null;       // the activity whose close is being confirmed
  var closeReason = 'season-ended'; // its reason as chosen, kept across live re-renders
  var list = document.getElementById('tasks');
  var statusLine = document.getElementById('status');
  var listView = document.getElementById('list-view');
  var detailView = document.getElementById('detail-view');
  var detailBody = document.getElementById('detail-body');

  function t(key) { return TEXT[lang][key]; }
  function word(group, code) { return (TEXT[lang][group] || {})[code] || code; }
  function say(message, isError) { statusLine.textContent = message; statusLine.className = isError ? 'error' : ''; }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function formatDate(iso) {
    return new Date(iso).toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB',
      { timeZone: 'Europe/Amsterdam', weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  }
  function today() {
    // The session's date in Amsterdam, as YYYY-MM-DD (sv-SE formats dates that way).
    return new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
  }
  function taskTitle(task) {
    return word('types', task.type) + (task.step ? ' · ' + word('steps', task.step) : '');
  }

  /** A problem+json answer in words: the status's Dutch or English sentence, and for 409 the current state. */
  function problemText(status, problem) {
    var code = typeof problem.type === 'string' ? problem.type.split('/').pop() : '';
    var text = TEXT[lang].problemCodes[code] || TEXT[lang].problems[status] || t('failed') + ' (' + status + ')';
    if (status === 409) {
      var state = problem.currentState || problem.taskStatus;
      var parts = [];
      if (state) parts.push(stateWord(state));
      if (problem.outcome) parts.push(word('outcomes', problem.outcome));
      if (problem.holder) parts.push(t('heldBy') + ' ' + problem.holder);
      if (parts.length) text += ' ' + t('currentState') + ': ' + parts.join(', ') + '.';
    }
    return text;
  }
  function stateWord(state) {
    var groups = ['offerStatuses', 'referralStatuses', 'activityStatuses'];
    for (var i = 0; i < groups.length; i++) if (TEXT[lang][groups[i]][state]) return TEXT[lang][groups[i]][state];
    return typeof t(state) === 'string' ? t(state) : state;
  }
  // What the page asks on its own (after a live event, on reconnect) is marked, and does not keep the
  // session from idling out: only what the person does counts as activity.
  var background = false;
  function quietly(request) {
    background = true;
    try { return request(); } finally { background = false; }
  }
  function api(path, options) {
    options = options || {};
    if (background) options.headers = Object.assign({ 'x-samenspel-background': '1' }, options.headers || {});
    return fetch('/api/v1' + path, options).then(function (res) {
      if (res.status === 401) { if (!leaving) location.assign(EXPIRED); return new Promise(function () {}); }
      if (!res.ok) {
        return res.json().catch(function () { return {}; }).then(function (p) {
          var error = new Error(problemText(res.status, p || {}));
          error.status = res.status;
          throw error;
        });
      }
      return res.json();
    }, function () { throw new Error(TEXT[lang].problems[503]); });
  }
  function post(path, body, headers) {
    return api(path, { method: 'POST', headers: Object.assign({ 'content-type': 'application/json' }, headers || {}),
      body: JSON.stringify(body || {}) });
  }

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach(function (n) { n.textContent = t(n.getAttribute('data-i18n')); });
    var toggle = document.getElementById('lang');
    toggle.textContent = t('toggle');
    toggle.setAttribute('lang', t('toggleLang'));
    toggle.setAttribute('aria-label', t('toggleLabel'));
    document.title = t('title') + ' · Samenspel';
    liveLine();
    render();
    renderDetail();
    renderTeam();
  }

  function render() {
    list.textContent = '';
    document.getElementById('empty').hidden = tasks.length > 0;
    var now = Date.now();
    tasks.forEach(function (task) {
      var late = new Date(task.dueAt).getTime() < now;
      var li = el('li', { 'class': 'task' + (late ? ' late' : ''), 'data-testid': 'task', 'data-task-id': task.id, 'data-status': task.status });
      li.appendChild(el('h3', { 'class': 'type', 'data-testid': 'task-type' }, taskTitle(task)));
      if (task.context && task.context.activityTitle) li.appendChild(el('div', {}, task.context.activityTitle));
      var meta = el('div', { 'class': 'meta' });
      meta.appendChild(el('span', { 'data-testid': 'task-due' }, t('due') + ': ' + formatDate(task.dueAt) + ' '));
      meta.appendChild(el('span', { 'class': 'badge', 'data-testid': 'task-status' }, t(task.status)));
      if (late) meta.appendChild(el('span', { 'class': 'badge late' }, ' ' + t('late')));
      if (task.priority === 'high') meta.appendChild(el('span', { 'class': 'badge late' }, ' ' + t('high')));
      if (task.assignee) meta.appendChild(el('span', {}, ' · ' + t('claimedBy') + ' ' + task.assignee));
      li.appendChild(meta);
      var row = el('div', { 'class': 'row' });
      var open = el('button', { type: 'button', 'class': 'primary', 'data-testid': 'open-task',
        'aria-label': t('openTask') + ': ' + taskTitle(task) }, t('openTask'));
      open.addEventListener('click', function () { openTask(task.id); });
      row.appendChild(open);
      if (task.status === 'open') {
        var claim = el('button', { type: 'button', 'data-testid': 'claim' }, t('claim'));
        claim.addEventListener('click', function () { act(task.id, 'claim', {}); });
        row.appendChild(claim);
      }
      var select = el('select', { 'data-testid': 'outcome', 'aria-label': t('outcome') + ': ' + taskTitle(task) });
      (task.type === 'follow-up' ? FOLLOW_UP : GENERAL).forEach(function (o) {
        select.appendChild(el('option', { value: o }, word('outcomes', o)));
      });
      var complete = el('button', { type: 'button', 'data-testid': 'complete' }, t('complete'));
      complete.addEventListener('click', function () { act(task.id, 'complete', { outcome: select.value }); });
      row.appendChild(select);
      row.appendChild(complete);
      li.appendChild(row);
      list.appendChild(li);
    });
  }

  function pair(dl, label, value, testid) {
    if (value === undefined || value === null || value === '') return;
    dl.appendChild(el('dt', {}, label));
    dl.appendChild(el('dd', testid ? { 'data-testid': testid } : {}, value));
  }
  function scheduleText(schedule) {
    if (!schedule) return '';
    if (Array.isArray(schedule.slots) && schedule.slots.length) {
      return schedule.slots.map(function (s) { return word('days', s.day) + ' ' + s.start + '–' + s.end; }).join(', ');
    }
    var byday = /BYDAY=([A-Z,]+)/.exec(schedule.rrule || '');
    return byday ? byday[1].split(',').map(function (d) { return word('days', d); }).join(', ') : '';
  }
  function field(id, label, control) {
    var wrap = el('div', { 'class': 'field' });
    wrap.appendChild(el('label', { 'for': id }, label));
    control.id = id;
    wrap.appendChild(control);
    return wrap;
  }
  function options(select, codes, group) {
    codes.forEach(function (c) { select.appendChild(el('option', { value: c }, word(group, c))); });
    return select;
  }

  function renderDetail() {
    if (!detail) return;
    var task = detail.task;
    document.getElementById('detail-heading').textContent = taskTitle(task);
    var refocus = focusedSelector(detailBody);
    detailBody.textContent = '';
    detailView.setAttribute('data-task-id', task.id);
    detailView.setAttribute('data-status', task.status);

    var who = el('section', { 'class': 'card', 'aria-labelledby': 'who-heading' });
    who.appendChild(el('h3', { id: 'who-heading' }, t('youngster')));
    var dl = el('dl');
    var y = detail.youngster || {};
    var ctx = task.context || {};
    pair(dl, t('youthRef'), detail.youthRef, 'youth-ref');
    pair(dl, t('age'), y.ageYears !== undefined ? y.ageYears + ' ' + t('years') : (ctx.ageYears !== undefined ? ctx.ageYears + ' ' + t('years') : ''), 'age');
    pair(dl, t('postcode'), y.postcode4 || ctx.postcode4, 'postcode4');
    pair(dl, t('municipality'), y.municipalityCode || detail.municipalityCode, 'municipality');
    var interests = y.interests || ctx.themes;
    pair(dl, t('interests'), Array.isArray(interests) ? interests.join(', ') : '', 'interests');
    pair(dl, t('consent'), y.consentGivenBy ? word('consentGivers', y.consentGivenBy) : '', 'consent');
    pair(dl, t('offerStatus'), t(task.status) + (task.outcome ? ' · ' + word('outcomes', task.outcome) : ''), 'task-state');
    pair(dl, t('due'), formatDate(task.dueAt));
    who.appendChild(dl);
    detailBody.appendChild(who);

    if (detail.activity || detail.offer) {
      var act = el('section', { 'class': 'card', 'aria-labelledby': 'activity-heading' });
      act.appendChild(el('h3', { id: 'activity-heading' }, t('activity')));
      var adl = el('dl');
      var a = detail.activity || {};
      pair(adl, t('activityTitle'), a.title || ctx.activityTitle, 'activity-title');
      pair(adl, t('schedule'), scheduleText(a.schedule), 'schedule');
      pair(adl, t('location'), [a.locationName, a.postcode4].filter(Boolean).join(', '), 'location');
      pair(adl, t('contactRole'), a.contactRole);
      if (a.capacity) pair(adl, t('freeSeats'), a.capacity.available + ' ' + t('seatsOf') + ' ' + a.capacity.capacity, 'free-seats');
      if (detail.offer) {
        pair(adl, t('offer'), word('offerStatuses', detail.offer.status), 'offer-status');
        if (detail.offer.status === 'open' && detail.offer.expiresAt) pair(adl, t('holdExpires'), formatDate(detail.offer.expiresAt), 'hold-expiry');
      }
      act.appendChild(adl);
      detailBody.appendChild(act);
    }

    if (Array.isArray(detail.reasons) && detail.reasons.length) {
      var why = el('section', { 'class': 'card', 'aria-labelledby': 'why-heading' });
      why.appendChild(el('h3', { id: 'why-heading' }, t('reasons')));
      var ul = el('ul', { 'class': 'plain', 'data-testid': 'reasons' });
      detail.reasons.forEach(function (r) { ul.appendChild(el('li', {}, r[lang] || r.code)); });
      why.appendChild(ul);
      detailBody.appendChild(why);
    }
    if (Array.isArray(detail.timeline) && detail.timeline.length) {
      var flow = el('section', { 'class': 'card', 'aria-labelledby': 'flow-heading' });
      flow.appendChild(el('h3', { id: 'flow-heading' }, t('timeline')));
      var ol = el('ol', { 'class': 'timeline', 'data-testid': 'timeline' });
      detail.timeline.forEach(function (m) { ol.appendChild(el('li', {}, formatDate(m.at) + ': ' + word('moments', m.event))); });
      flow.appendChild(ol);
      detailBody.appendChild(flow);
    }
    if (detail.unavailable && detail.unavailable.length) {
      detailBody.appendChild(el('p', { 'class': 'meta' }, t('notShown') + detail.unavailable.join(', ')));
    }

    var offerOpen = task.type === 'bridging-offer' && (task.status === 'open' || task.status === 'claimed') &&
      (!detail.offer || detail.offer.status === 'open');
    if (offerOpen) detailBody.appendChild(offerActions(task));
    if (task.type === 'bridging-offer' && task.outcome === 'accepted') detailBody.appendChild(attendanceForm(task));
    if (task.type === 'follow-up' && task.step) detailBody.appendChild(followUpActions(task));
    if (detail.referral && REFERRAL_TASKS.indexOf(task.type) >= 0) detailBody.appendChild(warmHandoverActions(task));
    if (refocus) focusOn(refocus);
  }

  /** The referral's warm handover: plan the meeting, then record whether it took place, at the version shown. */
  function warmHandoverActions(task) {
    var referral = detail.referral;
    var meeting = referral.warmHandover;
    var pending = meeting && meeting.tookPlace === undefined;
    var box = el('section', { 'class': 'card', 'aria-labelledby': 'warm-handover-heading', 'data-testid': 'warm-handover' });
    box.appendChild(el('h3', { id: 'warm-handover-heading' }, t('warmHandover')));
    var dl = el('dl');
    pair(dl, t('referralStatus'), word('referralStatuses', referral.status), 'referral-status');
    pair(dl, t('plannedFor'), meeting ? formatDate(meeting.proposedAt) : t('notPlanned'), 'warm-handover-at-shown');
    if (meeting) {
      pair(dl, t('participants'), meeting.participantRoles.map(function (r) { return word('participantRoles', r); }).join(', '));
      if (!pending) pair(dl, t('result'), meeting.tookPlace ? t('tookPlace') : t('didNotTakePlace'), 'warm-handover-result');
    }
    box.appendChild(dl);
    var path = '/workspace/referrals/' + encodeURIComponent(task.referralId) + '/warm-handover';
    // The version the worker sees: a change made meanwhile by someone else gives 412, and the detail reloads.
    var ifMatch = { 'if-match': '"' + referral.version + '"' };
    if (pending) {
      var question = el('p', { id: 'took-place-question' }, t('tookPlaceQuestion'));
      var answers = el('div', { 'class': 'row', role: 'group', 'aria-labelledby': 'took-place-question' });
      [[true, 'took-place', t('tookPlace')], [false, 'did-not-take-place', t('didNotTakePlace')]].forEach(function (a) {
        var button = el('button', { type: 'button', 'class': a[0] ? 'primary' : '', 'data-testid': a[1] }, a[2]);
        button.addEventListener('click', function () {
          button.disabled = true;
          post(path + '/outcome', { tookPlace: a[0] }, ifMatch).then(function () {
            say(t('warmHandoverRecorded'));
            load();
            return refreshDetail().then(function () { focusOn('#warm-handover-heading'); });
          }, failed);
        });
        answers.appendChild(button);
      });
      box.appendChild(question);
      box.appendChild(answers);
    } else if (OPEN_REFERRAL.indexOf(referral.status) >= 0) {
      var when = el('input', { type: 'datetime-local', 'data-testid': 'warm-handover-at' });
      when.value = tomorrowAtTwo();
      box.appendChild(field('warm-handover-at', t('proposedAt'), when));
      var roles = el('fieldset', { 'data-testid': 'warm-handover-roles' });
      roles.appendChild(el('legend', {}, t('participants')));
      PARTICIPANT_ROLES.forEach(function (r) {
        var label = el('label', { 'class': 'check' });
        var check = el('input', { type: 'checkbox', value: r, 'data-testid': 'role-' + r });
        check.checked = r !== 'guardian';
        label.appendChild(check);
        label.appendChild(document.createTextNode(word('participantRoles', r)));
        roles.appendChild(label);
      });
      box.appendChild(roles);
      var plan = el('button', { type: 'button', 'class': 'primary', 'data-testid': 'plan-warm-handover' }, t('planWarmHandover'));
      plan.addEventListener('click', function () {
        var chosen = Array.prototype.slice.call(roles.querySelectorAll('input:checked')).map(function (c) { return c.value; });
        var at = new Date(when.value);
        if (!chosen.length || isNaN(at.getTime())) { say(!chosen.length ? t('pickParticipant') : TEXT[lang].problems[400], true); return; }
        plan.disabled = true;
        post(path, { proposedAt: at.toISOString(), participantRoles: chosen }, ifMatch).then(function () {
          say(t('warmHandoverPlanned'));
          load();
          return refreshDetail().then(function () { focusOn('[data-testid=took-place]'); });
        }, failed);
      });
      var row = el('div', { 'class': 'row' });
      row.appendChild(plan);
      box.appendChild(row);
    }
    return box;
  }
  /**
   * The focused control inside the container as a selector: a live update re-renders the detail and
   * the team view, and the control that had focus gets it back.
   */
  function focusedSelector(container) {
    var had = container.contains(document.activeElement) ? document.activeElement : null;
    if (!had || !had.getAttribute('data-testid')) return null;
    var card = had.closest('[data-activity-id]');
    return (card ? '[data-activity-id="' + CSS.escape(card.getAttribute('data-activity-id')) + '"] ' : '') +
      '[data-testid=' + had.getAttribute('data-testid') + ']';
  }
  /** Keeps keyboard users where they were after a re-render took away the focused control. */
  function focusOn(selector) {
    var target = document.querySelector(selector);
    if (!target) return false;
    if (!target.matches('button, input, select')) target.setAttribute('tabindex', '-1');
    target.focus();
    return true;
  }
  function tomorrowAtTwo() {
    var d = new Date(Date.now() + 24 * 3600 * 1000);
    var two = function (n) { return (n < 10 ? '0' : '') + n; };
    return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate()) + 'T14:00';
  }

  /** A team-lead's view: the team's activities with live seats and their status changes, work per worker, the queue. */
  function renderTeam() {
    var view = document.getElementById('team-view');
    var body = document.getElementById('team-body');
    view.hidden = !team || !!detail;
    if (!team) return;
    var refocus = focusedSelector(body);
    body.textContent = '';

    var acts = el('section', { 'class': 'card', 'aria-labelledby': 'team-activities-heading' });
    acts.appendChild(el('h3', { id: 'team-activities-heading' }, t('teamActivities')));
    if (!team.activities || !team.activities.length) acts.appendChild(el('p', { 'class': 'meta' }, t('noActivities')));
    var ul = el('ul', { 'data-testid': 'team-activities' });
    (team.activities || []).forEach(function (a) {
      var li = el('li', { 'data-testid': 'team-activity', 'data-activity-id': a.activityId, 'data-status': a.status });
      li.appendChild(el('strong', {}, a.title));
      li.appendChild(el('span', { 'class': 'badge', 'data-testid': 'activity-status' }, ' ' + word('activityStatuses', a.status)));
      var c = a.capacity || {};
      li.appendChild(el('div', { 'class': 'meta', 'data-testid': 'team-capacity' },
        c.held + ' ' + t('held') + ' · ' + c.confirmed + ' ' + t('confirmed') + ' · ' + c.available + ' ' + t('available') +
        ' (' + t('seatsOf') + ' ' + c.capacity + ')'));
      var row = el('div', { 'class': 'row' });
      var change = function (action, testid, label, bodyOf) {
        var button = el('button', { type: 'button', 'data-testid': testid, 'aria-label': label + ': ' + a.title }, label);
        button.addEventListener('click', function () {
          button.disabled = true;
          var card = '[data-activity-id="' + CSS.escape(a.activityId) + '"]';
          post('/workspace/activities/' + encodeURIComponent(a.activityId) + '/' + action, bodyOf ? bodyOf() : {}).then(function () {
            closing = null;
            say(t('activityChanged') + ': ' + a.title);
            return loadTeam().then(function () { focusOn(card + ' button') || focusOn('#team-heading'); });
          }, function (error) { say(t('failed') + ': ' + error.message, true); return loadTeam(); });
        });
        return button;
      };
      if (a.status === 'draft' || a.status === 'paused') row.appendChild(change('publish', 'publish-activity', t('publish')));
      if (a.status === 'open') row.appendChild(change('pause', 'pause-activity', t('pause')));
      if (a.status !== 'closed') {
        var ask = el('button', { type: 'button', 'data-testid': 'close-activity', 'aria-expanded': String(closing === a.activityId),
          'aria-label': t('closeActivity') + ' ' + a.title }, t('closeActivity'));
        ask.addEventListener('click', function () {
          closing = a.activityId;
          renderTeam();
          var yes = document.querySelector('[data-testid=confirm-close]');
          if (yes) yes.focus();
        });
        row.appendChild(ask);
      }
      li.appendChild(row);
      if (closing === a.activityId) {
        var confirm = el('div', { 'class': 'confirm', role: 'group', 'aria-labelledby': 'close-question' });
        confirm.appendChild(el('p', { id: 'close-question' }, t('confirmClose')));
        var reason = options(el('select', { 'data-testid': 'close-reason' }), CLOSE_REASONS, 'closeReasons');
        reason.value = closeReason;
        reason.addEventListener('change', function () { closeReason = reason.value; });
        confirm.appendChild(field('close-reason', t('closeReason'), reason));
        var confirmRow = el('div', { 'class': 'row' });
        var yes = change('close', 'confirm-close', t('confirmCloseYes'), function () { return { reason: reason.value }; });
        yes.className = 'danger';
        var no = el('button', { type: 'button', 'data-testid': 'cancel-close' }, t('confirmNo'));
        no.addEventListener('click', function () {
          closing = null;
          renderTeam();
          var again = document.querySelector('[data-activity-id="' + CSS.escape(a.activityId) + '"] [data-testid=close-activity]');
          if (again) again.focus();
        });
        confirmRow.appendChild(yes);
        confirmRow.appendChild(no);
        confirm.appendChild(confirmRow);
        li.appendChild(confirm);
      }
      ul.appendChild(li);
    });
    acts.appendChild(ul);
    body.appendChild(acts);

    var work = el('section', { 'class': 'card', 'aria-labelledby': 'workload-heading' });
    work.appendChild(el('h3', { id: 'workload-heading' }, t('workload')));
    var table = el('table', { 'data-testid': 'team-workload', 'aria-labelledby': 'workload-heading' });
    var head = el('tr');
    head.appendChild(el('th', { scope: 'col' }, t('worker')));
    head.appendChild(el('th', { scope: 'col', 'class': 'num' }, t('openCount')));
    head.appendChild(el('th', { scope: 'col', 'class': 'num' }, t('overdueCount')));
    var thead = el('thead');
    thead.appendChild(head);
    table.appendChild(thead);
    var tbody = el('tbody');
    team.workers.forEach(function (w) {
      var tr = el('tr', { 'data-testid': 'team-worker' });
      tr.appendChild(el('th', { scope: 'row' }, w.worker || t('unclaimed')));
      tr.appendChild(el('td', { 'class': 'num' }, w.open));
      tr.appendChild(el('td', { 'class': 'num' }, w.overdue));
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    work.appendChild(table);
    body.appendChild(work);

    if (team.queue) {
      var queue = el('section', { 'class': 'card', 'aria-labelledby': 'queue-heading' });
      queue.appendChild(el('h3', { id: 'queue-heading' }, t('queue')));
      queue.appendChild(el('p', { 'data-testid': 'team-queued' }, team.queue.queued + ' ' + t(team.queue.queued === 1 ? 'queuedOne' : 'queuedLine')));
      var per = el('ul', { 'class': 'plain' });
      team.queue.municipalities.forEach(function (m) { per.appendChild(el('li', {}, m.municipalityCode + ': ' + m.queued)); });
      queue.appendChild(per);
      body.appendChild(queue);
    }
    if (team.unavailable && team.unavailable.length) body.appendChild(el('p', { 'class': 'meta' }, t('notShown') + team.unavailable.join(', ')));
    if (refocus) focusOn(refocus);
  }

  function loadTeam() {
    if (!teamLead) return Promise.resolve();
    return api('/workspace/team').then(function (answer) { team = answer; renderTeam(); }, function (error) {
      // Only a team-lead has a team view; anyone else is answered 403 once and not asked again.
      if (error.status === 403) { teamLead = false; team = null; renderTeam(); return; }
      say(t('failed') + ': ' + error.message, true);
    });
  }

  /** First contact on the plan's first step, an outcome on later steps, and who holds the youngster's follow-up. */
  function followUpActions(task) {
    var box = el('section', { 'class': 'card', 'aria-labelledby': 'follow-up-heading', 'data-testid': 'follow-up' });
    box.appendChild(el('h3', { id: 'follow-up-heading' }, t('followUp')));
    if (task.status === 'open' || task.status === 'claimed') {
      var first = task.step === 'first-contact';
      var outcome = first
        ? options(el('select', { 'data-testid': 'first-contact-outcome' }), FIRST_CONTACT, 'firstContactOutcomes')
        : options(el('select', { 'data-testid': 'step-outcome' }), FOLLOW_UP, 'outcomes');
      var row = el('div', { 'class': 'row' });
      row.appendChild(field('follow-up-outcome', first ? t('firstContactOutcome') : t('stepOutcome'), outcome));
      var save = el('button', { type: 'button', 'class': 'primary', 'data-testid': first ? 'record-first-contact' : 'complete-step' },
        first ? t('recordFirstContact') : t('completeStep'));
      save.addEventListener('click', function () {
        save.disabled = true;
        post('/workspace/tasks/' + encodeURIComponent(task.id) + '/' + (first ? 'first-contact' : 'follow-up-step'), { outcome: outcome.value })
          .then(function () { say(t('stepDone')); load(); return refreshDetail(); }, failed);
      });
      row.appendChild(save);
      box.appendChild(row);
    }
    var holderLine = el('dl');
    pair(holderLine, t('holder'), task.assignee || t('team'), 'follow-up-holder');
    box.appendChild(holderLine);
    var claimRow = el('div', { 'class': 'row' });
    var path = '/workspace/follow-ups/' + encodeURIComponent(detail.youthRef || task.youthRef);
    [['claim', 'claim-follow-up', t('claimFollowUp'), t('followUpClaimed')],
      ['release', 'release-follow-up', t('releaseFollowUp'), t('followUpReleased')]].forEach(function (c) {
      var button = el('button', { type: 'button', 'data-testid': c[1] }, c[2]);
      button.addEventListener('click', function () {
        button.disabled = true;
        post(path + '/' + c[0]).then(function () { say(c[3]); load(); return refreshDetail(); }, failed);
      });
      claimRow.appendChild(button);
    });
    box.appendChild(claimRow);
    return box;
  }

  function offerActions(task) {
    var box = el('section', { 'class': 'card', 'aria-labelledby': 'offer-actions-heading' });
    box.appendChild(el('h3', { id: 'offer-actions-heading' }, t('offer')));
    var row = el('div', { 'class': 'row' });
    var accept = el('button', { type: 'button', 'class': 'primary', 'data-testid': 'accept' }, t('accept'));
    accept.addEventListener('click', function () {
      accept.disabled = true;
      post('/workspace/tasks/' + encodeURIComponent(task.id) + '/accept').then(function () {
        say(t('accepted'));
        return refreshDetail();
      }, failed);
    });
    row.appendChild(accept);
    box.appendChild(row);

    var reason = options(el('select', { 'data-testid': 'decline-reason' }), DECLINE_REASONS, 'declineReasons');
    var declineRow = el('div', { 'class': 'row' });
    declineRow.appendChild(field('decline-reason', t('declineReason'), reason));
    var decline = el('button', { type: 'button', 'data-testid': 'decline', 'aria-expanded': String(confirming),
      'aria-controls': 'decline-confirm' }, t('decline'));
    declineRow.appendChild(decline);
    box.appendChild(declineRow);

    var confirm = el('div', { id: 'decline-confirm', 'class': 'confirm', role: 'group', 'aria-labelledby': 'decline-question' });
    confirm.hidden = !confirming;
    confirm.appendChild(el('p', { id: 'decline-question' }, t('confirmDecline')));
    var yes = el('button', { type: 'button', 'class': 'danger', 'data-testid': 'confirm-decline' }, t('confirmYes'));
    var no = el('button', { type: 'button', 'data-testid': 'cancel-decline' }, t('confirmNo'));
    var confirmRow = el('div', { 'class': 'row' });
    confirmRow.appendChild(yes);
    confirmRow.appendChild(no);
    confirm.appendChild(confirmRow);
    box.appendChild(confirm);

    decline.addEventListener('click', function () {
      confirming = true;
      confirm.hidden = false;
      decline.setAttribute('aria-expanded', 'true');
      yes.focus();
    });
    no.addEventListener('click', function () {
      confirming = false;
      confirm.hidden = true;
      decline.setAttribute('aria-expanded', 'false');
      decline.focus();
    });
    yes.addEventListener('click', function () {
      yes.disabled = true;
      post('/workspace/tasks/' + encodeURIComponent(task.id) + '/decline', { reason: reason.value }).then(function () {
        confirming = false;
        say(t('declined'));
        return refreshDetail();
      }, function (error) { confirming = false; failed(error); });
    });
    return box;
  }

  function attendanceForm(task) {
    var box = el('section', { 'class': 'card', 'aria-labelledby': 'attendance-heading', 'data-testid': 'attendance' });
    box.appendChild(el('h3', { id: 'attendance-heading' }, t('attendance')));
    var placementId = task.context && task.context.placementId;
    if (!placementId) {
      box.appendChild(el('p', { 'class': 'meta' }, t('waitingPlacement')));
      return box;
    }
    var row = el('div', { 'class': 'row' });
    var date = el('input', { type: 'date', max: today(), 'data-testid': 'session-date' });
    date.value = lastSessionDate || today();
    var status = options(el('select', { 'data-testid': 'attendance-status' }), ATTENDANCE, 'attendanceStatuses');
    row.appendChild(field('session-date', t('sessionDate'), date));
    row.appendChild(field('attendance-status', t('attendanceStatus'), status));
    var save = el('button', { type: 'button', 'class': 'primary', 'data-testid': 'record-attendance' }, t('recordAttendance'));
    save.addEventListener('click', function () {
      var session = { sessionDate: date.value, status: status.value };
      post('/workspace/placements/' + encodeURIComponent(placementId) + '/attendance', session).then(function () {
        recorded = recorded.filter(function (r) { return r.sessionDate !== session.sessionDate; }).concat([session]);
        lastSessionDate = session.sessionDate;
        say(t('recorded') + ': ' + session.sessionDate + ' · ' + word('attendanceStatuses', session.status));
        renderDetail();
        var again = document.querySelector('[data-testid=record-attendance]');
        if (again) again.focus();
      }, failed);
    });
    row.appendChild(save);
    box.appendChild(row);
    if (recorded.length) {
      var ul = el('ul', { 'class': 'plain', 'data-testid': 'attendance-recorded', 'aria-label': t('recorded') });
      recorded.slice().sort(function (a, b) { return a.sessionDate < b.sessionDate ? -1 : 1; }).forEach(function (r) {
        ul.appendChild(el('li', {}, r.sessionDate + ': ' + word('attendanceStatuses', r.status)));
      });
      box.appendChild(ul);
    }
    return box;
  }

  function failed(error) {
    say(t('failed') + ': ' + error.message, true);
    if (detail) refreshDetail();
  }

  function refreshDetail() {
    if (!detail) return Promise.resolve();
    var id = detail.task.id;
    return api('/workspace/tasks/' + encodeURIComponent(id)).then(function (answer) {
      if (detail && detail.task.id === id) { detail = answer; renderDetail(); }
    }, function (error) { say(t('failed') + ': ' + error.message, true); });
  }

  function openTask(id) {
    say(t('loading'));
    api('/workspace/tasks/' + encodeURIComponent(id)).then(function (answer) {
      detail = answer;
      confirming = false;
      recorded = [];
      lastSessionDate = '';
      listView.hidden = true;
      detailView.hidden = false;
      renderDetail();
      renderTeam();
      say('');
      document.getElementById('detail-heading').focus();
    }, function (error) { say(t('failed') + ': ' + error.message, true); });
  }

  function closeTask() {
    var id = detail && detail.task.id;
    detail = null;
    detailView.hidden = true;
    listView.hidden = false;
    renderTeam();
    var card = id && list.querySelector('[data-task-id="' + CSS.escape(id) + '"] [data-testid=open-task]');
    if (card) card.focus(); else document.getElementById('open-heading').focus();
  }

  function load() {
    return Promise.all([api('/tasks?status=open,claimed&limit=200').then(function (page) {
      tasks = page.items;
      render();
    }, function (error) { say(t('failed') + ': ' + error.message, true); }), loadTeam()]);
  }

  function act(id, action, body) {
    post('/tasks/' + encodeURIComponent(id) + '/' + action, body)
      .then(function () { say(t('saved')); return load(); }, function (error) { say(t('failed') + ': ' + error.message, true); });
  }

  var live = false;
  function liveLine() { document.getElementById('live').textContent = live ? t('live') : ''; }

  // The stream with reconnect: after a drop the page waits 1 s, then twice as long each time up to
  // 30 s, and reloads on every (re)connect so that nothing missed while away stays missing.
  var retryMs = 1000;
  var source = null;
  // Signing out ends this page's stream too: the page then follows the sign-out, not the stream's end.
  var leaving = false;
  document.querySelector('form[action="/auth/logout"]').addEventListener('submit', function () {
    leaving = true;
    if (source) source.close();
  });
  function listen() {
    if (leaving) return;
    // EventSource sends the session cookie like any same-origin request.
    source = new EventSource('/api/v1/tasks/stream');
    ['created', 'claimed', 'released', 'completed', 'cancelled', 'overdue', 'reminder'].forEach(function (kind) {
      source.addEventListener(kind, function (message) {
        quietly(load);
        var changed = null;
        try { changed = JSON.parse(message.data); } catch (e) { changed = null; }
        if (detail && (!changed || changed.id === detail.task.id)) quietly(refreshDetail);
      });
    });
    source.onopen = function () {
      retryMs = 1000;
      live = true;
      document.body.setAttribute('data-live', 'true');
      liveLine();
      quietly(load);
    };
    // The stream ends when the session does: one quiet request tells, and a 401 leads to the expired page.
    source.onerror = function () {
      source.close();
      if (leaving) return;
      live = false;
      document.body.setAttribute('data-live', 'false');
      document.getElementById('live').textContent = t('reconnecting');
      quietly(function () { return api('/workspace/team'); }).catch(function () { return null; }).then(function () {
        setTimeout(listen, retryMs);
        retryMs = Math.min(retryMs * 2, 30000);
      });
    };
  }

  document.getElementById('lang').addEventListener('click', function () {
    lang = lang === 'nl' ? 'en' : 'nl';
    localStorage.setItem('samenspel-lang', lang);
    applyLanguage();
  });
  document.getElementById('back').addEventListener('click', closeTask);
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape' && detail && !confirming) closeTask(); });

  applyLanguage();
  say(t('loading'));
  load().then(function () { if (!statusLine.classList.contains('error')) say(''); listen(); });
})();
</script>
</body>
</html>`;
