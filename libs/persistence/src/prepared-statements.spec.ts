import { MAX_PREPARED_STATEMENTS, statementName } from './prepared-statements';

describe('naming prepared statements', () => {
  it('gives one text one name, and different texts different names', () => {
    const a = statementName('SELECT 1 WHERE $1::int = 1');
    const b = statementName('SELECT 2 WHERE $1::int = 1');
    expect(a).toMatch(/^samenspel_\d+$/);
    expect(statementName('SELECT 1 WHERE $1::int = 1')).toBe(a);
    expect(b).not.toBe(a);
  });

  it('names no new text once the cap is reached, and keeps the names it gave', () => {
    const first = statementName('SELECT $1::int AS first');
    for (let i = 0; i < MAX_PREPARED_STATEMENTS; i++) statementName(`SELECT $1::int + ${i}`);

    expect(statementName('SELECT $1::int AS one_too_many')).toBeUndefined();
    expect(statementName('SELECT $1::int AS first')).toBe(first);
  });
});
