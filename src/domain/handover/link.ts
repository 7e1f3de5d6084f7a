/**
 * How a published document is linked from its implementation: a Jira remote link whose
 * `globalId` is stable per implementation and document, so publishing again updates the same
 * link (Jira upserts by globalId), and so the Handover gate's criterion "a handover packet is
 * linked" can find it without guessing from titles or URLs.
 *
 *   handover packet:  globalId `runway:handover-packet:<ISSUE-KEY>`, relationship `Handover packet`
 *   playbook:         globalId `runway:playbook:<template-id>:<ISSUE-KEY>`, relationship `Runway playbook`
 */
export const HANDOVER_LINK_PREFIX = 'runway:handover-packet:';
export const HANDOVER_LINK_RELATIONSHIP = 'Handover packet';
export const PLAYBOOK_LINK_PREFIX = 'runway:playbook:';
export const PLAYBOOK_LINK_RELATIONSHIP = 'Runway playbook';

export function handoverLinkGlobalId(issueKey: string): string {
  return `${HANDOVER_LINK_PREFIX}${issueKey}`;
}

export function playbookLinkGlobalId(templateId: string, issueKey: string): string {
  return `${PLAYBOOK_LINK_PREFIX}${templateId}:${issueKey}`;
}

/** Whether a remote link of the implementation is its published handover packet. */
export function isHandoverPacketLink(link: { globalId?: string | null }, issueKey: string): boolean {
  return link.globalId === handoverLinkGlobalId(issueKey);
}
