// The demo portfolio: deterministic, realistic (every child kind of data-model.md, histories
// over more than a year), consistent with its own changelogs, and in the example's format.

import fs from 'node:fs';
import path from 'node:path';
import { generatePortfolio, searchExport, DEMO_USERS } from '../../../src/local/demo';
import { createSiteHandler } from '../../../src/local/site';
import type { SiteIssue } from '../../../src/local/site';
import { parseJiraTimestamp } from '../../../src/local/site/time';

const portfolio = generatePortfolio();
const { state } = portfolio;
const typeName = new Map(state.issueTypes.map((t) => [t.id, t.name]));
const fieldId = (name: string) => state.fields.find((f) => f.name === name)!.id;
const children = (kind: string) =>
  state.issues.filter((i) => typeName.get(i.issueTypeId) === kind && i.parentId !== null);
const asOfNoon = Date.UTC(2026, 10, 23, 12);

describe('the demo portfolio', () => {
  it('has at least 25 implementations across IMP, ONB and ENT, in every stage', () => {
    expect(portfolio.implementations.length).toBeGreaterThanOrEqual(25);
    expect(new Set(portfolio.implementations.map((i) => i.project))).toEqual(new Set(['IMP', 'ONB', 'ENT']));
    expect(new Set(portfolio.implementations.map((i) => i.stage))).toEqual(
      new Set(['not-started', 'in-flight', 'live', 'hypercare', 'done']),
    );
    expect(new Set(portfolio.implementations.map((i) => i.tier))).toEqual(
      new Set(['Standard', 'Advanced', 'Enterprise']),
    );
    const epics = state.issues.filter((i) => i.labels.includes('implementation'));
    expect(epics.map((e) => e.key).sort()).toEqual(portfolio.implementations.map((i) => i.key).sort());
    expect(epics.every((e) => typeName.get(e.issueTypeId) === 'Epic')).toBe(true);
    expect(
      state.issues.some(
        (i) => typeName.get(i.issueTypeId) === 'Epic' && !i.labels.includes('implementation'),
      ),
    ).toBe(true);
  });

  it('puts each implementation in the status its stage implies at asOf', () => {
    const expected: Record<string, string[]> = {
      'not-started': ['To Do'],
      'in-flight': ['Discovery', 'Design', 'Build', 'UAT', 'Cutover', 'On Hold'],
      live: ['Live'],
      hypercare: ['Hypercare'],
      done: ['Done'],
    };
    for (const impl of portfolio.implementations) {
      const epic = state.issues.find((i) => i.key === impl.key)!;
      const status = state.statuses.find((s) => s.id === epic.statusId)!.name;
      expect({ key: impl.key, stage: impl.stage, status: expected[impl.stage].includes(status) }).toEqual({
        key: impl.key,
        stage: impl.stage,
        status: true,
      });
    }
  });

  it('has every child kind of data-model.md with the fields and labels the KPIs read', () => {
    const milestones = children('Milestone');
    expect(milestones.some((m) => m.labels.includes('first-value'))).toBe(true);
    expect(milestones.some((m) => m.labels.includes('go-live'))).toBe(true);
    expect(milestones.some((m) => m.custom[fieldId('Baseline Due')])).toBe(true);
    expect(
      milestones.some(
        (m) =>
          !m.custom[fieldId('Baseline Due')] &&
          m.histories.some((h) => h.items.some((it) => it.field === 'duedate')),
      ),
    ).toBe(true);
    for (const kind of ['Risk', 'Assumption']) {
      expect(
        children(kind).every((r) => r.custom[fieldId('Probability')] && r.custom[fieldId('Impact')]),
      ).toBe(true);
    }
    expect(
      children('Risk').some((r) => r.histories.some((h) => h.items.some((it) => it.field === 'Probability'))),
    ).toBe(true);
    expect(children('Issue').every((r) => r.custom[fieldId('Impact')])).toBe(true);
    expect(children('Dependency').some((d) => d.links.length > 0)).toBe(true);
    const crStatuses = new Set(
      children('Change Request').map((c) => state.statuses.find((s) => s.id === c.statusId)!.name),
    );
    expect(crStatuses).toEqual(new Set(['Approved', 'Done', 'Rejected', 'In Review']));
    const gateTypes = new Set(
      children('Gate').map((g) => (g.custom[fieldId('Gate Type')] as { value: string }).value),
    );
    expect(gateTypes.size).toBe(6);
    expect(
      children('Gate').some((g) => g.histories.some((h) => h.items.some((it) => it.toString === 'Rejected'))),
    ).toBe(true);
    for (const label of ['uat', 'deliverable', 'integration', 'migration', 'escalation']) {
      expect({ label, found: state.issues.some((i) => i.labels.includes(label)) }).toEqual({
        label,
        found: true,
      });
    }
    expect(
      state.issues
        .filter((i) => i.labels.includes('integration'))
        .every(
          (i) =>
            i.custom[fieldId('Integration Runs')] === undefined ||
            typeof i.custom[fieldId('Failed Runs')] === 'number',
        ),
    ).toBe(true);
    expect(
      state.issues.some(
        (i) => i.labels.includes('migration') && typeof i.custom[fieldId('Records Reconciled')] === 'number',
      ),
    ).toBe(true);
    expect(state.issues.some((i) => i.timeoriginalestimate !== null && i.timespent !== null)).toBe(true);
  });

  it('has implementations put on hold and resumed, stakeholder confidence, and improvement work', () => {
    const epics = state.issues.filter((i) => i.labels.includes('implementation'));
    const spells = (e: SiteIssue) =>
      e.histories.filter((h) => h.items.some((it) => it.field === 'status' && it.toString === 'On Hold'));
    const held = epics.filter((e) => spells(e).length > 0);
    expect(held.length).toBeGreaterThanOrEqual(5);
    expect(held.some((e) => spells(e).length >= 2)).toBe(true);
    const liveHeld = held.filter((e) =>
      ['live', 'hypercare', 'done'].includes(portfolio.implementations.find((i) => i.key === e.key)!.stage),
    );
    expect(liveHeld.length).toBeGreaterThanOrEqual(2);
    // every spell ends by going back to where the implementation was
    for (const e of liveHeld) {
      const changes = e.histories.flatMap((h) => h.items.filter((it) => it.field === 'status'));
      changes.forEach((it, n) => {
        if (it.toString === 'On Hold') expect(changes[n + 1]?.toString).toBe(it.fromString);
      });
    }
    const confidence = epics.filter((e) => typeof e.custom[fieldId('Stakeholder Confidence')] === 'number');
    expect(confidence.length).toBeGreaterThanOrEqual(15);
    for (const e of confidence) {
      const c = e.custom[fieldId('Stakeholder Confidence')] as number;
      expect(c >= 1 && c <= 5).toBe(true);
    }
    const improvements = state.issues.filter((i) => i.labels.includes('improvement'));
    expect(improvements.length).toBeGreaterThanOrEqual(9);
    expect(improvements.every((i) => i.parentId === null)).toBe(true);
    const recent = improvements.filter(
      (i) => i.resolutiondate !== null && asOfNoon - parseJiraTimestamp(i.resolutiondate) < 91 * 86_400_000,
    );
    expect(recent.length).toBeGreaterThanOrEqual(1);
    expect(improvements.some((i) => i.resolutiondate === null)).toBe(true);
  });

  it('has defects after go-live: implementation-caused ones and P1/P2 in the first 30 days', () => {
    const live = portfolio.implementations.filter((i) => ['live', 'hypercare', 'done'].includes(i.stage));
    const found = { caused: 0, p1: 0, p2: 0 };
    for (const impl of live) {
      const epic = state.issues.find((i) => i.key === impl.key)!;
      const start = Date.parse(impl.goLive);
      for (const d of state.issues.filter(
        (i) => i.parentId === epic.id && ['Bug', 'Defect', 'Incident'].includes(typeName.get(i.issueTypeId)!),
      )) {
        const days = (parseJiraTimestamp(d.created) - start) / 86_400_000;
        if (days < -1 || days >= 30) continue;
        if (d.labels.includes('implementation-caused')) found.caused++;
        if (d.priorityId === '1') found.p1++;
        if (d.priorityId === '2') found.p2++;
      }
    }
    expect(found.caused).toBeGreaterThan(0);
    expect(found.p1).toBeGreaterThan(0);
    expect(found.p2).toBeGreaterThan(0);
  });

  it('has reopened work (resolution from a value to empty) and lifecycle dates that are still plans', () => {
    expect(
      state.issues.some((i) =>
        i.histories.some((h) =>
          h.items.some((it) => it.field === 'resolution' && it.from !== null && it.to === null),
        ),
      ),
    ).toBe(true);
    const goLive = fieldId('Go-Live Date');
    const planned = portfolio.implementations
      .filter((i) => i.stage === 'in-flight')
      .map((i) => state.issues.find((x) => x.key === i.key)!.custom[goLive] as string | undefined);
    expect(planned.some((d) => d !== undefined && d > '2026-11-23')).toBe(true);
  });

  it('has histories over more than a year before asOf, and none after the snapshot', () => {
    let earliest = Infinity;
    for (const issue of state.issues) {
      const created = parseJiraTimestamp(issue.created);
      earliest = Math.min(earliest, created);
      let previous = created;
      for (const history of issue.histories) {
        const at = parseJiraTimestamp(history.created);
        expect(at >= previous && at <= asOfNoon).toBe(true);
        previous = at;
      }
      expect(parseJiraTimestamp(issue.updated)).toBe(previous);
    }
    expect(asOfNoon - earliest).toBeGreaterThan(400 * 86_400_000);
  });

  it('agrees with its own changelogs: replaying the last change of each field gives the current value', () => {
    const dateFields = ['Go-Live Date', 'Kickoff Date', 'Contract Signed', 'First Value Date'].map(fieldId);
    const check = (issue: SiteIssue) => {
      const last: Record<string, string | null> = {};
      for (const h of issue.histories) for (const it of h.items) last[it.fieldId ?? it.field] = it.to;
      const problems: string[] = [];
      if ('status' in last && last.status !== issue.statusId) problems.push('status');
      if ('resolution' in last && last.resolution !== issue.resolutionId) problems.push('resolution');
      if ('duedate' in last && last.duedate !== issue.duedate) problems.push('duedate');
      if ('assignee' in last && last.assignee !== issue.assigneeId) problems.push('assignee');
      for (const id of dateFields)
        if (id in last && last[id] !== (issue.custom[id] ?? null)) problems.push(id);
      if (issue.resolutionId === null && issue.resolutiondate !== null) problems.push('resolutiondate');
      if (issue.resolutionId !== null && issue.resolutiondate === null) problems.push('resolutiondate');
      return problems;
    };
    const inconsistent = state.issues.map((i) => [i.key, check(i)] as const).filter(([, p]) => p.length > 0);
    expect(inconsistent).toEqual([]);
  });

  it('makes some changelogs longer than the 40 Jira embeds in a search', () => {
    expect(state.issues.filter((i) => i.histories.length > 40).length).toBeGreaterThan(3);
  });

  it('exports the three sign-in users with stable account ids and tokens', () => {
    expect(DEMO_USERS.admin.accountId).toBe('6130a1e5c0ffee0001000001');
    for (const user of Object.values(DEMO_USERS)) expect(state.apiTokens[user.token]).toBe(user.accountId);
    expect(portfolio.restrictedProject).toBe('ENT');
  });
});

describe('determinism', () => {
  it('gives identical JSON for the same seed, and different data for another seed', () => {
    const again = generatePortfolio();
    expect(JSON.stringify(again.state)).toBe(JSON.stringify(state));
    expect(JSON.stringify(again.searchExport())).toBe(JSON.stringify(portfolio.searchExport()));
    const other = generatePortfolio({ seed: 2 });
    expect(JSON.stringify(other.state)).not.toBe(JSON.stringify(state));
  });

  it('depends on asOf only through the arguments', () => {
    const earlier = generatePortfolio({ asOf: '2026-06-30', implementations: 5 });
    const latest = Math.max(
      ...earlier.state.issues.flatMap((i) => [
        parseJiraTimestamp(i.created),
        ...i.histories.map((h) => parseJiraTimestamp(h.created)),
      ]),
    );
    expect(latest).toBeLessThanOrEqual(Date.UTC(2026, 5, 30, 12));
  });

  it('refuses bad options with a clear message', () => {
    expect(() => generatePortfolio({ asOf: '2026-13-01' })).toThrow(
      "asOf must be a date written YYYY-MM-DD, got '2026-13-01'",
    );
    expect(() => generatePortfolio({ implementations: -1 })).toThrow(
      'implementations must be a whole number ≥ 0, got -1',
    );
    expect(() => generatePortfolio({ projects: ['imp'] })).toThrow(/Invalid project key 'imp'/);
  });
});

describe('the search export', () => {
  const pages = portfolio.searchExport();

  it('is the pages the site’s own search gives, with complete changelogs', async () => {
    const handler = createSiteHandler(state);
    const jql = 'project in (IMP, ONB, ENT) ORDER BY key ASC';
    const fields = Object.keys(pages[0].names);
    let token: string | undefined;
    for (const page of pages) {
      const reply = await handler.handle({
        method: 'POST',
        path: '/rest/api/3/search/jql',
        accountId: DEMO_USERS.admin.accountId,
        body: JSON.stringify({
          jql,
          fields,
          expand: 'names,changelog',
          maxResults: 100,
          nextPageToken: token,
        }),
      });
      const live = JSON.parse(reply.body) as typeof page;
      expect(live.nextPageToken).toBe(page.nextPageToken);
      expect(live.names).toEqual(page.names);
      expect(live.issues.map((i) => i.key)).toEqual(page.issues.map((i) => i.key));
      for (const [i, issue] of page.issues.entries()) {
        const changelog = issue.changelog as { total: number; histories: unknown[] };
        expect(changelog.histories).toHaveLength(changelog.total);
        if (changelog.total <= 40) expect(live.issues[i]).toEqual(issue);
      }
      token = page.nextPageToken;
    }
    expect(pages.reduce((n, p) => n + p.issues.length, 0)).toBe(state.issues.length);
  });

  it('shows a viewer’s export without the project they cannot browse', () => {
    const viewerPages = searchExport(state, {
      accountId: DEMO_USERS.viewer.accountId,
      jql: 'project in (IMP, ONB) ORDER BY key',
    });
    const keys = viewerPages.flatMap((p) => p.issues.map((i) => String(i.key)));
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.some((k) => k.startsWith('ENT-'))).toBe(false);
  });

  it('has the shapes of shared/spec/examples/portfolio-small.json for every field the example uses', () => {
    const example = JSON.parse(
      fs.readFileSync(
        path.resolve(__dirname, '../../../../shared/spec/examples/portfolio-small.json'),
        'utf8',
      ),
    ) as {
      issues: Array<{ fields: Record<string, unknown> }>;
      names: Record<string, string>;
    };
    const shape = (v: unknown): string =>
      v === null
        ? 'null'
        : Array.isArray(v)
          ? 'array'
          : typeof v === 'object'
            ? `object:${['value', 'key', 'name', 'accountId', 'statusCategory'].filter((k) => k in (v as object)).join(',')}`
            : typeof v;
    const byName = (names: Record<string, string>) =>
      Object.fromEntries(Object.entries(names).map(([id, name]) => [name, id]));
    const exampleIds = byName(example.names);
    const ourIds = byName(pages[0].names);
    const ours = pages.flatMap((p) => p.issues.map((i) => i.fields as Record<string, unknown>));
    for (const name of Object.keys(exampleIds)) {
      const exampleShapes = new Set(
        example.issues
          .map((i) => i.fields[exampleIds[name]])
          .filter((v) => v !== undefined && v !== null)
          .map(shape),
      );
      const ourShapes = new Set(
        ours
          .map((f) => f[ourIds[name]])
          .filter((v) => v !== undefined && v !== null)
          .map(shape),
      );
      expect({
        name,
        shapes: [...ourShapes].filter((s) => !exampleShapes.has(s) && !s.startsWith('number')),
      }).toEqual({ name, shapes: [] });
    }
  });
});

describe('at scale', () => {
  it('builds a 10,000-issue site (200 implementations) in well under the time a test allows', () => {
    const started = performance.now();
    const big = generatePortfolio({ implementations: 200 });
    const generated = performance.now();
    const exported = big.searchExport();
    const done = performance.now();
    console.log(
      `demo portfolio: ${big.stats.implementations} implementations, ${big.stats.issues} issues, ${big.stats.histories} histories, ` +
        `${big.stats.changeItems} change items in ${Math.round(generated - started)} ms; export of ${exported.length} pages in ${Math.round(done - generated)} ms`,
    );
    expect(big.stats.issues).toBeGreaterThan(9000);
    expect(big.stats.issues).toBeLessThan(11000);
    expect(big.stats.changeItems / big.stats.issues).toBeGreaterThan(8);
  });
});
