// The one date format of the surfaces (static/shared/dates.ts): the user's locale for display,
// calendar dates that never shift a day, instants in the user's time zone, and what people type
// into a date picker read back in their locale.
import fc from 'fast-check';
import {
  dateLocale,
  formatDate,
  formatDatesIn,
  formatDateTime,
  formatMonth,
  parseDate,
  setDateLocale,
} from '../../static/shared/dates';

describe('dates in the user’s locale', () => {
  afterEach(() => setDateLocale('en-US', 'UTC'));

  it('shows the dates inside an engine sentence in the locale, leaving other numbers alone', () => {
    expect(
      formatDatesIn(
        'go-live milestone due 2027-04-01 + median slip 3 days; 2027-03-30 is past, so today.',
        'de-DE',
      ),
    ).toBe('go-live milestone due 01.04.2027 + median slip 3 days; 30.03.2027 is past, so today.');
    expect(formatDatesIn('Went live on 2027-04-01.')).toBe('Went live on Apr 1, 2027.');
    expect(formatDatesIn('ref 2027-02-30 and 12027-04-01x', 'en-US')).toBe('ref 2027-02-30 and 12027-04-01x');
  });

  it('shows a calendar date in the locale, the same day whatever the time zone', () => {
    expect(formatDate('2027-04-01', 'en-US')).toBe('Apr 1, 2027');
    expect(formatDate('2027-04-01', 'en-GB')).toBe('1 Apr 2027');
    expect(formatDate('2027-04-01', 'de-DE')).toBe('01.04.2027');
    setDateLocale('en_GB', 'Pacific/Honolulu');
    expect(formatDate('2027-04-01')).toBe('1 Apr 2027');
    expect(formatMonth('2026-12-01')).toBe('Dec 2026');
  });

  it('leaves what is not a calendar date as it is', () => {
    expect(formatDate('2027-02-30', 'en-US')).toBe('2027-02-30');
    expect(formatDate('soon', 'en-US')).toBe('soon');
  });

  it('shows an instant in the user’s time zone, naming it', () => {
    expect(formatDateTime('2026-11-23T13:05:00.000Z', { locale: 'en-US', timeZone: 'UTC' })).toBe(
      'Nov 23, 2026, 1:05 PM UTC',
    );
    expect(formatDateTime('2026-11-23T13:05:00.000Z', { locale: 'en-GB', timeZone: 'Europe/Berlin' })).toBe(
      '23 Nov 2026, 14:05 CET',
    );
  });

  it('keeps the fallback (en-US, UTC) for a locale or time zone Intl does not know', () => {
    setDateLocale('xx-not-a-locale-at-all', 'Mars/Olympus');
    expect(dateLocale()).toBe('en-US');
    expect(formatDateTime('2026-11-23T13:05:00.000Z')).toBe('Nov 23, 2026, 1:05 PM UTC');
  });

  it('reads what people type: ISO, the locale’s numeric order, or the month’s name', () => {
    expect(parseDate('2027-04-01', 'de-DE')).toBe('2027-04-01');
    expect(parseDate('4/1/2027', 'en-US')).toBe('2027-04-01');
    expect(parseDate('1/4/2027', 'en-GB')).toBe('2027-04-01');
    expect(parseDate('1.4.27', 'de-DE')).toBe('2027-04-01');
    expect(parseDate('Apr 1, 2027', 'en-US')).toBe('2027-04-01');
    expect(parseDate('1 April 2027', 'en-GB')).toBe('2027-04-01');
    expect(parseDate('1. April 2027', 'de-DE')).toBe('2027-04-01');
    expect(parseDate('31/2/2027', 'en-GB')).toBeNull();
    expect(parseDate('next week', 'en-US')).toBeNull();
  });

  it('reads back every date it shows, in every locale of the picker', () => {
    const day = fc
      .date({
        min: new Date(Date.UTC(1990, 0, 1)),
        max: new Date(Date.UTC(2099, 11, 31)),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    const locale = fc.constantFrom('en-US', 'en-GB', 'de-DE', 'fr-FR', 'es-ES', 'pt-BR');
    fc.assert(
      fc.property(day, locale, (iso, loc) => {
        expect(parseDate(formatDate(iso, loc), loc)).toBe(iso);
      }),
    );
  });
});
