import 'reflect-metadata';
import { validateSync } from 'class-validator';
import { IntSetting } from './int-setting';

class Settings {
  @IntSetting(1, 10) BOUNDED: unknown = 5;
  @IntSetting(0) FROM_ZERO: unknown = 0;
}

const refused = (values: Partial<Settings>) =>
  validateSync(Object.assign(new Settings(), values)).map((e) => e.property);

describe('a whole-number setting', () => {
  it.each<[Partial<Settings>]>([[{}], [{ BOUNDED: 1 }], [{ BOUNDED: 10 }], [{ FROM_ZERO: 1_000_000_000 }]])(
    'accepts %j',
    (values) => {
      expect(refused(values)).toEqual([]);
    },
  );

  it.each<[Partial<Settings>, string]>([
    [{ BOUNDED: 0 }, 'BOUNDED'],
    [{ BOUNDED: 11 }, 'BOUNDED'],
    [{ BOUNDED: 2.5 }, 'BOUNDED'],
    [{ FROM_ZERO: -1 }, 'FROM_ZERO'],
    [{ FROM_ZERO: '3' }, 'FROM_ZERO'],
  ])('refuses %j, naming %s', (values, property) => {
    expect(refused(values)).toEqual([property]);
  });
});
