// Resolver of the RAID log issue panel (jira:issuePanel `runway-raid-log`): parse → read the
// implementation the panel is open on, as the user → score and age it (src/domain/raid) → answer.
// Writes (create, edit in place) go to Jira as the user, after checking their permission, and only
// ever touch RAID items of this implementation.
import Resolver from '@forge/resolver';
import {
  CreateRaidItemPayload,
  GetRaidLogPayload,
  GetRaidTransitionsPayload,
  RAID_LOG_KEYS,
  SearchOwnersPayload,
  UpdateRaidItemPayload,
  type CreateRaidItemPayload as CreatePayload,
  type Owners,
  type RaidItem,
  type RaidLogView,
  type RaidTransition,
  type UpdateRaidItemPayload as UpdatePayload,
} from '../contracts/raid-log';
import { invalidRequest, type ResolverResult } from '../contracts/result';
import { resolveFieldIds, type IsoDate, type RunwayConfig } from '../domain';
import {
  buildRaidLog,
  RAID_KINDS,
  raidIssueTypeIds,
  SCALE_MAX,
  scoreBand,
  type RaidItem as DomainRaidItem,
  type RaidKind,
} from '../domain/raid';
import type { JiraClient, JiraField } from '../jira';
import { readConfig, typedStore } from '../storage';
import { jiraAsUser } from '../app/forge';
import { todayUtc } from '../app/ports';
import { issueKeyOf, jiraWords } from './common';
import { readImplementation, type ReadScope } from '../app/implementation';

export interface RaidDeps {
  jira: JiraClient;
  config: RunwayConfig;
  today: IsoDate;
}

function toContract(item: DomainRaidItem): RaidItem {
  const { id: _id, resolved: _resolved, ...rest } = item;
  return rest;
}

const SCALE = Array.from({ length: SCALE_MAX }, (_, i) => i + 1);
const HEAT_MAP_BANDS = SCALE.map((p) => SCALE.map((i) => scoreBand(p * i)));

const NO_ISSUE = {
  ok: false,
  error: 'The RAID log needs the issue it is open on (no issue in the Forge context).',
} as const;

function fieldNamesById(fields: readonly JiraField[]): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f.id, f.name]));
}

interface Loaded {
  scope: ReadScope;
  log: ReturnType<typeof buildRaidLog> | null;
  project: string | null;
  ids: ReturnType<typeof resolveFieldIds>['ids'];
}

async function load(key: string, deps: RaidDeps): Promise<Loaded> {
  const scope = await readImplementation(deps.jira, deps.config, key, deps.today);
  const impl = scope.model.implementations.find((i) => i.key === key);
  const { ids } = resolveFieldIds(scope.names, deps.config);
  return { scope, log: impl ? buildRaidLog(impl, deps.today) : null, project: impl?.project ?? null, ids };
}

/** The issue type to create for each kind, from the site's types. */
async function issueTypeIds(
  jira: JiraClient,
  config: RunwayConfig,
): Promise<Partial<Record<RaidKind, string>>> {
  return raidIssueTypeIds(await jira.getIssueTypes(), config);
}

async function permissions(jira: JiraClient, query: { projectKey?: string; issueKey?: string }) {
  return jira.myPermissions({
    permissions: ['CREATE_ISSUES', 'EDIT_ISSUES', 'TRANSITION_ISSUES', 'ASSIGN_ISSUES'],
    ...query,
  });
}

export async function getRaidLog(
  issueKey: string | null,
  rawPayload: unknown,
  deps: RaidDeps,
): Promise<ResolverResult<RaidLogView>> {
  const parsed = GetRaidLogPayload.safeParse(rawPayload ?? {});
  if (!parsed.success) return invalidRequest(parsed.error);
  if (issueKey === null) return NO_ISSUE;
  try {
    const { log, project, ids } = await load(issueKey, deps);
    if (log === null || project === null) {
      return {
        ok: true,
        data: {
          isImplementation: false,
          implementation: { key: issueKey, summary: '' },
          asOf: deps.today,
          items: [],
          heatMap: [],
          heatMapBands: [],
          counts: { openHighRisks: 0, overdue: 0, open: 0, total: 0 },
          creatableKinds: [],
          canCreate: false,
          canEdit: false,
          canTransition: false,
          canAssign: false,
          hasProbability: false,
          hasImpact: false,
          warnings: [],
        },
      };
    }
    const [types, can] = await Promise.all([
      issueTypeIds(deps.jira, deps.config),
      permissions(deps.jira, { projectKey: project }),
    ]);
    return {
      ok: true,
      data: {
        isImplementation: true,
        implementation: log.implementation,
        asOf: log.asOf,
        items: log.items.map(toContract),
        heatMap: log.heatMap,
        heatMapBands: HEAT_MAP_BANDS,
        counts: {
          openHighRisks: log.counts.openHighRisks,
          overdue: log.counts.overdue,
          open: log.counts.open,
          total: log.counts.total,
        },
        creatableKinds: RAID_KINDS.filter((k) => types[k] !== undefined),
        canCreate: can.CREATE_ISSUES,
        canEdit: can.EDIT_ISSUES,
        canTransition: can.TRANSITION_ISSUES,
        canAssign: can.ASSIGN_ISSUES,
        hasProbability: ids.probability !== null,
        hasImpact: ids.impact !== null,
        warnings: log.warnings.map((w) => `${w.issue}: ${w.message}`),
      },
    };
  } catch (e) {
    return { ok: false, error: jiraWords(e) };
  }
}

/** A 1–5 value as the field takes it: a select option `{ value: "3" }`, a number, or text. */
function scaleValue(field: JiraField | undefined, value: number | null): unknown {
  if (value === null) return null;
  const type = field?.schema?.type;
  if (type === 'option') return { value: String(value) };
  if (type === 'string') return String(value);
  return value;
}

export async function createRaidItem(
  issueKey: string | null,
  rawPayload: unknown,
  deps: RaidDeps,
): Promise<ResolverResult<RaidItem>> {
  const parsed = CreateRaidItemPayload.safeParse(rawPayload);
  if (!parsed.success) return invalidRequest(parsed.error);
  if (issueKey === null) return NO_ISSUE;
  const p: CreatePayload = parsed.data;
  let names: Record<string, string> = {};
  try {
    const { scope, log, project, ids } = await load(issueKey, deps);
    names = fieldNamesById(scope.fields);
    if (log === null || project === null)
      return {
        ok: false,
        error: `${issueKey} is not an implementation you can see, so nothing can be added to its RAID log.`,
      };
    const [types, can] = await Promise.all([
      issueTypeIds(deps.jira, deps.config),
      permissions(deps.jira, { projectKey: project }),
    ]);
    if (!can.CREATE_ISSUES)
      return { ok: false, error: `You do not have permission to create issues in project ${project}.` };
    const typeId = types[p.kind];
    if (typeId === undefined)
      return {
        ok: false,
        error: `This site has no issue type for ${p.kind} (looked for ${deps.config.issueTypes[p.kind].join(', ')}).`,
      };
    const byId = new Map(scope.fields.map((f) => [f.id, f]));
    const fields: Record<string, unknown> = {
      project: { key: project },
      issuetype: { id: typeId },
      parent: { key: issueKey },
      summary: p.summary,
    };
    const setScale = (id: string | null, label: string, value: number | null | undefined) => {
      if (value === undefined || value === null) return null;
      if (id === null) return `This site has no ${label} field`;
      fields[id] = scaleValue(byId.get(id), value);
      return null;
    };
    const missing = [
      setScale(ids.probability, 'Probability', p.probability),
      setScale(ids.impact, 'Impact', p.impact),
    ].filter((m) => m !== null);
    if (missing.length > 0)
      return { ok: false, error: `${missing.join('; ')}: leave it empty or ask an admin to add it.` };
    if (p.ownerAccountId) fields.assignee = { accountId: p.ownerAccountId };
    if (p.dueDate) fields.duedate = p.dueDate;
    const created = await deps.jira.createIssue({ fields });
    const after = await load(issueKey, deps);
    const item = after.log?.items.find((i) => i.key === created.key);
    if (!item)
      return {
        ok: false,
        error: `${created.key} was created, but it does not show under ${issueKey}: reload the panel.`,
      };
    return { ok: true, data: toContract(item) };
  } catch (e) {
    return { ok: false, error: jiraWords(e, names) };
  }
}

export async function updateRaidItem(
  issueKey: string | null,
  rawPayload: unknown,
  deps: RaidDeps,
): Promise<ResolverResult<RaidItem>> {
  const parsed = UpdateRaidItemPayload.safeParse(rawPayload);
  if (!parsed.success) return invalidRequest(parsed.error);
  if (issueKey === null) return NO_ISSUE;
  const p: UpdatePayload = parsed.data;
  let names: Record<string, string> = {};
  try {
    const { scope, log, ids } = await load(issueKey, deps);
    names = fieldNamesById(scope.fields);
    if (log === null || !log.items.some((i) => i.key === p.key)) {
      return { ok: false, error: `${p.key} is not a RAID item of ${issueKey} that you can see.` };
    }
    const can = await permissions(deps.jira, { issueKey: p.key });
    const byId = new Map(scope.fields.map((f) => [f.id, f]));
    switch (p.field) {
      case 'probability':
      case 'impact': {
        const id = ids[p.field];
        if (!can.EDIT_ISSUES) return { ok: false, error: `You do not have permission to edit ${p.key}.` };
        if (id === null)
          return {
            ok: false,
            error: `This site has no ${p.field === 'impact' ? 'Impact' : 'Probability'} field.`,
          };
        await deps.jira.editIssue(p.key, { fields: { [id]: scaleValue(byId.get(id), p.value) } });
        break;
      }
      case 'dueDate':
        if (!can.EDIT_ISSUES) return { ok: false, error: `You do not have permission to edit ${p.key}.` };
        await deps.jira.editIssue(p.key, { fields: { duedate: p.value } });
        break;
      case 'owner':
        if (!can.ASSIGN_ISSUES) return { ok: false, error: `You do not have permission to assign ${p.key}.` };
        await deps.jira.editIssue(p.key, {
          fields: { assignee: p.value === null ? null : { accountId: p.value } },
        });
        break;
      case 'status':
        if (!can.TRANSITION_ISSUES)
          return { ok: false, error: `You do not have permission to transition ${p.key}.` };
        await deps.jira.transitionIssue(p.key, p.value);
        break;
    }
    const after = await load(issueKey, deps);
    const item = after.log?.items.find((i) => i.key === p.key);
    if (!item)
      return {
        ok: false,
        error: `${p.key} was saved, but it no longer shows under ${issueKey}: reload the panel.`,
      };
    return { ok: true, data: toContract(item) };
  } catch (e) {
    return { ok: false, error: jiraWords(e, names) };
  }
}

export async function getRaidTransitions(
  rawPayload: unknown,
  deps: RaidDeps,
): Promise<ResolverResult<RaidTransition[]>> {
  const parsed = GetRaidTransitionsPayload.safeParse(rawPayload);
  if (!parsed.success) return invalidRequest(parsed.error);
  try {
    const transitions = await deps.jira.getTransitions(parsed.data.key);
    return { ok: true, data: transitions.map((t) => ({ id: t.id, name: t.name, to: t.to?.name ?? t.name })) };
  } catch (e) {
    return { ok: false, error: jiraWords(e) };
  }
}

export async function searchOwners(rawPayload: unknown, deps: RaidDeps): Promise<ResolverResult<Owners>> {
  const parsed = SearchOwnersPayload.safeParse(rawPayload);
  if (!parsed.success) return invalidRequest(parsed.error);
  const query = parsed.data.query.trim();
  try {
    const users = query === '' ? [await deps.jira.myself()] : await deps.jira.searchUsers(query);
    return {
      ok: true,
      data: users.map((u) => ({ accountId: u.accountId, displayName: u.displayName ?? u.accountId })),
    };
  } catch (e) {
    return { ok: false, error: jiraWords(e) };
  }
}

async function deps(): Promise<RaidDeps> {
  return { jira: jiraAsUser(), config: await readConfig(typedStore()), today: todayUtc() };
}

const resolver = new Resolver();
resolver.define(RAID_LOG_KEYS.getRaidLog, async ({ payload, context }) =>
  getRaidLog(issueKeyOf(context), payload, await deps()),
);
resolver.define(RAID_LOG_KEYS.createRaidItem, async ({ payload, context }) =>
  createRaidItem(issueKeyOf(context), payload, await deps()),
);
resolver.define(RAID_LOG_KEYS.updateRaidItem, async ({ payload, context }) =>
  updateRaidItem(issueKeyOf(context), payload, await deps()),
);
resolver.define(RAID_LOG_KEYS.getRaidTransitions, async ({ payload }) =>
  getRaidTransitions(payload, await deps()),
);
resolver.define(RAID_LOG_KEYS.searchOwners, async ({ payload }) => searchOwners(payload, await deps()));

export const raidLogResolver = resolver.getDefinitions();
