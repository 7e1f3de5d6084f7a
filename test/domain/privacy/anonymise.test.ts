// Anonymising closed accounts in the gate audit record: the record stays complete and in order,
// only the actor's account id changes, and what the record decides about each gate does not.
import fc from 'fast-check';
import { AuditRecordSchema, foldAudit, type AuditRecord } from '../../../src/domain';
import { FORMER_USER, nameOf } from '../../../src/domain/people';
import {
  accountsToReport,
  anonymiseAuditLog,
  approversWithout,
  assignMarkers,
  batches,
  isAnonymised,
  isReportableAccount,
} from '../../../src/domain/privacy';

const ACCOUNTS = ['acc-ana', 'acc-ben', 'acc-cy', 'acc-dee', '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077'];
const GATES = ['designSignOff', 'uatReadiness'];

const entry = (
  i: number,
  action: 'approve' | 'reject' | 'override',
  gateId: string,
  by: string,
): AuditRecord => ({
  action,
  at: new Date(Date.UTC(2026, 5, 1, 9, i)).toISOString(),
  by: { accountId: by },
  gateId,
  gateStatus: 'awaitingApproval',
  criteria: [{ title: 'Design deliverables done', status: 'pass', detail: `entry ${i}`, issues: [] }],
  comment: action === 'approve' ? '' : `why ${i}`,
});

const records = fc
  .array(
    fc.record({
      action: fc.constantFrom('approve' as const, 'reject' as const, 'override' as const),
      gateId: fc.constantFrom(...GATES),
      by: fc.constantFrom(...ACCOUNTS),
    }),
    { maxLength: 40 },
  )
  .map((list) => list.map((r, i) => entry(i, r.action, r.gateId, r.by)));

const markersFor = (closed: string[], next = 1) =>
  new Map(Object.entries(assignMarkers(closed, { next, pending: {} }).pending));

describe('anonymising the gate audit record', () => {
  it('keeps every entry, in order, changing only the account id of closed accounts', () => {
    fc.assert(
      fc.property(records, fc.subarray(ACCOUNTS), (log, closed) => {
        const markers = markersFor(closed);
        const after = anonymiseAuditLog(log, markers);
        expect(after).toHaveLength(log.length);
        after.forEach((a, i) => {
          const { by: beforeBy, ...beforeRest } = log[i];
          const { by: afterBy, ...afterRest } = a;
          expect(afterRest).toEqual(beforeRest);
          expect(afterBy.accountId).toBe(markers.get(beforeBy.accountId) ?? beforeBy.accountId);
        });
        expect(after.some((a) => closed.includes(a.by.accountId))).toBe(false);
      }),
    );
  });

  it('decides every gate as before: distinct people stay distinct, one person stays one', () => {
    fc.assert(
      fc.property(records, fc.subarray(ACCOUNTS), (log, closed) => {
        const before = foldAudit(log);
        const after = foldAudit(anonymiseAuditLog(log, markersFor(closed)));
        for (const gateId of GATES) {
          const b = before.get(gateId);
          const a = after.get(gateId);
          expect([a?.approvalCount, a?.approvals.length, a?.rejections.length, a?.override?.comment]).toEqual(
            [b?.approvalCount, b?.approvals.length, b?.rejections.length, b?.override?.comment],
          );
        }
      }),
    );
  });

  it('gives each closed account its own marker, numbered on from earlier runs, and reuses a marker a stopped run gave', () => {
    const first = assignMarkers(['acc-ana', 'acc-ben'], { next: 4, pending: { 'acc-cy': 'anonymised-3' } });
    expect(first).toEqual({
      next: 6,
      pending: { 'acc-cy': 'anonymised-3', 'acc-ana': 'anonymised-4', 'acc-ben': 'anonymised-5' },
    });
    expect(assignMarkers(['acc-cy'], first)).toEqual(first);
    // A marker is no account: never given a marker, never reported, never looked up.
    expect(assignMarkers(['anonymised-3', 'app'], { next: 1, pending: {} })).toEqual({
      next: 1,
      pending: {},
    });
    expect(isAnonymised('anonymised-3')).toBe(true);
    expect(['anonymised-3', 'app', 'unknown', '', 'acc-ana'].map(isReportableAccount)).toEqual([
      false,
      false,
      false,
      false,
      true,
    ]);
  });

  it('shows an anonymised account, and one the lookup did not answer for, as a former user', () => {
    const people = new Map([['acc-ana', 'Ana Lima']]);
    expect([nameOf('acc-ana', people), nameOf('acc-ben', people), nameOf('anonymised-1', people)]).toEqual([
      'Ana Lima',
      FORMER_USER,
      FORMER_USER,
    ]);
  });

  it('takes a closed approver out of the settings (a marker there would name an approver nobody can be)', () => {
    expect(
      approversWithout({ users: ['acc-ana', 'acc-ben'], groups: ['leads'] }, markersFor(['acc-ana'])),
    ).toEqual({
      users: ['acc-ben'],
      groups: ['leads'],
    });
  });
});

describe('the accounts reported', () => {
  it('are each account once, with the latest time Runway stored it (else the run’s start), markers and the app left out', () => {
    const reported = accountsToReport(
      [
        { accountId: 'acc-ben', at: '2026-06-01T09:00:00Z' },
        { accountId: 'acc-ana' },
        { accountId: 'acc-ben', at: '2026-06-03T09:00:00+02:00' },
        { accountId: 'acc-ben', at: 'not a date' },
        { accountId: 'anonymised-1', at: '2026-06-03T09:00:00Z' },
        { accountId: 'app' },
      ],
      '2026-12-06T06:00:00.000Z',
    );
    expect(reported).toEqual([
      { accountId: 'acc-ana', updatedAt: '2026-12-06T06:00:00.000Z' },
      { accountId: 'acc-ben', updatedAt: '2026-06-03T07:00:00.000Z' },
    ]);
  });

  it('go at most 90 a request', () => {
    const sizes = batches(Array.from({ length: 181 }, (_, i) => i)).map((b) => b.length);
    expect(sizes).toEqual([90, 90, 1]);
  });
});

describe('an older audit entry that kept a display name', () => {
  it('is read with the account id only: the stored name is dropped, never shown', () => {
    const old = {
      ...entry(1, 'approve', 'designSignOff', 'acc-ana'),
      by: { accountId: 'acc-ana', displayName: 'Ana (2025)' },
    };
    expect(AuditRecordSchema.parse(old).by).toEqual({ accountId: 'acc-ana' });
    // Anything else in the actor is still refused: the record is parsed, not trusted.
    expect(AuditRecordSchema.safeParse({ ...old, by: { accountId: 'acc-ana', email: 'a@x' } }).success).toBe(
      false,
    );
  });
});
