// "Start from playbook" on the implementations page: the options of the dialog, the preview of
// what would be created, and the creation itself, as the user. The plan is the domain's
// (src/domain/playbooks/start.ts); this file only checks the site can take it (permission,
// issue types, fields by name), creates the epic then its children, and records progress in app
// storage under the dialog's requestId so that a retried request resumes instead of duplicating.
import { z } from 'zod';
import {
  GetStartOptionsPayload,
  StartImplementationPayload,
  StartRequest,
  type PlannedIssueView,
  type StartOptions,
  type StartOutcome,
  type StartPreview,
} from '../contracts/implementations';
import { describeZodError, type ResolverResult } from '../contracts/result';
import {
  LOGICAL_FIELDS,
  PROJECT_KEY_PATTERN,
  resolveFieldIds,
  type LogicalField,
  type RunwayConfig,
} from '../domain';
import type { PlaybookLibrary } from '../domain/playbooks/library';
import { planImplementation, type ImplementationPlan, type PlannedIssue } from '../domain/playbooks/start';
import { DEFAULT_SEGMENTS } from '../domain/playbooks/start-input';
import { startRecipeFor } from '../domain/playbooks/start-recipes';
import type { JiraClient, JiraField, IssueTypeWire } from '../jira';
import { storageKey, type TypedStore } from '../storage';
import { jiraWords } from './common';

export interface StartDeps {
  jira: JiraClient;
  config: RunwayConfig;
  store: TypedStore;
  library: () => Promise<PlaybookLibrary>;
  accountId: string;
  now: () => number;
  /** Stop starting new issues after this long, well inside Forge's 25 s (the rest is `pending`). */
  budgetMs?: number;
}

const DEFAULT_BUDGET_MS = 18_000;
/** How long a call holds a request before another call with the same requestId may take over. */
const LEASE_MS = 30_000;

const invalid = (e: z.ZodError) => ({ ok: false as const, error: `Invalid request: ${describeZodError(e)}` });
const noProject = {
  ok: false as const,
  error: 'The implementations page needs the project it is open on (no project in the Forge context).',
};

async function canCreate(jira: JiraClient, project: string): Promise<string | null> {
  const can = await jira.myPermissions({ permissions: ['CREATE_ISSUES'], projectKey: project });
  return can.CREATE_ISSUES ? null : `You do not have permission to create issues in project ${project}.`;
}

export async function getStartOptions(
  project: string | null,
  rawPayload: unknown,
  deps: StartDeps,
): Promise<ResolverResult<StartOptions>> {
  const parsed = GetStartOptionsPayload.safeParse(rawPayload ?? {});
  if (!parsed.success) return invalid(parsed.error);
  if (project === null || !PROJECT_KEY_PATTERN.test(project)) return noProject;
  try {
    const [library, reason] = await Promise.all([deps.library(), canCreate(deps.jira, project)]);
    const tier = deps.config.defaultComplexity;
    const templates = library.templates.map((t) => {
      const recipe = startRecipeFor(t.id);
      const workItems = recipe.ok
        ? recipe.value.workItems.filter(
            (w) => !w.tiers || w.tiers.some((x) => x.toLowerCase() === tier.toLowerCase()),
          ).length
        : 0;
      return {
        id: t.id,
        title: t.title,
        description: t.description,
        creates: {
          milestones: recipe.ok ? recipe.value.milestones.length : 0,
          gates: deps.config.gates.length,
          workItems,
        },
      };
    });
    return {
      ok: true,
      data: {
        project,
        templates,
        tiers: deps.config.complexityTiers,
        defaultTier: tier,
        segments: [...DEFAULT_SEGMENTS],
        canCreate: reason === null,
        cannotCreateReason: reason,
      },
    };
  } catch (e) {
    return { ok: false, error: jiraWords(e) };
  }
}

// ---- what the site must have ----------------------------------------------------------------------

interface Site {
  typeIds: Record<PlannedIssue['kind'], string | null>;
  typeNames: Record<PlannedIssue['kind'], string>;
  fieldIds: Record<LogicalField, string | null>;
  fields: Map<string, JiraField>;
  names: Record<string, string>;
  problems: string[];
}

function findType(types: readonly IssueTypeWire[], names: readonly string[], level: number) {
  for (const name of names) {
    const t = types.find(
      (x) => x.name.trim().toLowerCase() === name.trim().toLowerCase() && (x.hierarchyLevel ?? 0) === level,
    );
    if (t && t.subtask !== true) return t;
  }
  return undefined;
}

async function inspectSite(jira: JiraClient, config: RunwayConfig, plan: ImplementationPlan): Promise<Site> {
  const [types, fields] = await Promise.all([jira.getIssueTypes(), jira.getFields()]);
  const names = Object.fromEntries(fields.map((f) => [f.id, f.name]));
  const { ids } = resolveFieldIds(names, config);
  const epic = findType(types, ['Epic'], 1) ?? types.find((t) => t.hierarchyLevel === 1);
  const milestone = findType(types, config.issueTypes.milestone, 0);
  const gate = findType(types, config.issueTypes.gate, 0);
  const work = findType(types, [plan.workItemType], 0);
  const problems: string[] = [];
  if (!epic) problems.push('This site has no epic issue type (hierarchy level 1).');
  if (!milestone)
    problems.push(`This site has no ${config.issueTypes.milestone.join(' or ')} issue type for milestones.`);
  if (!gate) problems.push(`This site has no ${config.issueTypes.gate.join(' or ')} issue type for gates.`);
  if (!work && plan.children.some((c) => c.kind === 'workItem'))
    problems.push(`This site has no ${plan.workItemType} issue type for the starter work items.`);
  const needed = new Set<LogicalField>();
  for (const issue of [plan.epic, ...plan.children])
    for (const f of Object.keys(issue.fields) as LogicalField[]) needed.add(f);
  const missing = [...needed].filter((f) => ids[f] === null).map((f) => config.fieldNames[f]);
  if (missing.length > 0)
    problems.push(
      `This site has no ${missing.join(', ')} field${missing.length > 1 ? 's' : ''}: an administrator can add ${missing.length > 1 ? 'them' : 'it'} in Runway's settings (provisioning).`,
    );
  return {
    typeIds: {
      implementation: epic?.id ?? null,
      milestone: milestone?.id ?? null,
      gate: gate?.id ?? null,
      workItem: work?.id ?? null,
    },
    typeNames: {
      implementation: epic?.name ?? 'Epic',
      milestone: milestone?.name ?? config.issueTypes.milestone[0],
      gate: gate?.name ?? config.issueTypes.gate[0],
      workItem: work?.name ?? plan.workItemType,
    },
    fieldIds: { ...ids },
    fields: new Map(fields.map((f) => [f.id, f])),
    names,
    problems,
  };
}

const SummaryFields = z.looseObject({ summary: z.string().optional() });

/** An implementation of the project with the same summary (case and spacing aside), if any. */
async function namesake(
  jira: JiraClient,
  config: RunwayConfig,
  project: string,
  summary: string,
): Promise<string | null> {
  const label = config.implementationLabel.replace(/["\\]/g, '\\$&');
  const { issues } = await jira.searchAll({
    jql: `project = ${project} AND labels = "${label}" ORDER BY key`,
    fields: ['summary'],
  });
  const wanted = summary.trim().replace(/\s+/g, ' ').toLowerCase();
  for (const issue of issues) {
    const f = SummaryFields.safeParse(issue.fields ?? {});
    const s = f.success ? (f.data.summary ?? '') : '';
    if (s.trim().replace(/\s+/g, ' ').toLowerCase() === wanted) return issue.key ?? null;
  }
  return null;
}

// ---- the plan, as the site will see it -----------------------------------------------------------

interface Planned {
  plan: ImplementationPlan;
  templateTitle: string;
}

async function planFor(raw: unknown, deps: StartDeps): Promise<ResolverResult<Planned>> {
  const library = await deps.library();
  const input = StartRequest.safeParse(raw);
  if (!input.success) return invalid(input.error);
  const template = library.get(input.data.templateId);
  if (!template)
    return {
      ok: false,
      error: `Unknown playbook "${input.data.templateId}". Known playbooks: ${library.templates.map((t) => t.id).join(', ')}`,
    };
  const recipe = startRecipeFor(template.id);
  if (!recipe.ok) return { ok: false, error: recipe.error };
  const plan = planImplementation(input.data, recipe.value, {
    config: deps.config,
    segments: DEFAULT_SEGMENTS,
    templateTitle: template.title,
  });
  if (!plan.ok) return { ok: false, error: plan.error };
  return { ok: true, data: { plan: plan.value, templateTitle: template.title } };
}

function view(issue: PlannedIssue, site: Site, config: RunwayConfig): PlannedIssueView {
  return {
    ref: issue.ref,
    kind: issue.kind,
    summary: issue.summary,
    issueType: site.typeNames[issue.kind],
    labels: issue.labels,
    dueDate: issue.dueDate,
    fields: Object.fromEntries(
      (Object.entries(issue.fields) as Array<[LogicalField, string]>).map(([k, v]) => [
        config.fieldNames[k] ?? LOGICAL_FIELDS[k],
        v,
      ]),
    ),
  };
}

export async function previewStart(
  project: string | null,
  rawPayload: unknown,
  deps: StartDeps,
): Promise<ResolverResult<StartPreview>> {
  if (project === null || !PROJECT_KEY_PATTERN.test(project)) return noProject;
  try {
    const planned = await planFor(rawPayload, deps);
    if (!planned.ok) return planned;
    const { plan, templateTitle } = planned.data;
    const [site, reason, existing] = await Promise.all([
      inspectSite(deps.jira, deps.config, plan),
      canCreate(deps.jira, project),
      namesake(deps.jira, deps.config, project, plan.epic.summary),
    ]);
    const problems = [...(reason ? [reason] : []), ...site.problems];
    if (existing)
      problems.push(`${existing} in ${project} already has this summary: open it, or choose another name.`);
    return {
      ok: true,
      data: {
        templateId: plan.templateId,
        templateTitle,
        epic: view(plan.epic, site, deps.config),
        children: plan.children.map((c) => view(c, site, deps.config)),
        warnings: plan.warnings,
        problems,
      },
    };
  } catch (e) {
    return { ok: false, error: jiraWords(e) };
  }
}

// ---- creating it ----------------------------------------------------------------------------------

const StartRecord = z.object({
  accountId: z.string(),
  /** The request as planned (a requestId reused for another implementation is refused). */
  request: z.string(),
  epic: z.object({ key: z.string(), summary: z.string() }).nullable(),
  /** ref → key of every child created so far. */
  created: z.record(z.string(), z.string()),
  complete: z.boolean(),
  leaseUntil: z.number(),
});
type StartRecord = z.infer<typeof StartRecord>;

/** A field's value as its type takes it: a select option by value, a number, or text (dates). */
function fieldValue(field: JiraField | undefined, value: string): unknown {
  const type = field?.schema?.type;
  if (type === 'option') return { value };
  if (type === 'number') return Number(value);
  return value;
}

function issueFields(issue: PlannedIssue, project: string, site: Site, parent: string | null) {
  const fields: Record<string, unknown> = {
    project: { key: project },
    issuetype: { id: site.typeIds[issue.kind] },
    summary: issue.summary,
    labels: issue.labels,
  };
  if (parent !== null) fields.parent = { key: parent };
  if (issue.dueDate !== null) fields.duedate = issue.dueDate;
  for (const [logical, value] of Object.entries(issue.fields) as Array<[LogicalField, string]>) {
    const id = site.fieldIds[logical];
    if (id !== null) fields[id] = fieldValue(site.fields.get(id), value);
  }
  return fields;
}

function describePlannedBy(plan: ImplementationPlan, templateTitle: string) {
  return {
    type: 'doc',
    version: 1,
    content: [
      {
        type: 'paragraph',
        content: [
          {
            type: 'text',
            text: `Started from the playbook "${templateTitle}" (${plan.tier}) by Runway: milestones, gates and starter work items are its children.`,
          },
        ],
      },
    ],
  };
}

const ChildFields = z.looseObject({
  summary: z.string().optional(),
  issuetype: z.looseObject({ id: z.string().optional() }).optional(),
});

/** Children already under the epic, matched to the plan by summary and issue type (a lost record write). */
async function existingChildren(jira: JiraClient, epicKey: string, plan: ImplementationPlan, site: Site) {
  const { issues } = await jira.searchAll({
    jql: `parent = ${epicKey} ORDER BY key`,
    fields: ['summary', 'issuetype'],
  });
  const found = new Map<string, string>();
  const taken = new Set<string>();
  for (const child of plan.children) {
    const hit = issues.find((i) => {
      const f = ChildFields.safeParse(i.fields ?? {});
      return (
        i.key !== undefined &&
        !taken.has(i.key) &&
        f.success &&
        f.data.summary === child.summary &&
        f.data.issuetype?.id === site.typeIds[child.kind]
      );
    });
    if (hit?.key) {
      found.set(child.ref, hit.key);
      taken.add(hit.key);
    }
  }
  return found;
}

export async function startImplementation(
  project: string | null,
  rawPayload: unknown,
  deps: StartDeps,
): Promise<ResolverResult<StartOutcome>> {
  const started = deps.now();
  const budget = deps.budgetMs ?? DEFAULT_BUDGET_MS;
  const parsed = StartImplementationPayload.safeParse(rawPayload);
  if (!parsed.success) return invalid(parsed.error);
  if (project === null || !PROJECT_KEY_PATTERN.test(project)) return noProject;
  const { requestId, ...request } = parsed.data;
  const key = storageKey('start', project, requestId);
  let names: Record<string, string> = {};
  let record: StartRecord | undefined;
  try {
    const reason = await canCreate(deps.jira, project);
    if (reason) return { ok: false, error: reason };
    const planned = await planFor(request, deps);
    if (!planned.ok) return planned;
    const { plan, templateTitle } = planned.data;
    const fingerprint = JSON.stringify(plan.input);

    record = await deps.store.get(key, StartRecord);
    if (record?.epic && (record.request !== fingerprint || record.accountId !== deps.accountId))
      return {
        ok: false,
        error: 'This request was already used to start a different implementation: reopen the dialog.',
      };
    if (record && !record.complete && record.leaseUntil > started)
      return {
        ok: false,
        error: 'This implementation is being created right now: wait a few seconds, then reload the page.',
      };
    const site = await inspectSite(deps.jira, deps.config, plan);
    names = site.names;
    if (record?.complete) return { ok: true, data: outcome(plan, record, [], true) };
    if (site.problems.length > 0) return { ok: false, error: site.problems.join(' ') };
    const resumed = record !== undefined && (record.epic !== null || Object.keys(record.created).length > 0);
    if (!record?.epic) {
      const existing = await namesake(deps.jira, deps.config, project, plan.epic.summary);
      if (existing)
        return {
          ok: false,
          error: `${existing} in ${project} already has this summary: open it, or choose another name.`,
        };
    }
    const claim: StartRecord = record
      ? { ...record, accountId: deps.accountId, request: fingerprint, leaseUntil: started + LEASE_MS }
      : {
          accountId: deps.accountId,
          request: fingerprint,
          epic: null,
          created: {},
          complete: false,
          leaseUntil: started + LEASE_MS,
        };
    if (record) await deps.store.set(key, StartRecord, claim);
    else if (!(await deps.store.create(key, StartRecord, claim)))
      return {
        ok: false,
        error: 'This implementation is being created right now: wait a few seconds, then reload the page.',
      };
    record = claim;

    if (record.epic === null) {
      const fields = issueFields(plan.epic, project, site, null);
      fields.description = describePlannedBy(plan, templateTitle);
      const epic = await deps.jira.createIssue({ fields });
      record = { ...record, epic: { key: epic.key, summary: plan.epic.summary } };
      await deps.store.set(key, StartRecord, record);
    } else {
      const found = await existingChildren(deps.jira, record.epic.key, plan, site);
      const created = { ...Object.fromEntries(found), ...record.created };
      record = { ...record, created };
    }
    const epicKey = record.epic?.key ?? '';

    const failed: StartOutcome['failed'] = [];
    for (const child of plan.children) {
      if (record.created[child.ref] !== undefined) continue;
      if (deps.now() - started > budget) break;
      try {
        const made = await deps.jira.createIssue({ fields: issueFields(child, project, site, epicKey) });
        record = { ...record, created: { ...record.created, [child.ref]: made.key } };
        await deps.store.set(key, StartRecord, record);
      } catch (e) {
        failed.push({ ref: child.ref, kind: child.kind, summary: child.summary, error: jiraWords(e, names) });
      }
    }
    const complete = plan.children.every((c) => record?.created[c.ref] !== undefined);
    record = { ...record, complete, leaseUntil: 0 };
    await deps.store.set(key, StartRecord, record);
    return { ok: true, data: outcome(plan, record, failed, resumed) };
  } catch (e) {
    // Whatever was created stays recorded: release the request so that a retry resumes at once.
    if (record) await deps.store.set(key, StartRecord, { ...record, leaseUntil: 0 }).catch(() => undefined);
    const said = jiraWords(e, names);
    return {
      ok: false,
      error: record?.epic
        ? `${said} (${record.epic.key} and ${Object.keys(record.created).length} of its issues were created; Create again to finish.)`
        : said,
    };
  }
}

function outcome(
  plan: ImplementationPlan,
  record: StartRecord,
  failed: StartOutcome['failed'],
  resumed: boolean,
): StartOutcome {
  const failedRefs = new Set(failed.map((f) => f.ref));
  return {
    epic: record.epic ?? { key: '', summary: plan.epic.summary },
    created: plan.children.flatMap((c) => {
      const k = record.created[c.ref];
      return k === undefined ? [] : [{ ref: c.ref, kind: c.kind, summary: c.summary, key: k }];
    }),
    failed,
    pending: plan.children
      .filter((c) => record.created[c.ref] === undefined && !failedRefs.has(c.ref))
      .map((c) => ({ ref: c.ref, kind: c.kind, summary: c.summary })),
    complete: record.complete,
    resumed,
  };
}
