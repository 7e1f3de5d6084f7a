import { ISSUE_KEY_PATTERN, PROJECT_KEY_PATTERN } from '../../src/domain';

describe('Jira keys', () => {
  it.each(['IMP-1', 'IMP-12', 'A_B2-9007199254740'])('%s is an issue key', (key) => {
    expect(ISSUE_KEY_PATTERN.test(key)).toBe(true);
  });

  it.each(['IMP', 'imp-1', 'IMP-0', 'IMP-01', '1MP-2', 'IMP-1 OR project = X', 'IMP-'])(
    '%s is not an issue key',
    (key) => {
      expect(ISSUE_KEY_PATTERN.test(key)).toBe(false);
    },
  );

  it.each(['IM', 'IMP', 'ONB2', 'A_B', 'ABCDEFGHIJ'])('%s is a project key', (key) => {
    expect(PROJECT_KEY_PATTERN.test(key)).toBe(true);
  });

  it.each(['I', 'imp', '2IMP', 'ABCDEFGHIJK', 'IMP-1', 'IMP X'])('%s is not a project key', (key) => {
    expect(PROJECT_KEY_PATTERN.test(key)).toBe(false);
  });
});
