// Editing a RAID item in place (probability, impact, due date, owner, status), as the user, after
// checking their permission for that edit; only items of this implementation are ever touched.
import type { RaidItem, UpdateRaidItemPayload } from '../../contracts/raid-log';
import type { ResolverResult } from '../../contracts/result';
import { jiraWords } from '../shared';
import { fieldNamesById, load, permissions, scaleValue, toContract, type RaidDeps } from './load';

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
