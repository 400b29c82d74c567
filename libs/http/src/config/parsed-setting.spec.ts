import 'reflect-metadata';
import { validateSync } from 'class-validator';
import { NotTheDevValueInProduction, ParsedBy, parses } from './parsed-setting';

const parseEven = (text: string): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n % 2 !== 0) throw new Error(`${text} is not an even number`);
  return n;
};

class Settings {
  NODE_ENV = 'development';
  @ParsedBy('even', parseEven, 'must be an even number') EVEN: unknown = '2';
  @ParsedBy('evenInOwnWords', parseEven) EVEN_OWN_WORDS: unknown = '4';
  @NotTheDevValueInProduction('notTheDevSecret', 'dev-secret', 'must be set in production') SECRET =
    'dev-secret';
}

const messages = (values: Partial<Settings>) =>
  validateSync(Object.assign(new Settings(), values)).flatMap((e) => Object.values(e.constraints ?? {}));

describe('a setting read by a parser', () => {
  it.each([
    ['8', true],
    ['7', false],
    [8, false],
    [undefined, false],
  ])('finds %j parsed: %s', (value, expected) => {
    expect(parses(parseEven, value)).toBe(expected);
  });

  it('accepts what the parser takes', () => {
    expect(messages({ EVEN: '10', EVEN_OWN_WORDS: '12' })).toEqual([]);
  });

  it('refuses with its message, or else with what the parser threw', () => {
    expect(messages({ EVEN: '3', EVEN_OWN_WORDS: '5' })).toEqual([
      'must be an even number',
      '5 is not an even number',
    ]);
  });
});

describe('a secret with a public development value', () => {
  it('takes the development value outside production', () => {
    expect(messages({})).toEqual([]);
  });

  it('refuses the development value in production, and takes any other', () => {
    expect(messages({ NODE_ENV: 'production' })).toEqual(['must be set in production']);
    expect(messages({ NODE_ENV: 'production', SECRET: 'a-real-secret' })).toEqual([]);
  });
});
