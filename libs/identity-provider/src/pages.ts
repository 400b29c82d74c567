/**
 * The development provider's pages: Dutch first, plain HTML forms, one stylesheet and one small
 * script from the provider's own origin, so a strict Content-Security-Policy holds (no inline
 * script or style).
 */

const escape = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

function layout(title: string, body: string, script = false): string {
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} – Samenspel</title>
<link rel="icon" href="/favicon.ico" type="image/svg+xml">
<link rel="stylesheet" href="/assets/provider.css">${script ? '\n<script src="/assets/sign-out.js" defer></script>' : ''}
</head>
<body>
<main>
${body}
<p class="note">Ontwikkelomgeving van Samenspel: alleen synthetische gebruikers. <span lang="en">Development sign-in, synthetic users only.</span></p>
</main>
</body>
</html>
`;
}

/** The sign-in form of an interaction; `failed` adds the message for a wrong name or password. */
export function signInPage(options: {
  action: string;
  clientId: string;
  username?: string;
  failed?: boolean;
}): string {
  const error = options.failed
    ? `<p class="error" role="alert" id="sign-in-error">De gebruikersnaam of het wachtwoord klopt niet. <span lang="en">Wrong username or password.</span></p>\n`
    : '';
  const described = options.failed ? ' aria-describedby="sign-in-error"' : '';
  return layout(
    'Inloggen',
    `<h1>Inloggen <span lang="en">(sign in)</span></h1>
<p>Om verder te gaan naar <strong>${escape(options.clientId)}</strong>.</p>
${error}<form method="post" action="${escape(options.action)}">
<label for="username">Gebruikersnaam <span lang="en">(username)</span></label>
<input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required${described}${options.failed ? '' : ' autofocus'} value="${escape(options.username ?? '')}">
<label for="password">Wachtwoord <span lang="en">(password)</span></label>
<input id="password" name="password" type="password" autocomplete="current-password" required${described}${options.failed ? ' autofocus' : ''}>
<button type="submit">Inloggen</button>
</form>`,
  );
}

/**
 * The sign-out confirmation. `form` is the provider's form (with its anti-forgery field); when the
 * page that sent the person here identified itself, the script submits it at once.
 */
export function signOutPage(options: { form: string; automatic: boolean }): string {
  return layout(
    'Uitloggen',
    `<h1>Uitloggen <span lang="en">(sign out)</span></h1>
${options.form}
<p>Wilt u uitloggen bij Samenspel?</p>
<button type="submit" form="op.logoutForm" name="logout" value="yes"${options.automatic ? ' data-automatic' : ''}>Uitloggen</button>`,
    true,
  );
}

/** Shown after a sign-out that names no page to return to. */
export function signedOutPage(): string {
  return layout(
    'Uitgelogd',
    `<h1>U bent uitgelogd <span lang="en">(signed out)</span></h1>\n<p>U kunt dit venster sluiten.</p>`,
  );
}

/** An OAuth error, by its code and the provider's own description (never the request's input). */
export function errorPage(error: string, description: string | undefined): string {
  return layout(
    'Fout bij inloggen',
    `<h1>Inloggen lukt niet <span lang="en">(sign-in failed)</span></h1>
<p role="alert"><code>${escape(error)}</code>${description ? `: ${escape(description)}` : ''}</p>`,
  );
}

export const PROVIDER_CSS = `
body { font-family: system-ui, sans-serif; margin: 0; background: #f4f6f8; color: #1b1f23; }
main { max-width: 26rem; margin: 3rem auto; padding: 2rem; background: #fff; border-radius: 8px; box-shadow: 0 1px 4px rgb(0 0 0 / 15%); }
h1 { font-size: 1.5rem; margin-top: 0; }
label { display: block; margin-top: 1rem; font-weight: 600; }
input { display: block; width: 100%; box-sizing: border-box; margin-top: 0.25rem; padding: 0.6rem; font-size: 1rem; border: 1px solid #6a737d; border-radius: 4px; }
button { margin-top: 1.5rem; padding: 0.7rem 1.4rem; font-size: 1rem; color: #fff; background: #0b5cad; border: 0; border-radius: 4px; cursor: pointer; }
:focus-visible { outline: 3px solid #f5a623; outline-offset: 2px; }
.error { color: #a4001d; font-weight: 600; }
.note { margin-top: 2rem; font-size: 0.875rem; color: #4b535b; }
`;

/** Submits the sign-out form when the page that asked for it identified itself. */
export const SIGN_OUT_JS = `document.querySelector('button[data-automatic]')?.click();\n`;
