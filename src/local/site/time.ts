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

const TWO = Array.from({ length: 60 }, (_, i) => pad(i, 2));
const THREE = Array.from({ length: 1000 }, (_, i) => pad(i, 3));
const dayStrings = new Map<number, string>();
const offsetStrings = new Map<number, string>();
const PARTS = ['', 'T', '', ':', '', ':', '', '.', '', ''];

/** Epoch ms → Jira timestamp in the given fixed offset. Hot in the demo generator: no Date. */
export function formatJiraTimestamp(epochMs: number, offsetMinutes: number): string {
  const local = epochMs + offsetMinutes * 60_000;
  const day = Math.floor(local / DAY_MS);
  let rest = local - day * DAY_MS;
  let date = dayStrings.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dayStrings.set(day, date);
  }
  let zone = offsetStrings.get(offsetMinutes);
  if (zone === undefined) {
    zone = formatOffset(offsetMinutes);
    offsetStrings.set(offsetMinutes, zone);
  }
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  const ms = Math.floor(rest - s * 1000);
  // join() gives one flat string; a template literal would keep a rope of ten pieces alive.
  PARTS[0] = date;
  PARTS[2] = TWO[h];
  PARTS[4] = TWO[m];
  PARTS[6] = TWO[s];
  PARTS[8] = THREE[ms];
  PARTS[9] = zone;
  return PARTS.join('');
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|[+-]\d{2}:?\d{2})?$/;

/** Jira or ISO timestamp → epoch ms; NaN when unreadable. */
export function parseJiraTimestamp(value: string): number {
  const m = TIMESTAMP.exec(value);
  if (!m) return Number.NaN;
  const ms = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
  const utc = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6]),
    ms,
  );
  const zone = m[8];
  if (!zone || zone === 'Z') return utc;
  const digits = zone.replace(':', '');
  const offset =
    (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5))) * (digits[0] === '-' ? -1 : 1);
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
