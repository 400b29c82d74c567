import { inlinePageCsp } from '../security/security-headers';

/** A small static page of the sign-in flow: Dutch first, English below, no script. */
export interface SessionPage {
  status: number;
  html: string;
  csp: string;
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f5f6f8;color:#1d2433}
main{max-width:34rem;margin:12vh auto;background:#fff;border-radius:8px;padding:24px 28px;box-shadow:0 1px 3px #0003}
h1{font-size:1.4rem;margin:0 0 .5rem}p{margin:.5rem 0}
a.button{display:inline-block;margin:.75rem 0;background:#1d3557;color:#fff;padding:.6rem 1.1rem;border-radius:6px;text-decoration:none;font-weight:600}
button.sign-out{font:inherit;background:#fff;color:#1d3557;border:2px solid #1d3557;border-radius:6px;padding:.4rem 1rem;cursor:pointer}
a.button:focus{outline:3px solid #f4a261;outline-offset:2px}
.en{margin-top:1.25rem;border-top:1px solid #dde;padding-top:.75rem;color:#3d4657}`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(status: number, title: string, body: string, head = '', postsToSelf = false): SessionPage {
  const html = `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
${head}<title>${escapeHtml(title)} · Samenspel</title>
<link rel="icon" href="/favicon.ico" type="image/svg+xml">
<style>${STYLE}</style></head>
<body><main>${body}</main></body></html>`;
  return { status, html, csp: inlinePageCsp(html, { postsToSelf }) };
}

function withSignIn(
  status: number,
  nl: [string, string],
  en: [string, string],
  signInHref: string,
): SessionPage {
  const href = escapeHtml(signInHref);
  return page(
    status,
    nl[0],
    `<h1>${nl[0]}</h1><p>${nl[1]}</p>
<a class="button" href="${href}">Opnieuw aanmelden</a>
<div class="en" lang="en"><h2>${en[0]}</h2><p>${en[1]}</p><a href="${href}">Sign in again</a></div>`,
  );
}

/** The session has ended (idle too long, past its lifetime, or refused by the provider). */
export function expiredPage(signInHref: string): SessionPage {
  return withSignIn(
    200,
    [
      'Je sessie is verlopen',
      'Je bent een tijd niet actief geweest of je sessie is afgelopen. Meld je opnieuw aan om verder te werken.',
    ],
    [
      'Your session has expired',
      'You were inactive for a while or your session ended. Sign in again to continue.',
    ],
    signInHref,
  );
}

/** After sign-out, the provider sends the browser here. */
export function signedOutPage(signInHref: string): SessionPage {
  return withSignIn(
    200,
    ['Je bent afgemeld', 'Je sessie is beëindigd. Sluit de browser als je een gedeeld apparaat gebruikt.'],
    ['You have signed out', 'Your session has ended. Close the browser if you use a shared device.'],
    signInHref,
  );
}

/** The identity provider cannot be reached. */
export function providerDownPage(signInHref: string): SessionPage {
  return withSignIn(
    503,
    [
      'Aanmelden lukt nu niet',
      'De aanmeldservice is op dit moment niet bereikbaar. Probeer het over een paar minuten opnieuw.',
    ],
    [
      'Signing in is not possible right now',
      'The sign-in service cannot be reached. Try again in a few minutes.',
    ],
    signInHref,
  );
}

/** The provider or this service refused the sign-in (replayed link, expired or tampered request). */
export function signInRefusedPage(signInHref: string): SessionPage {
  return withSignIn(
    400,
    [
      'Aanmelden is niet gelukt',
      'De aanmelding kon niet worden afgerond, bijvoorbeeld omdat de link al gebruikt is. Begin opnieuw.',
    ],
    [
      'Signing in did not succeed',
      'The sign-in could not be completed, for example because its link was already used. Start again.',
    ],
    signInHref,
  );
}

/** Signed in, but the role may not use this page; a sign-out button lets another person sign in. */
export function forbiddenPage(): SessionPage {
  return page(
    403,
    'Geen toegang',
    `<h1>Geen toegang</h1><p>Je bent aangemeld, maar je rol geeft geen toegang tot deze pagina.</p>
${SIGN_OUT_FORM}
<div class="en" lang="en"><h2>No access</h2><p>You are signed in, but your role does not give access to this page.</p></div>`,
    '',
    true,
  );
}

/** The sign-out button of a page whose CSP lets it post to its own origin (`postsToSelf`). */
export const SIGN_OUT_FORM = `<form method="post" action="/auth/logout"><button type="submit" class="sign-out">Afmelden</button></form>`;

/**
 * Continues to `location` by a meta refresh: the navigation then starts from this origin, so a
 * SameSite=Strict cookie set on a redirect back from the provider is sent with it, and no
 * form-action rule of the page that posted here applies to it.
 */
export function continuePage(location: string): SessionPage {
  const href = escapeHtml(location);
  return page(
    200,
    'Doorgaan',
    `<h1>Even geduld…</h1><p><a class="button" href="${href}">Doorgaan</a></p>`,
    `<meta http-equiv="refresh" content="0;url=${href}">\n`,
  );
}
