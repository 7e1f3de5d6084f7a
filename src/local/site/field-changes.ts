// The change one write makes to one field (a custom field, a user field, the labels), validated:
// a Change to apply, or the message Jira gives for that field.

import { customDateString, item } from './changelog';
import { isRecord } from './http';
import { findUser } from './lookup';
import type { ChangeItemJson, SiteField, SiteIssue, SiteState } from './model';
import { parseDate } from './time';

/** A pending change: what to do to the issue and the changelog item it produces. */
export interface Change {
  apply: () => void;
  items: ChangeItemJson[];
}

export function cannotSet(id: string): string {
  return `Field '${id}' cannot be set. It is not on the appropriate screen, or unknown.`;
}

function selectOption(field: SiteField, value: unknown) {
  if (value === null) return null;
  if (!isRecord(value)) return undefined;
  const options = (field.contexts ?? []).flatMap((c) => c.options).filter((o) => !o.disabled);
  const option =
    typeof value.id === 'string'
      ? options.find((o) => o.id === value.id)
      : typeof value.value === 'string'
        ? options.find((o) => o.value === value.value)
        : undefined;
  return option;
}

/** The stored JSON of a select option, as Jira writes it in fields. */
export function optionJson(state: SiteState, option: { id: string; value: string }) {
  return {
    self: `${state.baseUrl}/rest/api/3/customFieldOption/${option.id}`,
    value: option.value,
    id: option.id,
  };
}

export function customChange(
  state: SiteState,
  issue: SiteIssue,
  field: SiteField,
  value: unknown,
): Change | string {
  const id = field.id;
  const before = issue.custom[id] ?? null;
  const set = (next: unknown) => () => {
    if (next === null) delete issue.custom[id];
    else issue.custom[id] = next;
  };
  switch (field.kind) {
    case 'select': {
      const option = selectOption(field, value);
      if (option === undefined) return `Specify a valid 'id' or 'name' for ${field.name}`;
      const prev = isRecord(before) ? before : null;
      if ((prev?.id ?? null) === (option?.id ?? null)) return { apply: () => undefined, items: [] };
      return {
        apply: set(option ? optionJson(state, option) : null),
        items: [
          item(
            field.name,
            id,
            prev ? String(prev.id) : null,
            prev ? String(prev.value) : null,
            option?.id ?? null,
            option?.value ?? null,
            'custom',
          ),
        ],
      };
    }
    case 'date': {
      if (value !== null && (typeof value !== 'string' || Number.isNaN(parseDate(value))))
        return `Error parsing date string: ${String(value)}`;
      const next = value as string | null;
      if (before === next) return { apply: () => undefined, items: [] };
      const prev = typeof before === 'string' ? before : null;
      return {
        apply: set(next),
        items: [item(field.name, id, prev, customDateString(prev), next, customDateString(next), 'custom')],
      };
    }
    case 'number': {
      if (value !== null && (typeof value !== 'number' || !Number.isFinite(value)))
        return 'Operation value must be a number';
      const next = value as number | null;
      if (before === next) return { apply: () => undefined, items: [] };
      return {
        apply: set(next),
        items: [
          item(
            field.name,
            id,
            null,
            before === null ? null : String(before),
            null,
            next === null ? null : String(next),
            'custom',
          ),
        ],
      };
    }
    default: {
      if (value !== null && typeof value !== 'string') return `Operation value must be a string`;
      const next = value as string | null;
      if (before === next) return { apply: () => undefined, items: [] };
      return {
        apply: set(next),
        items: [item(field.name, id, null, typeof before === 'string' ? before : null, null, next, 'custom')],
      };
    }
  }
}

export function userChange(
  state: SiteState,
  issue: SiteIssue,
  key: 'assigneeId' | 'reporterId',
  fieldId: string,
  value: unknown,
): Change | string {
  let nextId: string | null;
  if (value === null) nextId = null;
  else if (isRecord(value) && typeof value.accountId === 'string') {
    if (!findUser(state, value.accountId)) return `User '${value.accountId}' does not exist.`;
    nextId = value.accountId;
  } else if (isRecord(value) && value.accountId === null) nextId = null;
  else return `Specify a valid value for ${fieldId}`;
  const prevId = issue[key];
  if (prevId === nextId) return { apply: () => undefined, items: [] };
  const prevName = prevId ? (findUser(state, prevId)?.displayName ?? null) : null;
  const nextName = nextId ? (findUser(state, nextId)?.displayName ?? null) : null;
  return {
    apply: () => {
      issue[key] = nextId;
    },
    items: [item(fieldId, fieldId, prevId, prevName, nextId, nextName)],
  };
}

export function labelsAfter(current: string[], value: unknown, operations: unknown): string[] | string {
  let labels = [...current];
  if (value !== undefined) {
    if (!Array.isArray(value) || value.some((l) => typeof l !== 'string'))
      return 'Labels must be a list of strings';
    labels = [...(value as string[])];
  }
  if (operations !== undefined) {
    if (!Array.isArray(operations)) return 'Labels update must be a list of operations';
    for (const op of operations) {
      if (!isRecord(op)) return 'Labels update must be a list of operations';
      if (typeof op.add === 'string' && !labels.includes(op.add)) labels.push(op.add);
      if (typeof op.remove === 'string') labels = labels.filter((l) => l !== op.remove);
      if (Array.isArray(op.set)) labels = op.set.filter((l): l is string => typeof l === 'string');
    }
  }
  if (labels.some((l) => /\s/.test(l) || l.length === 0 || l.length > 255))
    return 'The label contains spaces or is empty or too long.';
  return [...new Set(labels)];
}
