// planEdit: every field of an edit (PUT /issue, a transition screen, a create) validated
// together and turned into Changes, applied only when no field is wrong.

import { item } from './changelog';
import { type Change, cannotSet, customChange, labelsAfter, userChange } from './field-changes';
import { FieldErrors } from './field-errors';
import { isRecord } from './http';
import { byName, fieldById, findIssue, issueTypeById, priorityById } from './lookup';
import type { ChangeItemJson, SiteIssue, SiteState } from './model';
import { changelogDateString, parseDate } from './time';

function adfText(node: unknown): string {
  if (!isRecord(node)) return '';
  if (typeof node.text === 'string') return node.text;
  return Array.isArray(node.content) ? node.content.map(adfText).join(node.type === 'doc' ? '\n' : '') : '';
}

function parseDuration(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return null;
  const sizes: Record<string, number> = { w: 5 * 8 * 3600, d: 8 * 3600, h: 3600, m: 60 };
  const parts = value.trim().split(/\s+/);
  let total = 0;
  for (const part of parts) {
    const m = /^(\d+(?:\.\d+)?)([wdhm])$/.exec(part);
    if (!m) return null;
    total += Number(m[1]) * sizes[m[2]];
  }
  return Math.round(total);
}

function str(n: number | null): string | null {
  return n === null ? null : String(n);
}

/** Why `parent` cannot be the parent of an issue of this type, or null when it can. */
export function parentProblem(state: SiteState, issueTypeId: string, parent: SiteIssue): string | null {
  const childLevel = issueTypeById(state, issueTypeId).hierarchyLevel;
  const parentLevel = issueTypeById(state, parent.issueTypeId).hierarchyLevel;
  return parentLevel === childLevel + 1
    ? null
    : 'Given parent work item does not belong to appropriate hierarchy.';
}

/**
 * Validates every field (throws FieldErrors naming each wrong one) and returns the changes,
 * not yet applied. `fields` are `set`s; `update` supports labels add/remove/set and `set`.
 */
export function planEdit(
  state: SiteState,
  issue: SiteIssue,
  fields: Record<string, unknown>,
  update: Record<string, unknown>,
): Change[] {
  const errors: Record<string, string> = {};
  const changes: Change[] = [];
  const merged: Record<string, unknown> = { ...fields };
  for (const [id, ops] of Object.entries(update)) {
    if (id === 'labels') continue;
    if (Array.isArray(ops) && ops.length === 1 && isRecord(ops[0]) && 'set' in ops[0])
      merged[id] = ops[0].set;
    else errors[id] = `Field '${id}' only supports the set operation here.`;
  }
  if ('labels' in merged || 'labels' in update) {
    const next = labelsAfter(issue.labels, merged.labels, update.labels);
    if (typeof next === 'string') errors.labels = next;
    else if (next.join(' ') !== issue.labels.join(' ')) {
      const prev = issue.labels.join(' ');
      changes.push({
        apply: () => {
          issue.labels = next;
        },
        items: [item('labels', 'labels', null, prev, null, next.join(' '))],
      });
    }
    delete merged.labels;
  }
  for (const [id, value] of Object.entries(merged)) {
    let change: Change | string;
    switch (id) {
      case 'summary':
        if (typeof value !== 'string' || value.trim() === '')
          change = 'You must specify a summary of the issue.';
        else if (value.length > 255) change = 'Summary must be less than 255 characters.';
        else if (value === issue.summary) change = { apply: () => undefined, items: [] };
        else {
          const prev = issue.summary;
          change = {
            apply: () => {
              issue.summary = value;
            },
            items: [item('summary', 'summary', null, prev, null, value)],
          };
        }
        break;
      case 'description':
        if (value !== null && (!isRecord(value) || value.type !== 'doc'))
          change = 'Operation value must be an Atlassian Document (see the Atlassian Document Format).';
        else {
          const prev = adfText(issue.description);
          change = {
            apply: () => {
              issue.description = value;
            },
            items: [item('description', 'description', null, prev || null, null, adfText(value) || null)],
          };
        }
        break;
      case 'duedate': {
        if (value !== null && (typeof value !== 'string' || Number.isNaN(parseDate(value)))) {
          change = `Error parsing date string: ${String(value)}`;
          break;
        }
        const next = value as string | null;
        const prev = issue.duedate;
        change =
          prev === next
            ? { apply: () => undefined, items: [] }
            : {
                apply: () => {
                  issue.duedate = next;
                },
                items: [
                  item(
                    'duedate',
                    'duedate',
                    prev,
                    changelogDateString(prev),
                    next,
                    changelogDateString(next),
                  ),
                ],
              };
        break;
      }
      case 'priority': {
        const wanted = isRecord(value)
          ? typeof value.id === 'string'
            ? priorityById(state, value.id)
            : typeof value.name === 'string'
              ? byName(state.priorities, value.name)
              : undefined
          : undefined;
        if (!wanted) {
          change = 'Specify a valid priority.';
          break;
        }
        const prev = issue.priorityId ? priorityById(state, issue.priorityId) : undefined;
        change =
          prev?.id === wanted.id
            ? { apply: () => undefined, items: [] }
            : {
                apply: () => {
                  issue.priorityId = wanted.id;
                },
                items: [
                  item('priority', 'priority', prev?.id ?? null, prev?.name ?? null, wanted.id, wanted.name),
                ],
              };
        break;
      }
      case 'assignee':
        change = userChange(state, issue, 'assigneeId', 'assignee', value);
        break;
      case 'reporter':
        change = userChange(state, issue, 'reporterId', 'reporter', value);
        break;
      case 'parent': {
        const ref = isRecord(value)
          ? typeof value.key === 'string'
            ? value.key
            : typeof value.id === 'string'
              ? value.id
              : null
          : null;
        const parent = ref ? findIssue(state, ref) : undefined;
        if (value !== null && !parent) {
          change = 'Could not find issue by id or key.';
          break;
        }
        if (parent) {
          const problem = parentProblem(state, issue.issueTypeId, parent);
          if (problem) {
            change = problem;
            break;
          }
        }
        const prevParent = issue.parentId ? findIssue(state, issue.parentId) : undefined;
        change =
          (prevParent?.id ?? null) === (parent?.id ?? null)
            ? { apply: () => undefined, items: [] }
            : {
                apply: () => {
                  issue.parentId = parent?.id ?? null;
                },
                items: [
                  item(
                    'IssueParentAssociation',
                    undefined,
                    prevParent?.id ?? null,
                    prevParent?.key ?? null,
                    parent?.id ?? null,
                    parent?.key ?? null,
                  ),
                ],
              };
        break;
      }
      case 'timetracking': {
        if (!isRecord(value)) {
          change = 'Time tracking must be an object.';
          break;
        }
        const original =
          value.originalEstimate === undefined ? undefined : parseDuration(value.originalEstimate);
        const remaining =
          value.remainingEstimate === undefined ? undefined : parseDuration(value.remainingEstimate);
        if (original === null || remaining === null) {
          change = 'The format of the time estimate is not valid. Use formats like 4d, 5h 30m, or 60m.';
          break;
        }
        const items: ChangeItemJson[] = [];
        const prevOriginal = issue.timeoriginalestimate;
        const prevRemaining = issue.timeestimate;
        const nextRemaining =
          remaining ?? (prevRemaining === null && original !== undefined ? original : prevRemaining);
        if (original !== undefined && original !== prevOriginal) {
          items.push(
            item(
              'timeoriginalestimate',
              'timeoriginalestimate',
              str(prevOriginal),
              str(prevOriginal),
              str(original),
              str(original),
            ),
          );
        }
        if (nextRemaining !== prevRemaining) {
          items.push(
            item(
              'timeestimate',
              'timeestimate',
              str(prevRemaining),
              str(prevRemaining),
              str(nextRemaining),
              str(nextRemaining),
            ),
          );
        }
        change = {
          apply: () => {
            if (original !== undefined) issue.timeoriginalestimate = original;
            issue.timeestimate = nextRemaining;
          },
          items,
        };
        break;
      }
      default: {
        const field = fieldById(state, id);
        change = field?.custom ? customChange(state, issue, field, value) : cannotSet(id);
      }
    }
    if (typeof change === 'string') errors[id] = change;
    else changes.push(change);
  }
  if (Object.keys(errors).length > 0) throw new FieldErrors(errors);
  return changes;
}
