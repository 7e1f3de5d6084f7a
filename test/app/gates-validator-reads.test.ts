// Issue 10 item 6: the workflow validator reads only what the required gates' criteria need, not a
// full changelog export per transition. Two halves: what it reads gives exactly the gate results a
// full export gives (every demo implementation, every gate alone, every KPI as a criterion); and,
// counted on the local site, the requests of a transition — no changelog when no criterion reads
// history, changelogs only for the issues that need them, never the whole project.
import { loadForPlan } from '../../src/app/gates/plan-read';
import { loadImplementation, gateDeps } from '../../src/app/gates/report';
import { decideTransition } from '../../src/app/gates/validator';
import {
  KPI_IDS,
  defaultConfig,
  evaluateGates,
  gateReadPlan,
  parseConfig,
  type GateResult,
  type RunwayConfig,
} from '../../src/domain';
import { DEFAULT_AS_OF, generatePortfolio } from '../../src/local/demo/generate';
import type { SiteState } from '../../src/local/site/model';
import { writeConfig } from '../../src/storage';
import { inMemoryApp, type InMemoryApp } from './support/ports';

const NOW = new Date(`${DEFAULT_AS_OF}T12:00:00.000Z`);

function configOf(input: unknown): RunwayConfig {
  const parsed = parseConfig(input);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

/** The default gates, plus one gate per KPI (threshold ≥ 0, so the detail carries the value). */
const EVERY_KPI = configOf({
  gates: [
    ...defaultConfig().gates,
    ...KPI_IDS.map((kpi, i) => ({
      id: `kpi${i}`,
      name: `KPI ${kpi}`,
      criteria: [{ kind: 'kpiAtTarget', kpi, threshold: { op: '>=', value: 0 } }],
    })),
  ],
});

const shown = (gates: readonly GateResult[]) =>
  gates.map((g) => ({
    id: g.id,
    status: g.status,
    criteria: g.criteria.map((c) => [c.id, c.status, c.detail, c.failing, c.issues]),
  }));

describe('the validator reads only what the required gates need', () => {
  let app: InMemoryApp;
  let state: SiteState;
  let keys: string[];

  beforeAll(async () => {
    const portfolio = generatePortfolio({ seed: 1 });
    state = portfolio.state;
    keys = portfolio.implementations.map((i) => i.key);
    app = await inMemoryApp(state, NOW);
  });
  afterAll(() => app.close());

  it('evaluates every gate, alone or all together, as a full export does, on every demo implementation', async () => {
    const deps = await gateDeps(app.portsAs('app'));
    const config = EVERY_KPI;
    const plans = [...config.gates.map((g) => [g.id]), config.gates.map((g) => g.id)];
    let compared = 0;
    for (const key of keys) {
      const full = await loadImplementation({ ...deps, config }, key, DEFAULT_AS_OF);
      if (!full) throw new Error(`${key} is not an implementation`);
      for (const required of plans) {
        const plan = gateReadPlan(required, config);
        const narrow = await loadForPlan(deps.jira, config, key, DEFAULT_AS_OF, plan);
        if (!narrow) throw new Error(`${key} is not an implementation when read for ${required.join()}`);
        const only = { ...config, gates: config.gates.filter((g) => plan.gates.includes(g.id)) };
        const evaluate = (loaded: typeof full) =>
          evaluateGates({
            implementation: loaded.implementation,
            kpis: loaded.kpis,
            config: only,
            asOf: DEFAULT_AS_OF,
            audit: [],
            remoteLinks: loaded.remoteLinks,
          });
        expect({ key, required, gates: shown(evaluate(narrow)) }).toEqual({
          key,
          required,
          gates: shown(evaluate(full)),
        });
        compared += plan.gates.length;
      }
    }
    expect(compared).toBeGreaterThan(keys.length * config.gates.length);
  }, 120_000);

  describe('counted on the local site', () => {
    const key = () => {
      const impl = state.issues.find((i) => i.key === keys.find((k) => k.startsWith('IMP-')));
      if (!impl) throw new Error('no implementation in IMP');
      return impl.key;
    };
    /** The requests one transition into `to` sends, with the bodies of searches and bulkfetches. */
    async function transition(config: RunwayConfig, to: string) {
      await writeConfig(app.store, config);
      const ports = app.portsAs('app');
      const sent: Array<{ method: string; path: string; body: Record<string, unknown> | null }> = [];
      const jiraFetch: typeof ports.jiraFetch = (path, init = {}) => {
        sent.push({
          method: init.method ?? 'GET',
          path,
          body: init.body ? (JSON.parse(init.body) as Record<string, unknown>) : null,
        });
        return ports.jiraFetch(path, init);
      };
      const verdict = await decideTransition(
        { ...ports, jiraFetch },
        { issue: { key: key() }, transition: { to: { id: '10015', name: to } } },
      );
      return { verdict, sent, calls: sent.map((r) => `${r.method} ${r.path.split('?')[0]}`) };
    }

    it('reads no changelog when no required criterion reads history, and only the implementation and its children', async () => {
      const config = configOf({ enforcement: [{ status: 'Design done', requiredGates: ['designSignOff'] }] });
      const { verdict, sent, calls } = await transition(config, 'Design done');
      expect(verdict.result).toBe(false);
      expect(calls).toEqual(['GET /rest/api/3/field', 'POST /rest/api/3/search/jql']);
      const search = sent[1].body ?? {};
      expect(search.jql).toBe(`key = ${key()} OR parent = ${key()} ORDER BY key ASC`);
      expect(search.expand).toBe('names');
      expect(search.fields).not.toContain('*all');
      expect((search.fields as string[]).length).toBeLessThan(12);
    });

    it('fetches changelogs only for the issues a history criterion reads, and only their fields (default Live)', async () => {
      const { verdict, sent, calls } = await transition(defaultConfig(), 'Live');
      expect(verdict.result).toBe(false);
      expect(calls).toEqual([
        'GET /rest/api/3/field',
        'POST /rest/api/3/search/jql',
        'POST /rest/api/3/changelog/bulkfetch',
      ]);
      expect(sent[1].body?.expand).toBe('names');
      const bulk = sent[2].body ?? {};
      expect(bulk.fieldIds).toEqual(['status', 'resolution']);
      // Go-Live Readiness reads the UAT first-pass rate: the history of UAT items, nothing else.
      const implementation = key();
      const parent = state.issues.find((i) => i.key === implementation);
      const uat = state.issues.filter(
        (i) => i.parentId === parent?.id && i.labels.some((l) => l.toLowerCase() === 'uat'),
      );
      const children = state.issues.filter((i) => i.parentId === parent?.id);
      expect([...(bulk.issueIdsOrKeys as string[])].sort()).toEqual(uat.map((i) => i.id).sort());
      expect(uat.length).toBeLessThan(children.length);
    });

    it('reads the remote links and no issue at all beyond the implementation for a handover-only gate', async () => {
      const config = configOf({
        gates: defaultConfig().gates.map((g) =>
          g.id === 'handover' ? { ...g, criteria: [{ kind: 'handoverPacketLinked' }] } : g,
        ),
        enforcement: [{ status: 'Handed over', requiredGates: ['handover'] }],
      });
      const { sent, calls } = await transition(config, 'Handed over');
      expect(calls).toEqual([
        'GET /rest/api/3/field',
        'POST /rest/api/3/search/jql',
        `GET /rest/api/3/issue/${key()}/remotelink`,
      ]);
      expect(sent[1].body?.jql).toBe(`key = ${key()}`);
    });
  });
});
