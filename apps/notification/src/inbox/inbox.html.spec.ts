import { OFFER_DECLINE_REASONS, ATTENDANCE_STATUSES } from '@samenspel/contracts';
import { inlinePageCsp } from '@samenspel/http';
import { WEBHOOK_EVENTS } from '../webhooks/webhook-events';
import { INBOX_HTML } from './inbox.html';

const script = /<script>([\s\S]*?)<\/script>/.exec(INBOX_HTML)![1];

describe('the team workspace page', () => {
  it('puts data on the page only as text: no markup from strings anywhere in its script', () => {
    for (const sink of [
      'innerHTML',
      'outerHTML',
      'insertAdjacentHTML',
      'document.write',
      'eval(',
      'new Function',
    ]) {
      expect(script).not.toContain(sink);
    }
  });

  it('runs under a policy that allows its one inline script and style by hash, and nothing else', () => {
    const csp = inlinePageCsp(INBOX_HTML);
    expect(csp).toMatch(/script-src 'sha256-[^' ]+'(;|$)/);
    expect(csp).toMatch(/style-src 'sha256-[^' ]+'(;|$)/);
    expect(csp).toContain("connect-src 'self'");
    // No inline handlers or style attributes: a hash does not cover them.
    expect(INBOX_HTML).not.toMatch(/\son[a-z]+=|\sstyle=/);
  });

  it('offers the documented decline reasons and attendance statuses, in the contracts', () => {
    const list = (name: string) =>
      JSON.parse(new RegExp(`var ${name} = (\\[[^\\]]*\\])`).exec(script)![1].replace(/'/g, '"'));
    expect(list('DECLINE_REASONS')).toEqual([...OFFER_DECLINE_REASONS]);
    expect(list('ATTENDANCE')).toEqual([...ATTENDANCE_STATUSES]);
  });

  it('reloads on every kind of change the live stream sends, a released follow-up included', () => {
    const kinds = /\[((?:'[a-z]+', )*'[a-z]+')\]\.forEach\(function \(kind\)/.exec(script)![1];
    const stream = [...WEBHOOK_EVENTS.map((e) => e.replace('task.', '')), 'released'];
    expect(JSON.parse(`[${kinds.replace(/'/g, '"')}]`).sort()).toEqual(stream.sort());
  });
});
