import {
  isUsable,
  leftOutOfScope,
  scopeJql,
  SNAPSHOT_MAX_AGE_MS,
  splitProjects,
  stripOrderBy,
} from '../../../src/domain/trends';

describe('the JQL of a KPI scope', () => {
  it('is the given query, else the given projects, else everything created by the as-of date', () => {
    expect(scopeJql({ jql: 'labels = x', projects: ['IMP'] }, '2026-03-31')).toBe('labels = x');
    expect(scopeJql({ projects: ['IMP', 'ONB'] }, '2026-03-31')).toBe('project in (IMP, ONB)');
    expect(scopeJql({}, '2026-03-31')).toBe('created < "2026-04-01"');
  });

  it('drops a trailing ORDER BY, so the scope can be combined with AND', () => {
    expect(stripOrderBy('project = IMP ORDER BY key DESC')).toBe('project = IMP');
    expect(stripOrderBy('summary ~ "order by"')).toBe('summary ~ "order by"');
  });
});

describe('a stored implementation snapshot', () => {
  const now = 10 * SNAPSHOT_MAX_AGE_MS;
  const dates = ['2026-02-28', '2026-03-31'];
  const snapshot = { key: 'IMP-1', inputs: ['IMP-1', 'IMP-2'], computedAt: now - 1000, dates };
  const visible = new Set(['IMP-1', 'IMP-2']);
  const none = new Map<string, number>();

  it('is shown when fresh, for the same dates, every input visible and nothing changed since', () => {
    expect(isUsable(snapshot, dates, visible, none, now)).toBe(true);
  });

  it('is recomputed when missing, too old, for other dates, or changed since', () => {
    expect(isUsable(undefined, dates, visible, none, now)).toBe(false);
    expect(
      isUsable({ ...snapshot, computedAt: now - SNAPSHOT_MAX_AGE_MS - 1 }, dates, visible, none, now),
    ).toBe(false);
    expect(isUsable(snapshot, ['2026-03-31'], visible, none, now)).toBe(false);
    expect(isUsable(snapshot, dates, visible, new Map([['IMP-2', now - 500]]), now)).toBe(false);
  });

  it('is never shown to a viewer who cannot see one of its inputs', () => {
    expect(isUsable(snapshot, dates, new Set(['IMP-1']), none, now)).toBe(false);
  });
});

describe('a shared scope naming projects the viewer cannot browse', () => {
  it('keeps the projects they can browse, in the configured order, and names the rest', () => {
    expect(splitProjects(['ONB', 'ENT', 'IMP'], ['IMP', 'ONB', 'SUP'])).toEqual({
      shown: ['ONB', 'IMP'],
      hidden: ['ENT'],
    });
    expect(splitProjects(['imp'], ['IMP'])).toEqual({ shown: ['imp'], hidden: [] });
    expect(splitProjects(['ENT'], [])).toEqual({ shown: [], hidden: ['ENT'] });
  });

  it('tells the viewer in Jira’s words what the numbers cover and what they leave out', () => {
    expect(leftOutOfScope({ shown: ['IMP', 'ONB'], hidden: [] })).toBeNull();
    expect(leftOutOfScope({ shown: ['IMP'], hidden: ['ENT'] })).toEqual({
      projects: ['ENT'],
      note: "These numbers cover IMP only. You don't have permission to browse ENT, so its implementations aren't counted. Ask your Jira admin if you need access.",
    });
    expect(leftOutOfScope({ shown: ['IMP', 'SUP', 'TEAM'], hidden: ['ONB', 'ENT'] })?.note).toBe(
      "These numbers cover IMP, SUP and TEAM only. You don't have permission to browse ONB and ENT, so their implementations aren't counted. Ask your Jira admin if you need access.",
    );
    expect(leftOutOfScope({ shown: [], hidden: ['ENT'] })?.note).toMatch(
      /^You don't have permission to browse ENT, so this gadget has no numbers to show you\. Ask your Jira admin/,
    );
  });
});
