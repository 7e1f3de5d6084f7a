// Adding a RAID item to the implementation the panel is open on: a child issue of the kind's issue
// type, as the user, after checking they may create in the project.
import type { CreateRaidItemPayload, RaidItem } from '../../contracts/raid-log';
import type { ResolverResult } from '../../contracts/result';
import { kindType, offScreenProblem, typeNotInProject } from '../../domain';
import { jiraWords } from '../shared';
import { fieldNamesById, load, permissions, scaleValue, toContract, type RaidDeps } from './load';

export async function createRaidItem(
  issueKey: string,
  p: CreateRaidItemPayload,
  deps: RaidDeps,
): Promise<ResolverResult<RaidItem>> {
  let names: Record<string, string> = {};
  try {
    const { scope, log, project, ids } = await load(issueKey, deps);
    names = fieldNamesById(scope.fields);
    if (log === null || project === null)
      return {
        ok: false,
        error: `${issueKey} is not an implementation you can see, so nothing can be added to its RAID log.`,
      };
    const can = await permissions(deps.jira, { projectKey: project });
    if (!can.CREATE_ISSUES)
      return { ok: false, error: `You do not have permission to create issues in project ${project}.` };
    // The project's own types and create screen (createmeta), not the site-wide list: a type is
    // usable only when in the project's scheme, a field only when on its screen.
    const meta = await deps.jira.projectMeta.project(project);
    const type = kindType(meta, p.kind, deps.config);
    if (type === undefined)
      return { ok: false, error: typeNotInProject(deps.config.issueTypes[p.kind][0], meta) };
    const typeId = type.id;
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
    const offScreen = offScreenProblem(meta, type, Object.keys(fields), {
      ...names,
      assignee: 'Owner',
      duedate: 'Due date',
    });
    if (offScreen) return { ok: false, error: offScreen };
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
