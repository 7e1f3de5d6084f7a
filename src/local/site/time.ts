// Jira writes timestamps as `2026-03-10T23:30:00.000-0800`: local time plus a compact offset.

const DAY_MS = 86_400_000;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60), 2)}${pad(abs % 60, 2)}`;
}

/** Epoch ms → Jira timestamp in the given fixed offset. */
export function formatJiraTimestamp(epochMs: number, offsetMinutes: number): string {
  const local = new Date(epochMs + offsetMinutes * 60_000).toISOString(); // 2026-03-10T23:30:00.000Z
  return local.slice(0, 23) + formatOffset(offsetMinutes);
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|[+-]\d{2}:?\d{2})?$/;

/** Jira or ISO timestamp → epoch ms; NaN when unreadable. */
export function parseJiraTimestamp(value: string): number {
  const m = TIMESTAMP.exec(value);
  if (!m) return Number.NaN;
  const ms = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), ms);
  const zone = m[8];
  if (!zone || zone === 'Z') return utc;
  const digits = zone.replace(':', '');
  const offset = (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5))) * (digits[0] === '-' ? -1 : 1);
  return utc - offset * 60_000;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` → epoch ms of its UTC midnight; NaN when not a real date. */
export function parseDate(value: string): number {
  const m = DATE.exec(value);
  if (!m) return Number.NaN;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === value ? ms : Number.NaN;
}

export function formatDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return formatDate(parseDate(date) + days * DAY_MS);
}

/** The way Jira writes a date field in changelog strings. */
export function changelogDateString(date: string | null): string | null {
  return date === null ? null : `${date} 00:00:00.0`;
}

/** Confluence v2 writes UTC instants as `2026-03-10T23:30:00.000Z`. */
export function formatIsoInstant(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

export { DAY_MS };
