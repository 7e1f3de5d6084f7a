// Evidence a user attaches to a gate: a link, a Jira issue or a Confluence page. Issues and pages
// are looked up as the user first, so evidence is never recorded for something they cannot see,
// and recorded by reference only (key, page id): their titles are read as each reader, later.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { AddEvidencePayload } from '../../contracts/stage-gates';
import { marksHandoverPacket, type Evidence } from '../../domain';
import { confluencePageId, lookUpIssue, lookUpPage } from '../../jira/gates';
import type { GateDeps } from './report';

export type EvidenceRequest = Pick<z.output<typeof AddEvidencePayload>, 'evidence' | 'comment'>;

export interface NewEvidence {
  evidence: Evidence;
  /** What the user saw of the page or issue (for the panel they get back); null for a link. */
  sighting: { visible: true; title: string; labels?: string[] } | null;
}

/** The evidence to record, or why it cannot be (a sentence naming the issue or page). */
export async function newEvidence(deps: GateDeps, input: EvidenceRequest): Promise<NewEvidence | string> {
  const e = input.evidence;
  const id = randomUUID();
  if (e.type === 'url')
    return {
      evidence: { id, type: 'url', target: e.url, title: e.title || e.url, comment: input.comment },
      sighting: null,
    };
  if (e.type === 'jiraIssue') {
    const found = await lookUpIssue(deps.jira, e.issueKey);
    if (found.exists !== true)
      return found.exists === false
        ? `${e.issueKey} does not exist, or you cannot see it.`
        : `${e.issueKey} could not be checked: ${found.reason}`;
    return {
      evidence: { id, type: 'jiraIssue', target: e.issueKey, comment: input.comment },
      sighting: { visible: true, title: found.title },
    };
  }
  const pageId = confluencePageId(e.page);
  if (pageId === null) return `"${e.page}" is not a Confluence page id or page URL.`;
  if (!deps.confluence) return 'Confluence is not reachable from here.';
  const found = await lookUpPage(deps.confluence, pageId, {
    labels: true,
    skipLabels: (title) => marksHandoverPacket({ title }),
  });
  if (found.exists !== true)
    return found.exists === false || found.refused !== undefined
      ? `Confluence page ${pageId} does not exist, or you cannot see it.`
      : `Confluence page ${pageId} could not be checked: ${found.reason}`;
  return {
    evidence: { id, type: 'confluencePage', target: pageId, comment: input.comment },
    sighting: { visible: true, title: found.title, labels: found.labels },
  };
}
