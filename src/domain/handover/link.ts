/**
 * How a published document is linked from its implementation: a Jira remote link whose
 * `globalId` is stable per implementation and document, so publishing again updates the same
 * link (Jira upserts by globalId). The handover packet's link carries the relationship and
 * global-id prefix the Handover gate's criterion looks for (src/domain/gates/criteria.ts:
 * `isHandoverPacketLink`), so publishing the packet is what makes that criterion pass.
 *
 *   handover packet:  globalId `runway:handover-packet:<ISSUE-KEY>`, relationship `Handover packet`
 *   playbook:         globalId `runway:playbook:<template-id>:<ISSUE-KEY>`, relationship `Runway playbook`
 */
import { HANDOVER_PACKET_GLOBAL_ID_PREFIX, HANDOVER_PACKET_RELATIONSHIP } from '../gates/criteria';

export const HANDOVER_LINK_RELATIONSHIP = HANDOVER_PACKET_RELATIONSHIP;
export const PLAYBOOK_LINK_PREFIX = 'runway:playbook:';
export const PLAYBOOK_LINK_RELATIONSHIP = 'Runway playbook';

export function handoverLinkGlobalId(issueKey: string): string {
  return `${HANDOVER_PACKET_GLOBAL_ID_PREFIX}:${issueKey}`;
}

export function playbookLinkGlobalId(templateId: string, issueKey: string): string {
  return `${PLAYBOOK_LINK_PREFIX}${templateId}:${issueKey}`;
}
