import { unknownProjectValues, withoutProjects } from '../../../src/domain/trends';

describe("Jira's refusal of a JQL naming projects the user cannot browse", () => {
  it('names the project values when that is all Jira said', () => {
    expect(unknownProjectValues(["The value 'ENT' does not exist for the field 'project'."])).toEqual([
      'ENT',
    ]);
    expect(
      unknownProjectValues([
        "The value 'ENT' does not exist for the field 'project'.",
        "The value 'sup' does not exist for the field 'project'.",
      ]),
    ).toEqual(['ENT', 'sup']);
  });

  it('is nothing to act on when Jira said anything else too', () => {
    expect(
      unknownProjectValues([
        "The value 'ENT' does not exist for the field 'project'.",
        "The value 'Sleeping' does not exist for the field 'status'.",
      ]),
    ).toBeNull();
    expect(
      unknownProjectValues(["Field 'projekt' does not exist or you do not have permission to view it."]),
    ).toBeNull();
    expect(unknownProjectValues([])).toBeNull();
  });
});

describe('a JQL scope without the projects the viewer cannot browse', () => {
  it('takes them out of a `project in (…)` list, keeping the rest of the query', () => {
    expect(withoutProjects('project in (IMP, ENT) AND labels = x ORDER BY key', ['ENT'])).toEqual({
      jql: 'project in (IMP) AND labels = x ORDER BY key',
      kept: ['IMP'],
      removed: ['ENT'],
    });
    expect(withoutProjects('issuetype = Epic and project IN (IMP,ENT,ONB)', ['ENT'])).toEqual({
      jql: 'issuetype = Epic and project in (IMP, ONB)',
      kept: ['IMP', 'ONB'],
      removed: ['ENT'],
    });
  });

  it('compares keys as Jira does, ignoring case, and reads quoted keys', () => {
    expect(withoutProjects('PROJECT in ("IMP", \'ent\') AND labels = "a, b"', ['ent'])).toEqual({
      jql: 'project in ("IMP") AND labels = "a, b"',
      kept: ['IMP'],
      removed: ['ent'],
    });
    expect(withoutProjects('project in (imp, "ENT")', ['ENT'])?.jql).toBe('project in (imp)');
  });

  it('leaves nothing to search when every project is taken out', () => {
    expect(withoutProjects('project = "ENT" AND labels = x', ['ENT'])).toEqual({
      jql: null,
      kept: [],
      removed: ['ENT'],
    });
    expect(withoutProjects('project in (ENT, SUP)', ['ent', 'sup'])?.jql).toBeNull();
  });

  it('is not attempted where taking a value out could widen the query', () => {
    expect(withoutProjects('project in (IMP, ENT) OR labels = x', ['ENT'])).toBeNull();
    expect(withoutProjects('project in (IMP, ENT) || labels = x', ['ENT'])).toBeNull();
    expect(withoutProjects('NOT project in (IMP, ENT)', ['ENT'])).toBeNull();
    expect(withoutProjects('labels = x AND !(project = ENT)', ['ENT'])).toBeNull();
    expect(withoutProjects('project not in (IMP, ENT)', ['ENT'])).toBeNull();
    expect(withoutProjects('project != ENT', ['ENT'])).toBeNull();
  });

  it('is not attempted on a query of another shape', () => {
    expect(withoutProjects('project = IMP AND project = ENT', ['ENT'])).toBeNull();
    expect(withoutProjects('project in projectsWhereUserHasRole(ENT)', ['ENT'])).toBeNull();
    expect(withoutProjects('project in (IMP, ENT', ['ENT'])).toBeNull();
    expect(withoutProjects('summary ~ "unterminated', ['ENT'])).toBeNull();
    // a value Jira named that is not in the project clause
    expect(withoutProjects('project in (IMP)', ['ENT'])).toBeNull();
  });

  it('keeps a NOT that is part of an operator', () => {
    expect(
      withoutProjects('project in (IMP, ENT) AND assignee is not EMPTY AND status not in (Done)', ['ENT'])
        ?.jql,
    ).toBe('project in (IMP) AND assignee is not EMPTY AND status not in (Done)');
  });
});
