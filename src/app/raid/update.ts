// Editing a RAID item in place (probability, impact, due date, owner, status), as the user, after
// checking their permission for that edit; only items of this implementation are ever touched.
import type { RaidItem, UpdateRaidItemPayload } from '../../contracts/raid-log';
import type { ResolverResult } from '../../contracts/result';
import { kindType, offScreenProblem, typeNotInProject } from '../../domain';
import { jiraWords } from '../shared';
import { fieldNamesById, load, permissions, scaleValue, toContract, type RaidDeps } from './load';

type RaidKind = RaidItem['kind'];

/**
 * Why the field cannot be set on the item in its project (its type is not there, or the field is
 * not on its screen), from the project's createmeta; null when it can, or when createmeta cannot
 * be read (Jira's own answer to the edit then says why).
 */
async function screenProblem(
  deps: RaidDeps,
  itemKey: string,
  kind: RaidKind,
  fieldId: string,
  names: Record<string, string>,
): Promise<string | null> {
  const project = itemKey.slice(0, itemKey.lastIndexOf('-'));
  const meta = await deps.jira.projectMeta.project(project).catch(() => null);
  if (meta === null) return null;
  const type = kindType(meta, kind, deps.config);
  if (!type) return typeNotInProject(deps.config.issueTypes[kind][0], meta);
  return offScreenProblem(meta, type, [fieldId], { ...names, duedate: 'Due date', assignee: 'Owner' });
}

export async function updateRaidItem(
  issueKey: string,
  p: UpdateRaidItemPayload,
  deps: RaidDeps,
): Promise<ResolverResult<RaidItem>> {
  let names: Record<string, string> = {};
  try {
    const { scope, log, ids } = await load(issueKey, deps);
    names = fieldNamesById(scope.fields);
    if (log === null || !log.items.some((i) => i.key === p.key)) {
      return { ok: false, error: `${p.key} is not a RAID item of ${issueKey} that you can see.` };
    }
    const can = await permissions(deps.jira, { issueKey: p.key });
    const kind = log.items.find((i) => i.key === p.key)?.kind ?? 'risk';
    const fieldOf = {
      probability: ids.probability,
      impact: ids.impact,
      dueDate: 'duedate',
      owner: 'assignee',
      status: null,
    }[p.field];
    if (fieldOf !== null && fieldOf !== undefined) {
      const problem = await screenProblem(deps, p.key, kind, fieldOf, names);
      if (problem) return { ok: false, error: problem };
    }
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
