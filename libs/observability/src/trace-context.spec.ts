import {
  childContext,
  currentTrace,
  formatTraceparent,
  parseTraceparent,
  runWithTrace,
} from './trace-context';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';

describe('W3C trace context', () => {
  it('parses a valid traceparent and formats it back', () => {
    const parsed = parseTraceparent(`00-${TRACE}-${SPAN}-01`);
    expect(parsed).toEqual({ traceId: TRACE, spanId: SPAN, flags: '01' });
    expect(formatTraceparent(parsed!)).toBe(`00-${TRACE}-${SPAN}-01`);
  });

  it.each([
    undefined,
    '',
    'garbage',
    `01-${TRACE}-${SPAN}-01`,
    `00-${'0'.repeat(32)}-${SPAN}-01`,
    `00-${TRACE}-${'0'.repeat(16)}-01`,
  ])('refuses %p', (value) => expect(parseTraceparent(value)).toBeUndefined());

  it('continues the incoming trace with a new span and keeps the correlation id', () => {
    const child = childContext(`00-${TRACE}-${SPAN}-01`, 'corr-1');
    expect(child.traceId).toBe(TRACE);
    expect(child.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(child.spanId).not.toBe(SPAN);
    expect(child.correlationId).toBe('corr-1');
  });

  it('starts a new trace and correlation id when none comes in', () => {
    const child = childContext(undefined, undefined);
    expect(child.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(child.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('makes the context current inside runWithTrace only', async () => {
    const ctx = childContext();
    await runWithTrace(ctx, async () => {
      await Promise.resolve();
      expect(currentTrace()).toBe(ctx);
    });
    expect(currentTrace()).toBeUndefined();
  });
});
