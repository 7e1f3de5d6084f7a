// Use case: Settings → Projects. Reads each project's createmeta to say whether it is ready for
// Runway (domain/project-setup), plans the changes that make a company-managed project ready
// (issue types added to its scheme, fields added to its create/edit screens), makes them as the
// admin when confirmed, and reports each. Safe to repeat: a change is planned only for what is
// missing, so a second run changes nothing. A team-managed project gets steps for its admin.
import type { ProjectChange, ProjectReadiness, ProjectsView, SetUpReport } from '../contracts/projects';
import {
  fieldNotOnScreen,
  isReady,
  projectGaps,
  SETUP_NEEDS,
  resolveFieldIds,
  teamManagedSteps,
  typeNamesOf,
  typeNotInProject,
  type LogicalField,
  type ProjectGaps,
  type RunwayConfig,
  type SetupKind,
} from '../domain';
import { createJiraClient, type JiraClient, type HttpFetch } from '../jira';
import { isJiraAdmin } from '../jira/gates';
import {
  addFieldToScreen,
  addIssueTypesToScheme,
  createProjectMetaReader,
  readProjectSchemes,
  type ScreenRef,
} from '../jira/project-meta';
import { readConfig } from '../storage';
import { attempt, fail, jiraWords } from './failure';
import type { Ports } from './ports';
import { runProvisioning } from './provisioning';

type ProjectPorts = Pick<Ports, 'jiraFetch' | 'store' | 'now'>;

interface Planned {
  description: string;
  run: () => Promise<void>;
}

interface Site {
  jira: JiraClient;
  config: RunwayConfig;
  fieldIds: Record<LogicalField, string | null>;
  /** Global (company-managed) issue types by lower-cased name. */
  globalTypes: Map<string, { id: string; name: string }>;
}

async function readSite(fetch: HttpFetch, ports: ProjectPorts): Promise<Site> {
  const jira = createJiraClient({ fetch });
  const config = await readConfig(ports.store);
  const [fields, types] = await Promise.all([jira.getFields(), jira.getIssueTypes()]);
  const { ids } = resolveFieldIds(Object.fromEntries(fields.map((f) => [f.id, f.name])), config);
  // A team-managed project's own type carries a `scope`: it belongs to no scheme.
  const globalTypes = new Map(
    types
      .filter((t) => !('scope' in t) || t.scope === undefined)
      .map((t) => [t.name.trim().toLowerCase(), t]),
  );
  return { jira, config, fieldIds: ids, globalTypes };
}

function missingSentences(gaps: ProjectGaps, meta: { key: string; style: 'company' | 'team' }): string[] {
  return [
    ...gaps.missingTypes.map((t) => typeNotInProject(t.name, meta)),
    ...gaps.missingFields.map((f) => fieldNotOnScreen(f.fieldName, f.typeName, meta)),
  ];
}

/** The changes that make a company-managed project ready, each ready to run. */
async function planChanges(
  fetch: HttpFetch,
  site: Site,
  project: { id: string; key: string },
  gaps: ProjectGaps,
): Promise<Planned[]> {
  const schemes = await readProjectSchemes(fetch, project.id);
  const planned: Planned[] = [];
  const fieldsFor: Array<{ typeId: string; typeName: string; fields: LogicalField[] }> = [];
  for (const t of gaps.missingTypes) {
    const names = typeNamesOf(t.kind, site.config);
    const global = names.map((n) => site.globalTypes.get(n.trim().toLowerCase())).find((x) => x);
    if (!global) {
      planned.push({
        description: `Create issue type ${t.name} (Provisioning), then add it to ${schemes.issueTypeScheme.name}`,
        run: () => Promise.reject(new Error(`issue type ${t.name} does not exist on the site yet`)),
      });
      continue;
    }
    planned.push({
      description: `Add issue type ${global.name} to ${schemes.issueTypeScheme.name}`,
      run: () => addIssueTypesToScheme(fetch, schemes.issueTypeScheme.id, [global.id]),
    });
    fieldsFor.push({ typeId: global.id, typeName: global.name, fields: neededFields(t.kind) });
  }
  const byType = new Map<string, { typeName: string; fields: LogicalField[] }>();
  for (const f of gaps.missingFields) {
    const entry = byType.get(f.typeId) ?? { typeName: f.typeName, fields: [] };
    entry.fields.push(f.field);
    byType.set(f.typeId, entry);
  }
  for (const [typeId, e] of byType) fieldsFor.push({ typeId, ...e });
  const seen = new Set<string>();
  for (const { typeId, typeName, fields } of fieldsFor) {
    const screens: ScreenRef[] = await schemes.screensOf(typeId);
    for (const field of fields) {
      const fieldId = site.fieldIds[field];
      const name = site.config.fieldNames[field];
      for (const screen of screens) {
        if (fieldId !== null && screen.fieldIds.has(fieldId)) continue;
        const key = `${screen.screenId}/${fieldId ?? name}`;
        if (seen.has(key)) continue;
        seen.add(key);
        planned.push({
          description: `Add field ${name} to screen ${screen.screenId} (used by ${typeName} in ${project.key})`,
          run: () =>
            fieldId === null
              ? Promise.reject(new Error(`field ${name} does not exist on the site yet`))
              : addFieldToScreen(fetch, screen, fieldId),
        });
      }
    }
  }
  return planned;
}

const neededFields = (kind: SetupKind): LogicalField[] => SETUP_NEEDS[kind];

/** One project's readiness, and (company-managed, admins) the changes planned for it. */
async function readinessOf(
  fetch: HttpFetch,
  site: Site,
  key: string,
  withPlan: boolean,
): Promise<{ view: ProjectReadiness; plan: Planned[] }> {
  const reader = createProjectMetaReader(fetch);
  const meta = await reader.project(key);
  const gaps = projectGaps(meta, site.config, site.fieldIds);
  const ready = isReady(gaps);
  const plan =
    !ready && withPlan && meta.style === 'company' ? await planChanges(fetch, site, meta, gaps) : [];
  return {
    view: {
      key: meta.key,
      name: meta.name,
      style: meta.style,
      ready,
      missing: missingSentences(gaps, meta),
      changes: plan.map((p) => ({ description: p.description, status: 'planned', detail: null })),
      steps: meta.style === 'team' ? teamManagedSteps(meta, gaps, site.config) : [],
      error: null,
    },
    plan,
  };
}

const unreadable = (p: { key: string; name: string }, e: unknown): ProjectReadiness => ({
  key: p.key,
  name: p.name,
  style: 'company',
  ready: false,
  missing: [],
  changes: [],
  steps: [],
  error: `Runway could not read the configuration of ${p.key}: ${jiraWords(e)}`,
});

/** Every project the user can see, with whether it is ready and what would make it ready. */
export function readProjects(
  ports: ProjectPorts,
): Promise<{ ok: true; data: ProjectsView } | { ok: false; error: string }> {
  return attempt(async () => {
    const site = await readSite(ports.jiraFetch, ports);
    const canEdit = await isJiraAdmin(site.jira);
    const projects = await site.jira.searchProjects();
    const views: ProjectReadiness[] = [];
    for (const p of projects) {
      try {
        views.push((await readinessOf(ports.jiraFetch, site, p.key, canEdit)).view);
      } catch (e) {
        views.push(unreadable(p, e));
      }
    }
    return { ok: true as const, data: { canEdit, projects: views } };
  });
}

/**
 * Makes the planned changes of each project as the admin, after creating any issue type or field
 * the site lacks (provisioning, itself safe to repeat); reports each change and the project after.
 */
export function setUpProjects(
  ports: ProjectPorts,
  projectKeys: readonly string[],
): Promise<{ ok: true; data: SetUpReport } | { ok: false; error: string }> {
  return attempt(async () => {
    const jira = createJiraClient({ fetch: ports.jiraFetch });
    if (!(await isJiraAdmin(jira)))
      return fail('Only Jira administrators can change projects’ schemes and screens.');
    let site = await readSite(ports.jiraFetch, ports);
    const results: ProjectReadiness[] = [];
    let made = 0;
    let failed = 0;
    let provisioned = false;
    /** What provisioning made on the site, reported with the first project that needed it. */
    const siteChanges: ProjectChange[] = [];
    for (const key of projectKeys) {
      let before = await readinessOf(ports.jiraFetch, site, key, true);
      const needsSite =
        before.plan.some((p) => p.description.startsWith('Create issue type')) ||
        Object.values(site.fieldIds).some((id) => id === null);
      if (before.view.style === 'company' && !before.view.ready && needsSite && !provisioned) {
        const report = await runProvisioning(ports);
        provisioned = true;
        for (const item of report.items)
          if (item.status === 'created' || item.status === 'failed')
            siteChanges.push({
              description: item.detail,
              status: item.status === 'created' ? 'done' : 'failed',
              detail: null,
            });
        site = await readSite(ports.jiraFetch, ports);
        before = await readinessOf(ports.jiraFetch, site, key, true);
      }
      const changes: ProjectChange[] = siteChanges.splice(0);
      made += changes.filter((c) => c.status === 'done').length;
      failed += changes.filter((c) => c.status === 'failed').length;
      for (const step of before.plan) {
        try {
          await step.run();
          changes.push({ description: step.description, status: 'done', detail: null });
          made++;
        } catch (e) {
          changes.push({ description: step.description, status: 'failed', detail: jiraWords(e) });
          failed++;
        }
      }
      const after = (await readinessOf(ports.jiraFetch, site, key, false)).view;
      results.push({ ...after, changes });
    }
    const summary =
      made === 0 && failed === 0
        ? 'Nothing to change: the projects were already set up (or need their project admin).'
        : `Made ${made} change${made === 1 ? '' : 's'}${failed > 0 ? `; ${failed} failed` : ''}.`;
    return { ok: true as const, data: { projects: results, summary } };
  });
}
