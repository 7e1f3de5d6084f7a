// Every date input: Atlaskit's date picker, showing and reading dates in the user's locale
// (./dates.ts), its value an ISO calendar date (`2027-04-01`) or null when cleared.
import { DatePicker } from '@atlaskit/datetime-picker';
import { dateLocale, formatDate, parseDate } from './dates';

export function DateField({
  id,
  label,
  value,
  onChange,
  isInvalid,
  isRequired,
  isDisabled,
  autoFocus,
  describedBy,
  compact,
  testId,
}: {
  /** The input's id, for a `<label htmlFor>`. */
  id?: string;
  /** The accessible name when no visible label names the field. */
  label?: string;
  value: string | null;
  onChange: (value: string | null) => void;
  isInvalid?: boolean;
  isRequired?: boolean;
  isDisabled?: boolean;
  autoFocus?: boolean;
  /** Id of the error or help text that describes the field. */
  describedBy?: string;
  compact?: boolean;
  /** `<testId>-select--input` is the text input, `<testId>--container` the picker. */
  testId?: string;
}) {
  const locale = dateLocale();
  return (
    <DatePicker
      id={id}
      label={label}
      value={value ?? ''}
      onChange={(v) => onChange(v === '' ? null : v)}
      locale={locale}
      formatDisplayLabel={(v) => formatDate(v, locale)}
      parseInputValue={(text) => {
        const iso = parseDate(text, locale);
        if (iso === null) return new Date(Number.NaN);
        const [y, m, d] = iso.split('-').map(Number);
        return new Date(y, m - 1, d);
      }}
      placeholder={formatDate('2027-04-01', locale)}
      isInvalid={isInvalid}
      isRequired={isRequired}
      isDisabled={isDisabled}
      autoFocus={autoFocus}
      aria-describedby={describedBy}
      spacing={compact ? 'compact' : 'default'}
      clearControlLabel={label ? `Clear ${label}` : 'Clear date'}
      testId={testId}
    />
  );
}
