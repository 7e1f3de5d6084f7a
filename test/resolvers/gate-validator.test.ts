// Gate enforcement: the workflow validator function, called as Jira calls it (an event, no user),
// reading the demo site as the app and the audit record from app storage.
import { STAGE_GATES_KEYS, type GateActionAnswer } from '../../src/contracts/stage-gates';
import { HOST_USERS } from '../../src/local/host/app';
import { LocalForge } from '../../src/local/host/forge';
import { siteFetchAsApp } from '../../src/local/host/site-as-app';
import { DEFAULT_AS_OF, generatePortfolio } from '../../src/local/demo/generate';
import { createSiteHandler } from '../../src/local/site/handler';
import type { SiteState } from '../../src/local/site/model';
import {
  gateValidator,
  validateTransition,
  type GateValidatorResult,
} from '../../src/resolvers/gate-validator';
import { typedStore } from '../../src/storage';

const LIVE = '10015';
const BUILD = '10012';

describe('gate enforcement (workflow validator)', () => {
  let forge: LocalForge;
  let state: SiteState;
  let key: string;
  const io = () => ({
    jiraFetch: siteFetchAsApp(forge.site),
    confluenceFetch: siteFetchAsApp(forge.site),
    store: typedStore(),
    now: () => new Date(`${DEFAULT_AS_OF}T12:00:00Z`),
  });
  const validate = (event: unknown) => validateTransition(event, io());
  const moveTo = (statusId: string, k = key) =>
    validate({ issue: { key: k }, transition: { from: { id: BUILD }, to: { id: statusId } } });

  beforeAll(async () => {
    const portfolio = generatePortfolio({ seed: 1 });
    state = portfolio.state;
    const impl = portfolio.implementations.find((i) => i.stage === 'in-flight' && i.project === 'ONB');
    if (!impl) throw new Error('the demo has no in-flight implementation in ONB');
    key = impl.key;
    forge = await LocalForge.create({ site: createSiteHandler(state), users: HOST_USERS });
  });
  afterAll(() => forge.close());

  it('refuses a move to Live while required gates have not passed, naming each gate and its failing criteria', async () => {
    const verdict = await moveTo(LIVE);
    expect(verdict.result).toBe(false);
    const message = (verdict as Extract<GateValidatorResult, { result: false }>).errorMessage;
    expect(message).toMatch(
      new RegExp(`^${key} cannot move to Live: Design Sign-off has not passed — awaiting 1 approval\\. `),
    );
    expect(message).toContain('Go-Live Readiness has not passed — ');
    expect(message).toContain('Every UAT item done: ');
    expect(message).not.toContain('Handover has not passed');
  });

  it('lets every other move through', async () => {
    expect(await moveTo(BUILD)).toEqual({ result: true });
    const task = state.issues.find((i) => i.parentId === state.issues.find((x) => x.key === key)?.id);
    expect(await moveTo(LIVE, task?.key)).toEqual({ result: true });
  });

  it('allows the move once every required gate has passed (here: signed and overridden in the panel)', async () => {
    const issue = state.issues.find((i) => i.key === key);
    const context = { issue: { id: issue?.id ?? '', key, type: 'Epic', typeId: issue?.issueTypeId ?? '' } };
    for (const gateId of ['designSignOff', 'migrationReadiness', 'uatReadiness', 'goLiveReadiness']) {
      const signed = (await forge.invoke({
        moduleKey: 'runway-stage-gates',
        functionKey: STAGE_GATES_KEYS.signGate,
        as: 'admin',
        context,
        payload: { gateId, decision: 'approve', asOf: DEFAULT_AS_OF },
      })) as GateActionAnswer;
      expect(signed.ok).toBe(true);
      const gate = signed.ok ? signed.data.panel.gates.find((g) => g.id === gateId) : undefined;
      if (gate?.status !== 'passed') {
        const over = (await forge.invoke({
          moduleKey: 'runway-stage-gates',
          functionKey: STAGE_GATES_KEYS.overrideGate,
          as: 'admin',
          context,
          payload: { gateId, reason: 'Accepted at the go-live steering meeting', asOf: DEFAULT_AS_OF },
        })) as GateActionAnswer;
        expect(over.ok).toBe(true);
      }
    }
    expect(await moveTo(LIVE)).toEqual({ result: true });
    expect(await validate({ issue: { key }, transition: { to: { id: LIVE, name: 'live' } } })).toEqual({
      result: true,
    });
  });

  it('refuses, saying why, an event it cannot read', async () => {
    const verdict = await validate({ issue: {}, transition: {} });
    expect(verdict).toEqual({
      result: false,
      errorMessage:
        'Runway could not check the stage gates: the transition event is not one it understands (event.issue: needs a key or an id; event.transition.to: Invalid input: expected object, received undefined).',
    });
  });

  it('runs as the handler manifest.yml names, reading Jira as the app through @forge/api', async () => {
    const other = generatePortfolio({ seed: 1 }).implementations.find(
      (i) => i.stage === 'in-flight' && i.project === 'IMP',
    );
    const verdict = await gateValidator({
      issue: { key: other?.key },
      transition: { from: { id: BUILD }, to: { id: LIVE } },
    });
    expect(verdict).toEqual({
      result: false,
      errorMessage: expect.stringContaining(
        `${other?.key} cannot move to Live: Design Sign-off has not passed`,
      ),
    });
    expect(await gateValidator({ issue: { key: other?.key }, transition: { to: { id: BUILD } } })).toEqual({
      result: true,
    });
  });
});
