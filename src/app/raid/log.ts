// The RAID log panel: the implementation's RAID items scored and aged, its heat map and counts,
// and what the user may do (create which kinds, edit, transition, assign), as the user.
import type { RaidLogView } from '../../contracts/raid-log';
import { RAID_KINDS } from '../../domain/raid';
import type { ResolverResult } from '../../contracts/result';
import { jiraWords } from '../shared';
import { HEAT_MAP_BANDS, issueTypeIds, load, permissions, toContract, type RaidDeps } from './load';

export async function getRaidLog(issueKey: string, deps: RaidDeps): Promise<ResolverResult<RaidLogView>> {
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
