// Evidence a user attaches to a gate: a link, a Jira issue or a Confluence page. Issues and pages
// are looked up as the user first, so evidence is never recorded for something they cannot see.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { AddEvidencePayload } from '../../contracts/stage-gates';
import type { Evidence } from '../../domain';
import { confluencePageId, lookUpIssue, lookUpPage } from '../../jira/gates';
import type { GateDeps } from './report';

export type EvidenceRequest = Pick<z.output<typeof AddEvidencePayload>, 'evidence' | 'comment'>;

/** The evidence to record, or why it cannot be (a sentence naming the issue or page). */
export async function newEvidence(deps: GateDeps, input: EvidenceRequest): Promise<Evidence | string> {
  const e = input.evidence;
  const id = randomUUID();
  if (e.type === 'url')
    return { id, type: 'url', target: e.url, title: e.title || e.url, comment: input.comment };
  if (e.type === 'jiraIssue') {
    const found = await lookUpIssue(deps.jira, e.issueKey);
    if (found.exists !== true)
      return found.exists === false
        ? `${e.issueKey} does not exist, or you cannot see it.`
        : `${e.issueKey} could not be checked: ${found.reason}`;
    return { id, type: 'jiraIssue', target: e.issueKey, title: found.title, comment: input.comment };
  }
  const pageId = confluencePageId(e.page);
  if (pageId === null) return `"${e.page}" is not a Confluence page id or page URL.`;
  if (!deps.confluence) return 'Confluence is not reachable from here.';
  const found = await lookUpPage(deps.confluence, pageId);
  if (found.exists !== true)
    return found.exists === false
      ? `Confluence page ${pageId} does not exist, or you cannot see it.`
      : `Confluence page ${pageId} could not be checked: ${found.reason}`;
  return { id, type: 'confluencePage', target: pageId, title: found.title, comment: input.comment };
}
