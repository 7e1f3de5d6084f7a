/** fast-check arbitraries of plausible Jira exports, built with the test builders. */
import fc from 'fast-check';
import { dayNumber, fromDayNumber, type JiraChangelogItem, type JiraIssue } from '../../src/domain';
import {
  anImplementation,
  done,
  dueDateChange,
  history,
  resolutionCleared,
  resolutionSet,
  statusChange,
  type IssueSpec,
} from './jira';

export const arbDate = (from = '2025-06-01', to = '2026-12-31') =>
  fc.integer({ min: dayNumber(from), max: dayNumber(to) }).map(fromDayNumber);

export const arbTimestamp = (from?: string, to?: string) =>
  fc
    .tuple(
      arbDate(from, to),
      fc.integer({ min: 0, max: 23 }),
      fc.constantFrom('+0000', '-0800', '+0530', '-0500', '+1400'),
    )
    .map(([d, h, o]) => `${d}T${String(h).padStart(2, '0')}:15:00.000${o}`);

const STATUSES = [
  'To Do',
  'Backlog',
  'In Progress',
  'Failed',
  'Rejected',
  'Done',
  'Approved',
  'Live',
  'Hypercare',
  'Reopened',
  'On Hold',
];
const arbItem: fc.Arbitrary<JiraChangelogItem> = fc.oneof(
  fc.tuple(fc.constantFrom(...STATUSES), fc.constantFrom(...STATUSES)).map(([a, b]) => statusChange(a, b)),
  fc.constant(resolutionSet()),
  fc.constant(resolutionCleared()),
  fc.tuple(fc.option(arbDate()), fc.option(arbDate())).map(([a, b]) => dueDateChange(a, b)),
);
const arbHistories = fc.array(
  fc
    .tuple(arbTimestamp(), fc.array(arbItem, { minLength: 1, maxLength: 3 }))
    .map(([at, items]) => history(at, ...items)),
  { maxLength: 4 },
);

/** Status histories of an implementation put on hold and resumed, in time order (spells). */
const arbHoldHistories = fc
  .array(fc.tuple(arbTimestamp(), fc.constantFrom('On Hold', 'In Progress', 'Live', 'To Do')), {
    maxLength: 6,
  })
  .map((steps) => {
    const sorted = [...steps].sort(([a], [b]) => Date.parse(a) - Date.parse(b));
    let from = 'To Do';
    return sorted.map(([at, to]) => {
      const h = history(at, statusChange(from, to));
      from = to;
      return h;
    });
  });

const arbCustom = fc.record(
  {
    'Baseline Due': arbDate(),
    'Gate Type': fc.constantFrom('Handover', 'UAT Readiness', 'Go-Live Readiness'),
    'Integration Runs': fc.integer({ min: -5, max: 500 }),
    'Failed Runs': fc.integer({ min: -5, max: 600 }),
    'Records Expected': fc.integer({ min: -5, max: 10_000 }),
    'Records Reconciled': fc.integer({ min: -5, max: 12_000 }),
    Probability: fc.constantFrom('1', '3', '5'),
  },
  { requiredKeys: [] },
);

export const arbChild = (created = arbTimestamp()): fc.Arbitrary<IssueSpec> =>
  fc
    .record({
      type: fc.constantFrom(
        'Milestone',
        'Risk',
        'Gate',
        'Bug',
        'Incident',
        'Task',
        'Story',
        'Change Request',
        'Dependency',
      ),
      labels: fc.subarray([
        'uat',
        'deliverable',
        'integration',
        'migration',
        'escalation',
        'first-value',
        'go-live',
        'implementation-caused',
        'improvement',
      ]),
      created,
      resolvedAt: fc.option(arbTimestamp()),
      status: fc.constantFrom(...STATUSES),
      duedate: fc.option(arbDate()),
      priority: fc.constantFrom('Highest', 'High', 'Medium', null),
      originalEstimate: fc.option(fc.integer({ min: -10, max: 100_000 })),
      timeSpent: fc.option(fc.integer({ min: 0, max: 200_000 })),
      custom: arbCustom,
      histories: arbHistories,
    })
    .map(({ resolvedAt, ...spec }) => ({ ...spec, ...(resolvedAt === null ? {} : done(resolvedAt)) }));

export const arbImplementation = (
  created = arbTimestamp(),
  childCreated = arbTimestamp(),
): fc.Arbitrary<JiraIssue[]> =>
  fc
    .record({
      created,
      labels: fc.constantFrom(['implementation'], ['implementation', 'playbook:x']).map((l) => [...l]),
      custom: fc.record(
        {
          'Contract Signed': arbDate(),
          'Kickoff Date': arbDate(),
          'First Value Date': arbDate(),
          'Go-Live Date': arbDate(),
          Complexity: fc.constantFrom('Standard', 'Advanced', 'Enterprise', 'Bespoke'),
          CSAT: fc.double({ min: 0, max: 6, noNaN: true }),
          'Stakeholder Confidence': fc.double({ min: 0, max: 6, noNaN: true }),
        },
        { requiredKeys: [] },
      ),
      originalEstimate: fc.option(fc.integer({ min: 0, max: 100_000 })),
      histories: fc.oneof(arbHistories, arbHoldHistories),
      children: fc.array(arbChild(childCreated), { maxLength: 8 }),
    })
    .map((spec) => anImplementation(spec));

export const arbPortfolio = fc
  .array(arbImplementation(), { minLength: 1, maxLength: 4 })
  .map((l) => l.flat());
