// Where a setting is, said in words for the admin who fixes it: "Holidays, item 2", not
// `holidays.1`; "Fields, First Value Date", not `fieldNames.firstValue`; "Gate 4, criterion 1".
import { LOGICAL_FIELDS } from './config';
import { LABEL_WORDS } from './gates/criterion-kinds';
import { KPI_DEFINITIONS } from './kpis/definitions';

/** "First Value Date" → "First value date"; words in capitals (CSAT, UAT) stay as they are. */
export const sentenceCase = (name: string): string =>
  name
    .split(/(\s+|-)/)
    .map((w, i) => (i === 0 || /^[A-Z0-9]{2,}$/.test(w) ? w : w.toLowerCase()))
    .join('');

/** The logical fields of data-model.md as Settings labels them: "First value date", not `firstValue`. */
export const FIELD_WORDS = Object.fromEntries(
  Object.entries(LOGICAL_FIELDS).map(([key, name]) => [key, sentenceCase(name)]),
) as Readonly<Record<keyof typeof LOGICAL_FIELDS, string>>;

/** "firstValue" → "first value"; "raidKinds" → "raid kinds". */
const words = (key: string): string =>
  key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();

const lookup = (table: Readonly<Record<string, string>>, key: string | undefined): string | undefined =>
  key !== undefined && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;

const KPI_NAMES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.values(KPI_DEFINITIONS).map((d) => [d.id, d.label]),
);

/** Names of settings whose key alone does not say it the way the page does. */
const SECTION_WORDS: Readonly<Record<string, string>> = {
  fieldNames: 'Fields',
  fieldIds: 'Fields',
  targets: 'KPI targets',
  enforcement: 'Enforcement rule',
  requiredGates: 'gates needed',
  requiredApprovals: 'approvals needed',
  users: 'people',
  dueSoonBusinessDays: 'business days ahead',
  gateWaitingDays: 'calendar days waiting',
};

/** How list items are counted under a key: "Gate 2", "criterion 3"; other lists say "item". */
const ITEM_WORDS: Readonly<Record<string, string>> = {
  gates: 'Gate',
  criteria: 'criterion',
  enforcement: 'Enforcement rule',
};

/** A path of the settings (`gates.2.approvers.groups`) in words, list items counted from 1. */
export function settingPathInWords(path: string): string {
  if (path === '') return 'The settings as a whole';
  const keys = path.split('.');
  const parts: string[] = [];
  keys.forEach((key, i) => {
    const parent = keys[i - 1];
    // "gates.3" reads "Gate 4": the list's own name is said by its item.
    if (lookup(ITEM_WORDS, key) && /^\d+$/.test(keys[i + 1] ?? '')) return;
    if (/^\d+$/.test(key)) {
      parts.push(`${lookup(ITEM_WORDS, parent) ?? 'item'} ${Number(key) + 1}`);
      return;
    }
    const named =
      parent === 'fieldNames' || parent === 'fieldIds'
        ? lookup(FIELD_WORDS, key)
        : parent === 'labels'
          ? lookup(LABEL_WORDS, key)
          : parent === 'targets'
            ? lookup(KPI_NAMES, key)
            : undefined;
    parts.push(named ?? lookup(SECTION_WORDS, key) ?? words(key));
  });
  const text = parts.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The same error once: a path and message reported twice (by two checks) is listed once. */
export function distinctErrors<E extends { path: string; message: string }>(errors: readonly E[]): E[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.path}\n${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
