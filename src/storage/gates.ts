// The stage gates' audit record: one append-only log per implementation (sign-offs, rejections,
// overrides, evidence added or removed), keyed by the implementation's issue id, which survives a
// move to another project. Entries are AuditRecordSchema (the domain's record), parsed on read.
import { AuditRecordSchema } from '../domain/gates/audit';
import { appendOnlyLog } from './log';
import type { TypedStore } from './store';

/** The log's name for an implementation (its issue id, else its key). */
export const auditLogName = (issueId: string): string => `gates:${issueId}`;

/** The audit record of one implementation. */
export function auditLog(store: TypedStore, issueId: string) {
  return appendOnlyLog(store, auditLogName(issueId), AuditRecordSchema);
}
