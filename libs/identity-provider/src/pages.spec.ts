import { errorPage, signedOutPage, signInPage, signOutPage } from './pages';

describe('the sign-in pages', () => {
  const pages = {
    'sign-in': signInPage({ action: '/interaction/abc/login', clientId: 'workspace' }),
    'failed sign-in': signInPage({ action: '/interaction/abc/login', clientId: 'workspace', failed: true }),
    'sign-out': signOutPage({ form: '<form id="op.logoutForm"></form>', automatic: true }),
    'signed out': signedOutPage(),
    error: errorPage('invalid_request', 'missing parameter'),
  };

  it.each(Object.entries(pages))(
    'keeps the %s page Dutch first, without inline script or style',
    (_, html) => {
      expect(html).toContain('<html lang="nl">');
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
      expect(html).not.toMatch(/\sstyle=|<style|\son[a-z]+=/);
    },
  );

  it('labels both fields and says a failed sign-in in an alert tied to them', () => {
    const html = pages['failed sign-in'];

    expect(html).toContain('<label for="username">');
    expect(html).toContain('<label for="password">');
    expect(html).toContain('role="alert" id="sign-in-error"');
    expect(html.match(/aria-describedby="sign-in-error"/g)).toHaveLength(2);
  });

  it('escapes what it shows', () => {
    expect(signInPage({ action: '/x', clientId: 'workspace', username: '"><b>' })).toContain(
      'value="&quot;&gt;&lt;b&gt;"',
    );
    expect(errorPage('<x>', undefined)).toContain('&lt;x&gt;');
  });
});
