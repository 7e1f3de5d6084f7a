// The editors of the RAID table's editable cells and of the create form.
import Select, { AsyncSelect } from '@atlaskit/select';
import { DateField } from '../shared/DateField';
import { useEffect, useState } from 'react';
import type { RaidTransition } from '../../src/contracts/raid-log';
import type { SelectOption } from '../shared/form';
import { raidLog } from './api';

/** What every editor takes: the value, its change, and its accessible name. */
interface EditorProps<V> {
  label: string;
  value: V;
  onChange: (v: V) => void;
  /** In a table cell the editor opens focused; in the create form it does not. */
  autoFocus?: boolean;
}

const portal = {
  menuPortalTarget: typeof document === 'undefined' ? undefined : document.body,
  styles: { menuPortal: (base: object) => ({ ...base, zIndex: 9999 }) },
};

export const SCALE_OPTIONS: Array<SelectOption<number | null>> = [
  { label: 'None', value: null },
  ...[1, 2, 3, 4, 5].map((n) => ({ label: String(n), value: n })),
];

export function ScaleEditor({
  label,
  value,
  onChange,
  autoFocus = true,
  inputId,
}: EditorProps<number | null> & { inputId: string }) {
  return (
    <Select<SelectOption<number | null>>
      inputId={inputId}
      aria-label={label}
      autoFocus={autoFocus}
      openMenuOnFocus={autoFocus}
      options={SCALE_OPTIONS}
      value={SCALE_OPTIONS.find((o) => o.value === value) ?? null}
      onChange={(o) => onChange(o?.value ?? null)}
      spacing="compact"
      {...portal}
    />
  );
}

/** A due date in the user's locale: the text input is `#<testId>` (`<testId>-select--input`). */
export function DateEditor({
  label,
  value,
  onChange,
  autoFocus = true,
  testId,
}: EditorProps<string | null> & { testId: string }) {
  return (
    <DateField
      id={testId}
      label={label}
      autoFocus={autoFocus}
      compact
      value={value}
      onChange={onChange}
      testId={testId}
    />
  );
}

export type OwnerOption = SelectOption<string | null>;
export const UNASSIGNED: OwnerOption = { label: 'Unassigned', value: null };

/**
 * Unassigned leads the list only before anything is typed; once the user types a name the people
 * who match come first, so Enter picks the first of them (Unassigned stays last, to be chosen).
 */
async function loadOwners(query: string): Promise<OwnerOption[]> {
  const r = await raidLog.owners(query);
  if (!r.ok) return [UNASSIGNED];
  const people = r.data.map((u) => ({ label: u.displayName, value: u.accountId }));
  return query.trim() === '' ? [UNASSIGNED, ...people] : [...people, UNASSIGNED];
}

export function OwnerEditor({
  label,
  value,
  onChange,
  autoFocus = true,
  inputId,
}: EditorProps<OwnerOption | null> & { inputId: string }) {
  return (
    <AsyncSelect<OwnerOption>
      inputId={inputId}
      aria-label={label}
      autoFocus={autoFocus}
      defaultOptions
      cacheOptions
      loadOptions={loadOwners}
      value={value}
      onChange={(o) => onChange(o ?? null)}
      placeholder="Search people"
      spacing="compact"
      {...portal}
    />
  );
}

/** The statuses an item can move to: its transitions, fetched when the editor opens. */
export function StatusEditor({
  itemKey,
  label,
  value,
  onChange,
  inputId,
}: Omit<EditorProps<string | null>, 'autoFocus'> & { itemKey: string; inputId: string }) {
  const [transitions, setTransitions] = useState<RaidTransition[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void raidLog.transitions(itemKey).then((r) => {
      if (!current) return;
      if (r.ok) setTransitions(r.data);
      else setError(r.error);
    });
    return () => {
      current = false;
    };
  }, [itemKey]);
  const options = (transitions ?? []).map((t) => ({
    label: t.to === t.name ? t.to : `${t.to} (${t.name})`,
    value: t.id,
  }));
  return (
    <Select<SelectOption<string>>
      inputId={inputId}
      aria-label={label}
      autoFocus
      openMenuOnFocus
      isLoading={transitions === null && error === null}
      options={options}
      value={options.find((o) => o.value === value) ?? null}
      onChange={(o) => onChange(o?.value ?? null)}
      placeholder={error ?? 'Move to…'}
      noOptionsMessage={() => error ?? 'No transitions'}
      spacing="compact"
      {...portal}
    />
  );
}
