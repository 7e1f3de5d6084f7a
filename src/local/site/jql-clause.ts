// compileClause: one JQL clause (field, operator, values) as a predicate over issues, one case per
// system field Jira knows and the custom fields by name or cf[id].

import { JqlError, type JqlExpr, type JqlValue } from './jql-parse';
import {
  type IssuePredicate,
  type JqlContext,
  badOperator,
  customClause,
  dateClause,
  findCustomField,
  membership,
  resolveIssue,
  resolveNamed,
  texts,
  textClause,
  timestampReader,
  unknownField,
  valueMissing,
} from './jql-operators';
import { priorityById, resolutionById, statusById } from './lookup';
import type { SiteIssue } from './model';
import { parseDate } from './time';

/**
 * `key >= IMP-90`: Jira compares the keys of one project by their number, and the key at the end
 * of a range need not exist (only its project must, for the user). Issue key field, "Supported
 * operators: = , != , > , >= , < , <= , IN , NOT IN" (JQL fields reference, Issue key).
 */
function keyRange(ctx: JqlContext, field: string, op: string, values: JqlValue[]): IssuePredicate {
  const [text] = texts(ctx, field, values);
  const match = /^([A-Z][A-Z0-9_]*)-(\d+)$/i.exec(text ?? '');
  const project = match
    ? ctx.state.projects.find((p) => p.key === match[1].toUpperCase() && ctx.browsable.has(p.id))
    : undefined;
  if (!match || !project) throw new JqlError(`The issue key '${text}' for field '${field}' is invalid.`);
  const bound = Number(match[2]);
  const holds = {
    '<': (n: number) => n < bound,
    '<=': (n: number) => n <= bound,
    '>': (n: number) => n > bound,
    '>=': (n: number) => n >= bound,
  }[op as '<' | '<=' | '>' | '>='];
  return (issue) => {
    if (issue.projectId !== project.id) return false;
    return holds(Number(issue.key.slice(issue.key.lastIndexOf('-') + 1)));
  };
}

export function compileClause(ctx: JqlContext, expr: Extract<JqlExpr, { kind: 'clause' }>): IssuePredicate {
  const { state } = ctx;
  const name = expr.field;
  const op = expr.operator;
  const values = expr.values;
  switch (name.toLowerCase()) {
    case 'project':
      return membership(
        ctx,
        'project',
        op,
        values,
        (text) => {
          const lower = text.toLowerCase();
          const hits = state.projects
            .filter(
              (p) =>
                ctx.browsable.has(p.id) &&
                (p.id === text || p.key.toLowerCase() === lower || p.name.toLowerCase() === lower),
            )
            .map((p) => p.id);
          if (hits.length === 0) throw valueMissing(text, 'project');
          return hits;
        },
        (issue) => issue.projectId,
        false,
      );
    case 'key':
    case 'issuekey':
    case 'id':
    case 'issue':
      if (['<', '<=', '>', '>='].includes(op)) return keyRange(ctx, name, op, values);
      return membership(ctx, name, op, values, resolveIssue(ctx, name), (issue) => issue.id, false);
    case 'parent':
      return membership(
        ctx,
        'parent',
        op,
        values,
        resolveIssue(ctx, 'parent'),
        (issue) => issue.parentId,
        true,
      );
    case 'issuetype':
    case 'type':
      return membership(
        ctx,
        'issuetype',
        op,
        values,
        resolveNamed(state.issueTypes, 'issuetype'),
        (issue) => issue.issueTypeId,
        false,
      );
    case 'status':
      return membership(
        ctx,
        'status',
        op,
        values,
        resolveNamed(state.statuses, 'status'),
        (issue) => issue.statusId,
        false,
      );
    case 'statuscategory':
      return membership(
        ctx,
        'statusCategory',
        op,
        values,
        (text) => {
          const lower = text.toLowerCase();
          const byName: Record<string, string> = {
            'to do': 'new',
            'in progress': 'indeterminate',
            done: 'done',
            '2': 'new',
            '4': 'indeterminate',
            '3': 'done',
          };
          const key = byName[lower] ?? (['new', 'indeterminate', 'done'].includes(lower) ? lower : undefined);
          if (!key) throw valueMissing(text, 'statusCategory');
          return [key];
        },
        (issue) => statusById(state, issue.statusId).category,
        false,
      );
    case 'resolution':
      return membership(
        ctx,
        'resolution',
        op,
        values.map((v) =>
          v.kind === 'text' && v.text.toLowerCase() === 'unresolved' ? ({ kind: 'empty' } as const) : v,
        ),
        resolveNamed(state.resolutions, 'resolution'),
        (issue) =>
          issue.resolutionId && resolutionById(state, issue.resolutionId) ? issue.resolutionId : null,
        true,
      );
    case 'priority':
      return membership(
        ctx,
        'priority',
        op,
        values,
        resolveNamed(state.priorities, 'priority'),
        (issue) => (issue.priorityId && priorityById(state, issue.priorityId) ? issue.priorityId : null),
        true,
      );
    case 'labels':
      if (op === 'is' || op === 'is not') {
        if (values[0]?.kind !== 'empty') throw badOperator(op, 'labels');
        return op === 'is' ? (i) => i.labels.length === 0 : (i) => i.labels.length > 0;
      }
      if (['=', 'in'].includes(op)) {
        const wanted = new Set(
          texts(
            ctx,
            'labels',
            values.filter((v) => v.kind !== 'empty'),
          ),
        );
        const withEmpty = values.some((v) => v.kind === 'empty');
        return (i) => (withEmpty && i.labels.length === 0) || i.labels.some((l) => wanted.has(l));
      }
      if (['!=', 'not in'].includes(op)) {
        const unwanted = new Set(texts(ctx, 'labels', values));
        return (i) => i.labels.length > 0 && !i.labels.some((l) => unwanted.has(l));
      }
      throw badOperator(op, 'labels');
    case 'assignee':
    case 'reporter': {
      const read =
        name.toLowerCase() === 'assignee' ? (i: SiteIssue) => i.assigneeId : (i: SiteIssue) => i.reporterId;
      return membership(
        ctx,
        name,
        op,
        values,
        (text) => {
          const user = [...state.users, state.appUser].find(
            (u) => u.accountId === text || u.emailAddress.toLowerCase() === text.toLowerCase(),
          );
          if (!user) throw valueMissing(text, name);
          return [user.accountId];
        },
        read,
        true,
      );
    }
    case 'created':
    case 'createddate':
      return dateClause(
        ctx,
        'created',
        op,
        values,
        timestampReader((i) => i.created),
      );
    case 'updated':
    case 'updateddate':
      return dateClause(
        ctx,
        'updated',
        op,
        values,
        timestampReader((i) => i.updated),
      );
    case 'resolved':
    case 'resolutiondate':
      return dateClause(
        ctx,
        'resolved',
        op,
        values,
        timestampReader((i) => i.resolutiondate),
      );
    case 'due':
    case 'duedate':
      return dateClause(ctx, 'due', op, values, (i) => (i.duedate ? parseDate(i.duedate) : null));
    case 'summary':
      return textClause(ctx, 'summary', op, values, (i) => i.summary);
    case 'text':
      return textClause(
        ctx,
        'text',
        op,
        values,
        (i) => `${i.summary} ${JSON.stringify(i.description ?? '')}`,
      );
    default: {
      const field = findCustomField(state, name);
      if (!field) {
        const known = state.fields.find((f) =>
          f.clauseNames.some((c) => c.toLowerCase() === name.toLowerCase()),
        );
        if (known)
          throw new JqlError(
            `Error in the JQL Query: the field '${name}' is not supported by this Jira emulation.`,
          );
        throw unknownField(name);
      }
      return customClause(ctx, field, name, op, values);
    }
  }
}
