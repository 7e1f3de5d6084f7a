// What every RAID use case reads first: the implementation the panel is open on, as the user,
// scored and aged (src/domain/raid), with the site's field ids; and what writes need to know
// (issue types per kind, the user's permissions, how a 1–5 value is written).
import type { RaidItem } from '../../contracts/raid-log';
import { resolveFieldIds, type IsoDate, type RunwayConfig } from '../../domain';
import {
  buildRaidLog,
  raidIssueTypeIds,
  SCALE_MAX,
  scoreBand,
  type RaidItem as DomainRaidItem,
  type RaidKind,
} from '../../domain/raid';
import type { JiraClient, JiraField } from '../../jira';
import { readImplementation, type ReadScope } from '../shared';

export interface RaidDeps {
  jira: JiraClient;
  config: RunwayConfig;
  today: IsoDate;
}

export function toContract(item: DomainRaidItem): RaidItem {
  const { id: _id, resolved: _resolved, ...rest } = item;
  return rest;
}

const SCALE = Array.from({ length: SCALE_MAX }, (_, i) => i + 1);
export const HEAT_MAP_BANDS = SCALE.map((p) => SCALE.map((i) => scoreBand(p * i)));

export function fieldNamesById(fields: readonly JiraField[]): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f.id, f.name]));
}

export interface Loaded {
  scope: ReadScope;
  log: ReturnType<typeof buildRaidLog> | null;
  project: string | null;
  ids: ReturnType<typeof resolveFieldIds>['ids'];
}

export async function load(key: string, deps: RaidDeps): Promise<Loaded> {
  const scope = await readImplementation(deps.jira, deps.config, key, deps.today);
  const impl = scope.model.implementations.find((i) => i.key === key);
  const { ids } = resolveFieldIds(scope.names, deps.config);
  return { scope, log: impl ? buildRaidLog(impl, deps.today) : null, project: impl?.project ?? null, ids };
}

/** The issue type to create for each kind, from the site's types. */
export async function issueTypeIds(
  jira: JiraClient,
  config: RunwayConfig,
): Promise<Partial<Record<RaidKind, string>>> {
  return raidIssueTypeIds(await jira.getIssueTypes(), config);
}

export async function permissions(jira: JiraClient, query: { projectKey?: string; issueKey?: string }) {
  return jira.myPermissions({
    permissions: ['CREATE_ISSUES', 'EDIT_ISSUES', 'TRANSITION_ISSUES', 'ASSIGN_ISSUES'],
    ...query,
  });
}

/** A 1–5 value as the field takes it: a select option `{ value: "3" }`, a number, or text. */
export function scaleValue(field: JiraField | undefined, value: number | null): unknown {
  if (value === null) return null;
  const type = field?.schema?.type;
  if (type === 'option') return { value: String(value) };
  if (type === 'string') return String(value);
  return value;
}
