import { fieldsSharingASiteField } from '../../src/domain/field-choices';
import {
  distinctErrors,
  FIELD_WORDS,
  sentenceCase,
  settingPathInWords,
} from '../../src/domain/setting-words';

describe('settings errors in words', () => {
  it('names the setting in words, counting list items from 1', () => {
    expect(settingPathInWords('holidays.1')).toBe('Holidays, item 2');
    expect(settingPathInWords('gates.0.approvers.groups')).toBe('Gate 1, approvers, groups');
    expect(settingPathInWords('gates.3.criteria.0.threshold.value')).toBe(
      'Gate 4, criterion 1, threshold, value',
    );
    expect(settingPathInWords('gates.1.approvers.users.0')).toBe('Gate 2, approvers, people, item 1');
    expect(settingPathInWords('enforcement.0.requiredGates.1')).toBe(
      'Enforcement rule 1, gates needed, item 2',
    );
    expect(settingPathInWords('milestoneToleranceDays')).toBe('Milestone tolerance days');
    expect(settingPathInWords('')).toBe('The settings as a whole');
  });

  it('names fields, labels and KPIs as the page shows them, never by their keys', () => {
    expect(settingPathInWords('fieldNames.firstValue')).toBe('Fields, First value date');
    expect(settingPathInWords('fieldIds.goLive')).toBe('Fields, Go-live date');
    expect(settingPathInWords('labels.implementationCaused')).toBe('Labels, Caused by the implementation');
    expect(settingPathInWords('targets.uat_first_pass_rate.value')).toBe(
      'KPI targets, UAT first-pass rate, value',
    );
  });

  it('lists an error reported twice once', () => {
    const e = { path: 'holidays.1', message: 'not a real calendar date' };
    expect(distinctErrors([e, { ...e }, { path: 'holidays.2', message: e.message }])).toEqual([
      e,
      { path: 'holidays.2', message: e.message },
    ]);
  });
});

describe('field labels in words', () => {
  it('says each logical field in sentence case, keeping words in capitals', () => {
    expect(FIELD_WORDS.firstValue).toBe('First value date');
    expect(FIELD_WORDS.goLive).toBe('Go-live date');
    expect(FIELD_WORDS.csat).toBe('CSAT');
    expect(sentenceCase('Design Sign-off')).toBe('Design sign-off');
  });
});

describe('logical fields sharing one site field', () => {
  it('pairs fields with the same id, or the same name where neither has an id', () => {
    const shared = fieldsSharingASiteField(
      { csat: 'Stakeholder Confidence', stakeholderConfidence: 'stakeholder confidence', segment: 'Segment' },
      { goLive: 'customfield_1', kickoff: 'customfield_1', firstValue: 'customfield_2' },
    );
    expect(Object.fromEntries(shared)).toEqual({
      csat: ['stakeholderConfidence'],
      stakeholderConfidence: ['csat'],
      kickoff: ['goLive'],
      goLive: ['kickoff'],
    });
  });

  it('finds a field chosen by id and another found by name on the same site field', () => {
    const shared = fieldsSharingASiteField(
      { csat: 'Stakeholder Confidence', stakeholderConfidence: 'Stakeholder Confidence' },
      { csat: 'customfield_7' },
      [{ id: 'customfield_7', name: 'Stakeholder Confidence' }],
    );
    expect(shared.get('stakeholderConfidence')).toEqual(['csat']);
  });
});
