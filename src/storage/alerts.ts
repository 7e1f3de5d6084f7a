// App data of the daily alerts (shared/spec/alerts.md, "Delivery"):
// - what was delivered, once per state: `alerts:sent:<recipient>:<rule>:<issue>` → the state
//   the alert was in when it went out (and the day), deleted once the alert stops firing so it
//   is sent again when it fires anew;
// - the day of each recipient's last digest (`alerts:digest:<recipient>`): one a day at most;
// - since when each gate has been ready for approval (`alerts:ready:<implementation>:<gate>`),
//   which `gate_waiting` counts from;
// - the last run, for the host's outbox page and for support.
import { z } from 'zod';
import { isoDate } from '../contracts/dates';
import { keyPart, storageKey, type TypedStore } from './store';

export const SentAlert = z.object({
  /** FiredAlert.state when it was delivered. */
  state: z.string(),
  on: isoDate,
});
export type SentAlert = z.infer<typeof SentAlert>;

const SENT_PREFIX = `${storageKey('alerts', 'sent')}:`;

/** The identity of a delivery: who, which rule, which issue. */
export const deliveryId = (recipient: string, rule: string, issue: string): string =>
  `${keyPart(recipient)}:${keyPart(rule)}:${keyPart(issue)}`;

/** Every delivery still remembered, by deliveryId. */
export async function readSentAlerts(store: TypedStore): Promise<Map<string, SentAlert>> {
  const rows = await store.list(SENT_PREFIX, SentAlert);
  return new Map(rows.map((r) => [r.key.slice(SENT_PREFIX.length), r.value]));
}

export const writeSentAlert = (store: TypedStore, id: string, sent: SentAlert) =>
  store.set(`${SENT_PREFIX}${id}`, SentAlert, sent);

export const forgetSentAlert = (store: TypedStore, id: string) => store.delete(`${SENT_PREFIX}${id}`);

const LastDigest = z.object({ on: isoDate });
const digestKey = (recipient: string) => storageKey('alerts', 'digest', recipient);

export async function lastDigestDay(store: TypedStore, recipient: string): Promise<string | undefined> {
  return (await store.get(digestKey(recipient), LastDigest))?.on;
}

export const writeDigestDay = (store: TypedStore, recipient: string, on: string) =>
  store.set(digestKey(recipient), LastDigest, { on });

const ReadySince = z.object({ since: isoDate });
const READY_PREFIX = `${storageKey('alerts', 'ready')}:`;
/** Per implementation (its issue id, which survives a move) and gate id. */
export const readyId = (implementationId: string, gateId: string) =>
  `${keyPart(implementationId)}:${keyPart(gateId)}`;

export async function readReadySince(store: TypedStore): Promise<Map<string, string>> {
  const rows = await store.list(READY_PREFIX, ReadySince);
  return new Map(rows.map((r) => [r.key.slice(READY_PREFIX.length), r.value.since]));
}

export const writeReadySince = (store: TypedStore, id: string, since: string) =>
  store.set(`${READY_PREFIX}${id}`, ReadySince, { since });

export const forgetReadySince = (store: TypedStore, id: string) => store.delete(`${READY_PREFIX}${id}`);

export const AlertsRun = z.object({
  asOf: isoDate,
  startedAt: z.number().int(),
  finishedAt: z.number().int(),
  implementations: z.number().int(),
  alerts: z.number().int(),
  /** Digests sent, and the alerts in them. */
  digests: z.number().int(),
  delivered: z.number().int(),
  /** Alerts not sent because the recipient cannot see the issue or its implementation. */
  withheld: z.number().int(),
  /** Alerts kept for tomorrow: the recipient already had today's digest. */
  deferred: z.number().int(),
  /** Alerts that fired but had been delivered in this state already. */
  alreadySent: z.number().int(),
  failures: z.array(z.string()),
  /** Set when the run stopped early (deadline or error). */
  incomplete: z.string().optional(),
});
export type AlertsRun = z.infer<typeof AlertsRun>;

const RUN_KEY = storageKey('alerts', 'run', 'last');
export const readLastAlertsRun = (store: TypedStore) => store.get(RUN_KEY, AlertsRun);
export const writeLastAlertsRun = (store: TypedStore, run: AlertsRun) => store.set(RUN_KEY, AlertsRun, run);
