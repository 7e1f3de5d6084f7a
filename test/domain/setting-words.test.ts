import { distinctErrors, settingPathInWords } from '../../src/domain/setting-words';

describe('settings errors in words', () => {
  it('names the setting in words, counting list items from 1', () => {
    expect(settingPathInWords('holidays.1')).toBe('Holidays, item 2');
    expect(settingPathInWords('gates.0.approvers.groups')).toBe('Gates, item 1, approvers, groups');
    expect(settingPathInWords('fieldNames.firstValue')).toBe('Field names, first value');
    expect(settingPathInWords('')).toBe('The settings as a whole');
  });

  it('lists an error reported twice once', () => {
    const e = { path: 'holidays.1', message: 'not a real calendar date' };
    expect(distinctErrors([e, { ...e }, { path: 'holidays.2', message: e.message }])).toEqual([
      e,
      { path: 'holidays.2', message: e.message },
    ]);
  });
});
