// Use case: the issue property `runway-implementation` on every issue Runway recognises as an
// implementation, set as the app. The issue panels' display conditions (manifest.yml) read it, so
// the panels appear on sites that renamed the implementation label or type in Settings.
import { IMPLEMENTATION_PROPERTY, recognisesImplementation, type RunwayConfig } from '../domain';
import { z } from 'zod';
import { createJiraClient, type JiraClient } from '../jira';
import { readConfig } from '../storage';
import type { Ports } from './ports';

export interface MarkedIssue {
  key: string;
  labels: readonly string[];
  typeName: string;
  hierarchyLevel?: number;
}

/** Sets the property when the issue is an implementation and lacks it; whether it was set now. */
export async function markImplementation(
  jira: JiraClient,
  config: RunwayConfig,
  issue: MarkedIssue,
): Promise<boolean> {
  if (!recognisesImplementation(issue, config)) return false;
  if ((await jira.getIssueProperty(issue.key, IMPLEMENTATION_PROPERTY)) !== undefined) return false;
  await jira.setIssueProperty(issue.key, IMPLEMENTATION_PROPERTY, {
    label: config.implementationLabel,
  });
  return true;
}

const IssueEvent = z.looseObject({
  issue: z.looseObject({
    key: z.string().min(1),
    fields: z
      .looseObject({
        labels: z.array(z.string()).nullish(),
        issuetype: z.looseObject({ name: z.string(), hierarchyLevel: z.number().optional() }).nullish(),
      })
      .optional(),
  }),
});

/**
 * Marks the event's issue with `runway-implementation` when the site's settings recognise it as
 * an implementation (as the app), so the issue panels show on it; whether it was marked now.
 */
export async function markFromEvent(
  event: unknown,
  ports: Pick<Ports, 'jiraFetch' | 'store'>,
): Promise<boolean> {
  const parsed = IssueEvent.safeParse(event);
  const fields = parsed.success ? parsed.data.issue.fields : undefined;
  if (!parsed.success || !fields?.issuetype) return false;
  const config = await readConfig(ports.store);
  return markImplementation(createJiraClient({ fetch: ports.jiraFetch }), config, {
    key: parsed.data.issue.key,
    labels: fields.labels ?? [],
    typeName: fields.issuetype.name,
    hierarchyLevel: fields.issuetype.hierarchyLevel,
  });
}

const SearchedIssue = z.looseObject({
  labels: z.array(z.string()).nullish(),
  issuetype: z.looseObject({ name: z.string(), hierarchyLevel: z.number().optional() }).nullish(),
});

const quoted = (s: string) => `"${s.replace(/["\\]/g, '\\$&')}"`;

/**
 * Every issue the settings recognise as an implementation gets the property (as the app): run
 * by the `implementation-markers` consumer after the settings are saved. How many were set now.
 */
export async function rescanImplementations(jira: JiraClient, config: RunwayConfig): Promise<number> {
  const clauses = [`labels = ${quoted(config.implementationLabel)}`];
  const types = new Set((await jira.getIssueTypes()).map((t) => t.name.trim().toLowerCase()));
  const known = config.implementationTypes.filter((t) => types.has(t.trim().toLowerCase()));
  if (known.length > 0) clauses.push(`issuetype in (${known.map(quoted).join(', ')})`);
  const { issues } = await jira.searchAll({
    jql: `${clauses.join(' OR ')} ORDER BY key`,
    fields: ['labels', 'issuetype'],
  });
  let marked = 0;
  for (const issue of issues) {
    const fields = SearchedIssue.safeParse(issue.fields ?? {});
    if (!issue.key || !fields.success || !fields.data.issuetype) continue;
    const set = await markImplementation(jira, config, {
      key: issue.key,
      labels: fields.data.labels ?? [],
      typeName: fields.data.issuetype.name,
      hierarchyLevel: fields.data.issuetype.hierarchyLevel,
    });
    if (set) marked++;
  }
  return marked;
}
