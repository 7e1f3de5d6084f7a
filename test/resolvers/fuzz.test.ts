// Every resolver key of every surface, fed arbitrary payloads and arbitrary mutations of a valid
// one (a field dropped, a field set to any JSON value, an unknown field added), as any of the three
// users, through the host's invoke path (what a Custom UI's `invoke` reaches on Forge). Whatever
// arrives, the answer is `{ ok: false, error }` with words naming what was wrong, or `{ ok: true,
// data }` with the data in the contract's shape: never a rejected call, never a stack trace or a
// bare "undefined" in the message.
import fc from 'fast-check';
import type { z } from 'zod';
import { HANDOVER_KEYS } from '../../src/contracts/handover';
import {
  IMPLEMENTATIONS_KEYS,
  ImplementationsView,
  StartOptions,
  StartOutcome,
  StartPreview,
} from '../../src/contracts/implementations';
import {
  CheckedGadgetConfig,
  GadgetProjects,
  KPI_GADGET_KEYS,
  PortfolioKpis,
} from '../../src/contracts/kpi-gadget';
import {
  DocumentAnswer,
  ImplementationOptions,
  PLAYBOOK_KEYS,
  Published,
  TemplateList,
  TemplateSummary,
} from '../../src/contracts/playbook';
import { Owners, RAID_LOG_KEYS, RaidItem, RaidLogView, RaidTransitions } from '../../src/contracts/raid-log';
import {
  ProvisioningProgress,
  SaveSettingsData,
  SETTINGS_KEYS,
  SettingsView,
} from '../../src/contracts/settings';
import { GateActionResult, GatesPanel, STAGE_GATES_KEYS } from '../../src/contracts/stage-gates';
import { DEFAULT_AS_OF, generatePortfolio, type Portfolio } from '../../src/local/demo/generate';
import { HOST_USERS } from '../../src/local/host/app';
import { LocalForge } from '../../src/local/host/forge';
import type { FrameContext } from '../../src/local/host/frames';
import { createSiteHandler } from '../../src/local/site/handler';

type Payload = Record<string, unknown>;

interface SurfaceUnderTest {
  moduleKey: string;
  context: () => FrameContext;
  /** Every key the surface's resolver defines, with a payload it accepts. */
  valid: () => Record<string, Payload>;
}

/** Runs per key; the whole file stays well under a minute. */
const RUNS = 30;

let forge: LocalForge;
let portfolio: Portfolio;

const epic = () => {
  const key = portfolio.implementations.find((i) => i.project === 'IMP')?.key ?? 'IMP-1';
  const issue = portfolio.state.issues.find((i) => i.key === key);
  if (!issue) throw new Error(`no issue ${key}`);
  return issue;
};
/** A RAID item of the implementation (a child of the epic of a RAID issue type). */
const raidItem = () => {
  const raidTypes = new Set(
    portfolio.state.issueTypes
      .filter((t) => ['Risk', 'Assumption', 'Issue', 'Dependency'].includes(t.name))
      .map((t) => t.id),
  );
  const item = portfolio.state.issues.find((i) => i.parentId === epic().id && raidTypes.has(i.issueTypeId));
  return item?.key ?? epic().key;
};
const issueContext = (): FrameContext => {
  const issue = epic();
  return { issue: { id: issue.id, key: issue.key, type: 'Epic', typeId: issue.issueTypeId } };
};
const pageContext = (): FrameContext => {
  const page = portfolio.state.confluence.pages[0];
  const space = portfolio.state.confluence.spaces.find((s) => s.id === page?.spaceId);
  if (!page || !space) return {};
  return { content: { id: page.id, type: 'page' }, space: { id: space.id, key: space.key } };
};
const projectContext = (): FrameContext => {
  const project = portfolio.state.projects.find((p) => p.key === 'IMP');
  return { project: { id: project?.id ?? '', key: 'IMP', type: 'software' } };
};
const startRequest = {
  templateId: 'implementation-plan',
  summary: 'Fuzzed Co: rollout',
  tier: 'Standard',
  segment: 'SMB',
  kickoff: '2026-07-06',
  contractSigned: null,
};

const SURFACES: SurfaceUnderTest[] = [
  {
    moduleKey: 'runway-stage-gates',
    context: issueContext,
    valid: () => ({
      [STAGE_GATES_KEYS.getGates]: { asOf: DEFAULT_AS_OF },
      [STAGE_GATES_KEYS.signGate]: { gateId: 'designSignOff', decision: 'reject', comment: 'Not yet' },
      [STAGE_GATES_KEYS.overrideGate]: { gateId: 'designSignOff', reason: 'The sponsor accepted the risk' },
      [STAGE_GATES_KEYS.addEvidence]: {
        gateId: 'designSignOff',
        evidence: { type: 'url', url: 'https://example.com/design', title: 'Design' },
      },
      [STAGE_GATES_KEYS.removeEvidence]: {
        gateId: 'designSignOff',
        evidenceId: 'ev-1',
        comment: 'Wrong file',
      },
    }),
  },
  {
    moduleKey: 'runway-raid-log',
    context: issueContext,
    valid: () => ({
      [RAID_LOG_KEYS.getRaidLog]: {},
      [RAID_LOG_KEYS.createRaidItem]: { kind: 'risk', summary: 'Data migration slips', probability: 3 },
      [RAID_LOG_KEYS.updateRaidItem]: { key: raidItem(), field: 'probability', value: 2 },
      [RAID_LOG_KEYS.getRaidTransitions]: { key: epic().key },
      [RAID_LOG_KEYS.searchOwners]: { query: 'a' },
    }),
  },
  {
    moduleKey: 'runway-portfolio-kpis',
    context: () => ({}),
    valid: () => ({
      [KPI_GADGET_KEYS.getPortfolioKpis]: { projects: ['IMP'] },
      [KPI_GADGET_KEYS.checkGadgetConfig]: { jql: 'project = IMP' },
      [KPI_GADGET_KEYS.listProjects]: {},
    }),
  },
  {
    moduleKey: 'runway-implementations',
    context: projectContext,
    valid: () => ({
      [IMPLEMENTATIONS_KEYS.getImplementations]: {},
      [IMPLEMENTATIONS_KEYS.getStartOptions]: {},
      [IMPLEMENTATIONS_KEYS.previewStart]: startRequest,
      [IMPLEMENTATIONS_KEYS.startImplementation]: { ...startRequest, requestId: 'fuzz-request-0001' },
    }),
  },
  {
    moduleKey: 'runway-settings',
    context: () => ({}),
    valid: () => ({
      [SETTINGS_KEYS.getSettings]: {},
      [SETTINGS_KEYS.saveSettings]: { settings: {} },
      [SETTINGS_KEYS.provision]: {},
      [SETTINGS_KEYS.getProvisioning]: {},
    }),
  },
  {
    moduleKey: 'runway-playbook',
    context: pageContext,
    valid: () => ({
      [PLAYBOOK_KEYS.listTemplates]: {},
      [PLAYBOOK_KEYS.searchImplementations]: { query: '' },
      [PLAYBOOK_KEYS.getDocument]: { templateId: 'implementation-plan', implementationKey: epic().key },
      [PLAYBOOK_KEYS.publish]: { templateId: 'implementation-plan', implementationKey: epic().key },
      [PLAYBOOK_KEYS.saveTemplate]: {
        template: {
          id: 'fuzz-review',
          title: 'Fuzz review',
          description: 'A team template.',
          sections: [
            {
              id: 'risks',
              title: 'Risks',
              blocks: [{ type: 'items', select: { roles: ['integration'] }, columns: ['key', 'summary'] }],
            },
          ],
        },
      },
    }),
  },
  {
    moduleKey: 'runway-handover',
    context: pageContext,
    valid: () => ({
      [HANDOVER_KEYS.searchImplementations]: { query: '' },
      [HANDOVER_KEYS.getDocument]: { implementationKey: epic().key },
      [HANDOVER_KEYS.publish]: { implementationKey: epic().key },
    }),
  },
];

/** The contract's shape of each key's data (`module.key`): an `ok: true` answer must have it. */
const ANSWERS: Record<string, z.ZodType> = {
  'runway-stage-gates.getGates': GatesPanel,
  'runway-stage-gates.signGate': GateActionResult,
  'runway-stage-gates.overrideGate': GateActionResult,
  'runway-stage-gates.addEvidence': GateActionResult,
  'runway-stage-gates.removeEvidence': GateActionResult,
  'runway-raid-log.getRaidLog': RaidLogView,
  'runway-raid-log.createRaidItem': RaidItem,
  'runway-raid-log.updateRaidItem': RaidItem,
  'runway-raid-log.getRaidTransitions': RaidTransitions,
  'runway-raid-log.searchOwners': Owners,
  'runway-portfolio-kpis.getPortfolioKpis': PortfolioKpis,
  'runway-portfolio-kpis.checkGadgetConfig': CheckedGadgetConfig,
  'runway-portfolio-kpis.listProjects': GadgetProjects,
  'runway-implementations.getImplementations': ImplementationsView,
  'runway-implementations.getStartOptions': StartOptions,
  'runway-implementations.previewStart': StartPreview,
  'runway-implementations.startImplementation': StartOutcome,
  'runway-settings.getSettings': SettingsView,
  'runway-settings.saveSettings': SaveSettingsData,
  'runway-settings.provision': ProvisioningProgress,
  'runway-settings.getProvisioning': ProvisioningProgress.nullable(),
  'runway-playbook.listTemplates': TemplateList,
  'runway-playbook.searchImplementations': ImplementationOptions,
  'runway-playbook.getDocument': DocumentAnswer,
  'runway-playbook.publish': Published,
  'runway-playbook.saveTemplate': TemplateSummary,
  'runway-handover.searchImplementations': ImplementationOptions,
  'runway-handover.getDocument': DocumentAnswer,
  'runway-handover.publish': Published,
};

/** What a Custom UI can send: JSON (the bridge serialises the payload). */
const json = fc.jsonValue({ maxDepth: 3 });

/** The valid payload with one thing wrong, or anything at all. */
function payloads(valid: Payload): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  const variants: Array<fc.Arbitrary<unknown>> = [
    fc.constant(valid),
    json,
    fc.string({ maxLength: 20 }).chain((k) => json.map((v) => ({ ...valid, [k]: v }))),
  ];
  if (keys.length > 0) {
    const key = fc.constantFrom(...keys);
    variants.push(
      key.map((k) => Object.fromEntries(Object.entries(valid).filter(([x]) => x !== k))),
      fc.tuple(key, json).map(([k, v]) => ({ ...valid, [k]: v })),
    );
  }
  return fc.oneof(...variants);
}

const STACK_TRACE = /\n\s+at |\bat [^\s]+ \(.*:\d+:\d+\)|node_modules|\/src\/.*\.ts/;
const BARE = /^(undefined|null|\[object Object\]|Error)?$/;

/** Null when the answer is one a view can show, else what is wrong with it. */
function problemOf(answer: unknown, shape: z.ZodType): string | null {
  if (typeof answer !== 'object' || answer === null) return `not an object: ${String(answer)}`;
  const a = answer as Record<string, unknown>;
  if (a.ok === true) {
    const data = shape.safeParse(a.data);
    return data.success
      ? null
      : `ok, but the data is not the contract's: ${data.error.message.slice(0, 300)}`;
  }
  if (a.ok !== false) return `no ok flag: ${JSON.stringify(answer).slice(0, 200)}`;
  if (typeof a.error !== 'string') return `error is not a string: ${JSON.stringify(a.error)}`;
  if (BARE.test(a.error.trim()) || a.error.includes('[object Object]'))
    return `error says nothing: "${a.error}"`;
  if (STACK_TRACE.test(a.error)) return `error carries a stack trace: ${a.error}`;
  return null;
}

describe('every resolver key, fed arbitrary and mutated payloads', () => {
  beforeAll(async () => {
    portfolio = generatePortfolio({ seed: 1 });
    forge = await LocalForge.create({ site: createSiteHandler(portfolio.state), users: HOST_USERS });
  });
  afterAll(async () => {
    await forge.queueIdle();
    forge.close();
  });

  for (const surface of SURFACES) {
    it(`${surface.moduleKey}: answers { ok: false, error naming what was wrong } or { ok: true, data in the contract’s shape }, never a throw`, async () => {
      for (const [functionKey, valid] of Object.entries(surface.valid())) {
        const shape = ANSWERS[`${surface.moduleKey}.${functionKey}`];
        if (shape === undefined) throw new Error(`no answer shape for ${surface.moduleKey}.${functionKey}`);
        await fc.assert(
          fc.asyncProperty(
            payloads(valid),
            fc.constantFrom('admin', 'consultant', 'viewer'),
            async (payload, as) => {
              let answer: unknown;
              try {
                answer = await forge.invoke({
                  moduleKey: surface.moduleKey,
                  functionKey,
                  payload,
                  as,
                  context: surface.context(),
                });
              } catch (e) {
                throw new Error(
                  `${functionKey} threw for ${JSON.stringify(payload)}: ${e instanceof Error ? e.message : String(e)}`,
                  { cause: e },
                );
              }
              const problem = problemOf(answer, shape);
              if (problem !== null)
                throw new Error(`${functionKey} as ${as} with ${JSON.stringify(payload)}: ${problem}`);
            },
          ),
          { numRuns: RUNS, seed: 12 },
        );
      }
    }, 60_000);
  }
});
