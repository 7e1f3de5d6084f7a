// The issue-event trigger is filtered by Forge before the function runs: only issues that can be
// implementations or their children, never the app's own changes. The filter is a Jira
// expression; the subset it uses (optional chaining, ==, ||, lambdas, some) reads the same in
// JavaScript, so it is evaluated here against the events Forge sends.
import fs from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { MANIFEST_PATH } from './support/app';

const Trigger = z.object({
  key: z.string(),
  events: z.array(z.string()),
  filter: z.object({ ignoreSelf: z.boolean(), expression: z.string() }).optional(),
});
const manifest = z
  .object({ modules: z.object({ trigger: z.array(Trigger) }) })
  .parse(parse(fs.readFileSync(MANIFEST_PATH, 'utf8')));
const issueEvents = manifest.modules.trigger.find((t) => t.key === 'runway-issue-events');

function accepts(event: unknown): boolean {
  const expression = issueEvents?.filter?.expression ?? 'true';
  const evaluate = new Function('event', `return (${expression});`) as (event: unknown) => unknown;
  return evaluate(event) === true;
}

/** An avi:jira:*:issue event as Forge sends it, with the fields the filter may read. */
const event = (fields: Record<string, unknown>) => ({
  eventType: 'avi:jira:updated:issue',
  issue: { id: '10001', key: 'IMP-1', fields: { summary: 'x', ...fields } },
  atlassianId: '5b10a2844c20165700ede21g',
});
const type = (name: string, hierarchyLevel: number) => ({ id: '1', name, hierarchyLevel });

describe('the issue-event trigger filter', () => {
  it('listens to issue created, updated and deleted, ignoring the app’s own changes', () => {
    expect(issueEvents?.events).toEqual([
      'avi:jira:created:issue',
      'avi:jira:updated:issue',
      'avi:jira:deleted:issue',
    ]);
    expect(issueEvents?.filter?.ignoreSelf).toBe(true);
  });

  it('lets through implementations: an Epic with the label, the Implementation type, any Epic', () => {
    expect(accepts(event({ issueType: type('Epic', 1), labels: ['Implementation'] }))).toBe(true);
    expect(accepts(event({ issueType: type('Implementation', 0), labels: [] }))).toBe(true);
    expect(accepts(event({ issueType: type('Epic', 1) }))).toBe(true);
  });

  it('lets through the children of an implementation (milestones, RAID items, gates, tasks)', () => {
    expect(accepts(event({ issueType: type('Risk', 0), parent: { id: '10000', key: 'IMP-1' } }))).toBe(true);
    expect(accepts(event({ issueType: type('Sub-task', -1), parent: { key: 'IMP-7' } }))).toBe(true);
  });

  it('keeps out everything else on the site: a Bug or Story without a parent', () => {
    expect(accepts(event({ issueType: type('Bug', 0), labels: ['customer'] }))).toBe(false);
    expect(accepts(event({ issueType: type('Story', 0), parent: null }))).toBe(false);
    expect(accepts(event({}))).toBe(false);
  });
});
