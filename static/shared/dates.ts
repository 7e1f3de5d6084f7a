// One date format on every surface: the user's locale and time zone, as Forge gives them in the
// frame's context (`locale`, `timezone`; read once by ./locale.ts before the surface renders).
// Calendar dates (`2027-04-01`: due dates, kickoff, as-of) are read in UTC so they never shift a
// day; instants (sign-offs, audit entries) show in the user's time zone, naming it. The date
// pickers (./DateField) show and read dates in the same format.

interface DateLocale {
  locale: string;
  timeZone: string;
}

const FALLBACK: DateLocale = { locale: 'en-US', timeZone: 'UTC' };
let current: DateLocale = FALLBACK;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function supported(locale: unknown): locale is string {
  if (typeof locale !== 'string' || locale === '') return false;
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale.replace('_', '-')]).length > 0;
  } catch {
    return false;
  }
}

function knownZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || timeZone === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Sets the user's locale (`en-US`, Jira's `en_US` too) and time zone; anything unknown keeps the fallback. */
export function setDateLocale(locale: unknown, timeZone: unknown): void {
  current = {
    locale: supported(locale) ? locale.replace('_', '-') : FALLBACK.locale,
    timeZone: knownZone(timeZone) ? timeZone : FALLBACK.timeZone,
  };
}

export function dateLocale(): string {
  return current.locale;
}

/** The UTC midnight of a calendar date, or null when `iso` is not one (e.g. `2027-02-30`). */
function calendarDate(iso: string): Date | null {
  const m = ISO_DATE.exec(iso);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === iso ? d : null;
}

/** `2027-04-01` → `Apr 1, 2027` (en-US), `1 Apr 2027` (en-GB), `01.04.2027` (de-DE). */
export function formatDate(iso: string, locale = current.locale): string {
  const d = calendarDate(iso);
  if (!d) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

/**
 * A sentence from the engine with its calendar dates in the user's locale: `Went live on 2027-04-01.`
 * → `Went live on Apr 1, 2027.` For words that arrive finished (a forecast's explanation, computed and
 * stored with the snapshot); anything that is not a real date is left as it is.
 */
export function formatDatesIn(text: string, locale = current.locale): string {
  return text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (iso) => formatDate(iso, locale));
}

/** A calendar month: `2026-12-01` → `Dec 2026`. */
export function formatMonth(iso: string, locale = current.locale): string {
  const d = calendarDate(iso);
  if (!d) return iso;
  return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** An instant in the user's time zone, naming it: `Nov 23, 2026, 1:05 PM UTC`. */
export function formatDateTime(instant: string, options: Partial<DateLocale> = {}): string {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return instant;
  return new Intl.DateTimeFormat(options.locale ?? current.locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: options.timeZone ?? current.timeZone,
    timeZoneName: 'short',
  }).format(d);
}

const pad = (n: number) => String(n).padStart(2, '0');

function isoOf(year: number, month: number, day: number): string | null {
  const iso = `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
  return calendarDate(iso) ? iso : null;
}

/** Month names (long and short, lower case, without dots) of the locale and of English. */
function monthNames(locale: string): string[][] {
  const names = (loc: string, month: 'long' | 'short') =>
    Array.from({ length: 12 }, (_, i) =>
      new Intl.DateTimeFormat(loc, { month, timeZone: 'UTC' })
        .format(new Date(Date.UTC(2020, i, 1)))
        .toLowerCase()
        .replace(/\./g, ''),
    );
  const lists = [names(locale, 'long'), names(locale, 'short'), names('en', 'long'), names('en', 'short')];
  return Array.from({ length: 12 }, (_, i) => lists.map((l) => l[i]));
}

/**
 * What a person typed as a date, in the locale's formats: `2027-04-01`, the locale's numeric order
 * (`4/1/2027` en-US, `1/4/2027` en-GB, `1.4.2027` de-DE) or with the month's name (`Apr 1, 2027`,
 * `1 April 2027`). Null when it is not a date.
 */
export function parseDate(text: string, locale = current.locale): string | null {
  const t = text.trim();
  if (ISO_DATE.test(t)) return calendarDate(t) ? t : null;
  const numbers = (t.match(/\d+/g) ?? []).map(Number);
  const words = (t.toLowerCase().match(/\p{L}+/gu) ?? []).filter((w) => w.length > 1);
  const fullYear = (y: number) => (y < 100 ? 2000 + y : y);
  if (words.length === 0 && numbers.length === 3) {
    const parts: string[] = new Intl.DateTimeFormat(locale, { timeZone: 'UTC' })
      .formatToParts(new Date(Date.UTC(2020, 0, 2)))
      .map((p) => p.type);
    const order = parts.filter((type) => ['day', 'month', 'year'].includes(type));
    const at = (type: string) => numbers[order.indexOf(type)];
    if (order.length !== 3) return null;
    return isoOf(fullYear(at('year')), at('month'), at('day'));
  }
  if (numbers.length === 2) {
    const months = monthNames(locale);
    const month = months.findIndex((names) =>
      words.some((w) => names.some((n) => n === w || (w.length >= 3 && n.startsWith(w)))),
    );
    if (month < 0) return null;
    const [a, b] = numbers;
    const [day, year] = a > 31 || (a >= 100 && b <= 31) ? [b, a] : [a, b];
    return isoOf(fullYear(year), month + 1, day);
  }
  return null;
}
