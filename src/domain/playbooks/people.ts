/**
 * Reporters by issue key. The implementation model keeps assignees (owners); who raised an
 * item is read here from the same Jira JSON, for the "raised by" column and handover contacts.
 */
import { readUser, type JiraIssue } from '../issue-json';
import type { Reporters } from './columns';

export function readReporters(issues: readonly JiraIssue[]): Reporters {
  const out = new Map<string, string>();
  for (const i of issues) {
    const user = readUser(i.fields.reporter);
    const name = user?.displayName ?? user?.accountId;
    if (name !== undefined && !out.has(i.key)) out.set(i.key, name);
  }
  return out;
}
