import { errorsByField } from '../../src/contracts/result';
import { placeErrors } from '../../static/kpi-gadget-edit/errors';

describe('a resolver error read back per field', () => {
  it('names each field of its paths, with their messages', () => {
    expect(
      errorsByField(
        'Invalid configuration: configuration.kpis: choose at least one KPI; configuration.projects.0: expected a project key; configuration.projects.1: expected a project key',
      ),
    ).toEqual({
      kpis: 'choose at least one KPI',
      projects: 'expected a project key; expected a project key',
    });
    expect(errorsByField('payload.jql: is longer than 4000 characters')).toEqual({
      jql: 'is longer than 4000 characters',
    });
  });

  it('is null for anything else: Jira’s words, an error of the whole configuration', () => {
    expect(
      errorsByField("Error in the JQL Query: Expecting either a value, list or function but got '='."),
    ).toBeNull();
    expect(
      errorsByField('Invalid configuration: configuration: give either jql or projects, not both'),
    ).toBeNull();
    expect(
      errorsByField('configuration.kpis: choose at least one KPI; Jira is rate limiting Runway'),
    ).toBeNull();
  });
});

describe("the edit view's errors on its form", () => {
  it('puts each under its field, as a sentence', () => {
    expect(
      placeErrors('Invalid configuration: configuration.kpis: choose at least one KPI', 'projects'),
    ).toEqual({
      fields: { kpis: 'Choose at least one KPI' },
      general: null,
    });
  });

  it('puts Jira’s refusal under the JQL field of a JQL scope, else in the summary', () => {
    const jira = "Error in the JQL Query: Expecting either a value, list or function but got '='.";
    expect(placeErrors(jira, 'jql')).toEqual({ fields: { jql: jira }, general: null });
    expect(placeErrors(jira, 'all')).toEqual({ fields: {}, general: jira });
  });

  it('keeps for the summary what names a field not on screen', () => {
    expect(placeErrors('payload.jql: must not be empty; payload.asOf: expected a date', 'projects')).toEqual({
      fields: { asOf: 'Expected a date' },
      general: 'jql: must not be empty',
    });
  });
});
