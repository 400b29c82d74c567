import { WaitlistEnteredData, WaitlistExitedData } from '@samenspel/contracts';
import { validateData } from './validate-data';

describe('validating event data against its contract', () => {
  const valid = {
    waitlistEntryId: 'UTR-WL-1',
    youthRef: 'yr_8f3a2c9d1e',
    reason: 'moved',
    exitedAt: '2026-11-27T10:00:00Z',
  };

  it('returns a typed instance for valid data', () => {
    const { value, errors } = validateData(WaitlistExitedData, valid);
    expect(errors).toEqual([]);
    expect(value).toBeInstanceOf(WaitlistExitedData);
  });

  it('refuses a field outside the contract, such as a name, and gives its path', () => {
    expect(validateData(WaitlistExitedData, { ...valid, name: 'Jan' })).toEqual({
      errors: ['name: property name should not exist'],
      unknownFields: [['name']],
    });
  });

  it('gives the path of each field outside the contract, at any depth, and of none that is only wrong', () => {
    const { errors, unknownFields } = validateData(WaitlistEnteredData, {
      waitlistEntryId: 'UTR-WL-2',
      youthRef: 'yr_8f3a2c9d1e',
      ageYears: 'fifteen',
      postcode4: '3581',
      municipalityCode: 'GM0344',
      careCategory: 'ambulant',
      expectedWaitWeeks: 12,
      interests: ['sport'],
      consent: { youthWork: true, givenBy: 'youth', givenAt: '2026-11-20T10:00:00Z', guardianName: 'Piet' },
      enteredAt: '2026-11-27T10:00:00Z',
      bsn: '111222333',
    });
    expect(errors.join('; ')).toMatch(/^bsn: .*ageYears: .*consent.guardianName: /);
    expect(unknownFields).toEqual([['bsn'], ['consent', 'guardianName']]);
  });

  it('gives the fields outside the contract of data refused for text PostgreSQL cannot store', () => {
    expect(validateData(WaitlistExitedData, { ...valid, waitlistEntryId: 'UTR\u0000', name: 'Jan' })).toEqual(
      {
        errors: ['waitlistEntryId: must not contain a NUL character or half a surrogate pair'],
        unknownFields: [['name']],
      },
    );
  });

  it('names each broken field without echoing its value', () => {
    const { errors } = validateData(WaitlistExitedData, { ...valid, youthRef: 'yr 1', reason: 'fled' });
    expect(errors.join('; ')).toMatch(/youthRef: .*pseudonymous ref/);
    expect(errors.join('; ')).toMatch(/reason: reason must be one of/);
    expect(errors.join('; ')).not.toContain('yr 1');
  });

  it('refuses text PostgreSQL cannot store, rather than failing in the handler', () => {
    expect(validateData(WaitlistExitedData, { ...valid, waitlistEntryId: 'UTR\u0000' }).errors).toEqual([
      'waitlistEntryId: must not contain a NUL character or half a surrogate pair',
    ]);
  });

  it('refuses data nested too deep to transform, instead of throwing', () => {
    const deep = JSON.parse('{"a":'.repeat(20000) + '1' + '}'.repeat(20000)) as object;
    expect(validateData(WaitlistExitedData, { ...valid, reason: deep }).errors).toEqual([
      expect.stringMatching(/^data: cannot be validated \(RangeError/),
    ]);
  });

  it.each([null, 'text', [1, 2]])('refuses data that is not an object (%p)', (data) => {
    expect(validateData(WaitlistExitedData, data).errors).toEqual(['data: must be a JSON object']);
  });
});
