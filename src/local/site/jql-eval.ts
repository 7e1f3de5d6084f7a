// Compiles a parsed JQL query into a predicate and a sort over the issues a user can see.
// Values are resolved the way Jira resolves them, including its refusal to admit that a
// project or issue the user cannot browse exists.

import type { SiteField, SiteIssue, SiteState, SiteUser } from './model';
import { JqlError, type JqlExpr, type JqlOrder, type JqlQuery, type JqlValue } from './jql-parse';
import {
  fieldById,
  findIssue,
  issueTypeById,
  priorityById,
  projectById,
  resolutionById,
  statusById,
} from './lookup';
import { parseDate, parseJiraTimestamp } from './time';

export type IssuePredicate = (issue: SiteIssue) => boolean;

export interface JqlContext {
  state: SiteState;
  user: SiteUser;
  /** Projects the user may browse. */
  browsable: ReadonlySet<string>;
  /** "now" for relative dates such as -30d. */
  nowMs: number;
}

const valueMissing = (value: string, field: string) =>
  new JqlError(`The value '${value}' does not exist for the field '${field}'.`);
const unknownField = (field: string) =>
  new JqlError(`Field '${field}' does not exist or you do not have permission to view it.`);
const badOperator = (operator: string, field: string) =>
  new JqlError(`The operator '${operator.toUpperCase()}' is not supported by the '${field}' field.`);

function texts(ctx: JqlContext, field: string, values: JqlValue[]): string[] {
  const out: string[] = [];
  for (const v of values) {
    if (v.kind === 'text') out.push(v.text);
    else if (v.kind === 'function') {
      if (v.name.toLowerCase() === 'currentuser') out.push(ctx.user.accountId);
      else throw new JqlError(`Unable to find JQL function '${v.name}(${v.args.join(', ')})'.`);
    } else throw new JqlError(`The field '${field}' does not support searching for EMPTY values.`);
  }
  return out;
}

/** =, !=, IN, NOT IN over a set of matching ids computed from the values. */
function membership(
  ctx: JqlContext,
  field: string,
  operator: string,
  values: JqlValue[],
  resolve: (text: string) => string[],
  read: (issue: SiteIssue) => string | null,
  emptyAllowed: boolean,
): IssuePredicate {
  if (operator === 'is' || operator === 'is not') {
    if (!emptyAllowed || values[0]?.kind !== 'empty') throw badOperator(operator, field);
    return operator === 'is' ? (i) => read(i) === null : (i) => read(i) !== null;
  }
  if (!['=', '!=', 'in', 'not in'].includes(operator)) throw badOperator(operator, field);
  const wanted = new Set<string>();
  let wantsEmpty = false;
  for (const v of values) {
    if (v.kind === 'empty' && emptyAllowed) wantsEmpty = true;
    else for (const t of texts(ctx, field, [v])) resolve(t).forEach((id) => wanted.add(id));
  }
  const positive = operator === '=' || operator === 'in';
  return (issue) => {
    const value = read(issue);
    const hit = value === null ? wantsEmpty : wanted.has(value);
    // Jira: != and NOT IN never match issues whose field is empty.
    return positive ? hit : value !== null && !hit;
  };
}

function resolveNamed<T extends { id: string; name: string }>(items: readonly T[], field: string) {
  return (text: string): string[] => {
    const lower = text.toLowerCase();
    const hits = items
      .filter((item) => item.id === text || item.name.toLowerCase() === lower)
      .map((item) => item.id);
    if (hits.length === 0) throw valueMissing(text, field);
    return hits;
  };
}

function resolveIssue(ctx: JqlContext, field: string) {
  return (text: string): string[] => {
    const issue = findIssue(ctx.state, text);
    if (!issue || !ctx.browsable.has(issue.projectId)) {
      throw new JqlError(`An issue with key '${text.toUpperCase()}' does not exist for field '${field}'.`);
    }
    return [issue.id];
  };
}

function compareOp(operator: string): ((a: number, b: number) => boolean) | null {
  switch (operator) {
    case '=':
      return (a, b) => a === b;
    case '!=':
      return (a, b) => a !== b;
    case '<':
      return (a, b) => a < b;
    case '<=':
      return (a, b) => a <= b;
    case '>':
      return (a, b) => a > b;
    case '>=':
      return (a, b) => a >= b;
    default:
      return null;
  }
}

const RELATIVE = /^([+-]?)(\d+)([mhdw])$/i;

function instantOf(ctx: JqlContext, field: string, value: JqlValue): number {
  if (value.kind === 'function') {
    const name = value.name.toLowerCase();
    if (name === 'now') return ctx.nowMs;
    if (name === 'startofday') return Math.floor(ctx.nowMs / 86_400_000) * 86_400_000;
    throw new JqlError(`Unable to find JQL function '${value.name}(${value.args.join(', ')})'.`);
  }
  if (value.kind !== 'text') throw badOperator('=', field);
  const rel = RELATIVE.exec(value.text);
  if (rel) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[
      rel[3].toLowerCase() as 'm' | 'h' | 'd' | 'w'
    ];
    return ctx.nowMs + (rel[1] === '-' ? -1 : 1) * Number(rel[2]) * unit;
  }
  const dateTime = /^(\d{4}[-/]\d{2}[-/]\d{2})(?: (\d{2}):(\d{2}))?$/.exec(value.text);
  if (dateTime) {
    const day = parseDate(dateTime[1].replace(/\//g, '-'));
    if (!Number.isNaN(day)) {
      const hours = dateTime[2] ? Number(dateTime[2]) * 3_600_000 + Number(dateTime[3]) * 60_000 : 0;
      return day + hours;
    }
  }
  throw new JqlError(
    `Date value '${value.text}' for field '${field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
  );
}

function dateClause(
  ctx: JqlContext,
  field: string,
  operator: string,
  values: JqlValue[],
  read: (issue: SiteIssue) => number | null,
): IssuePredicate {
  if (operator === 'is' || operator === 'is not') {
    if (values[0]?.kind !== 'empty') throw badOperator(operator, field);
    return operator === 'is' ? (i) => read(i) === null : (i) => read(i) !== null;
  }
  if (operator === 'in' || operator === 'not in') {
    const set = values.map((v) => instantOf(ctx, field, v));
    return operator === 'in'
      ? (i) => {
          const v = read(i);
          return v !== null && set.includes(v);
        }
      : (i) => {
          const v = read(i);
          return v !== null && !set.includes(v);
        };
  }
  const cmp = compareOp(operator);
  if (!cmp) throw badOperator(operator, field);
  const bound = instantOf(ctx, field, values[0]);
  return (issue) => {
    const v = read(issue);
    return v !== null && cmp(v, bound);
  };
}

function timestampReader(get: (issue: SiteIssue) => string | null) {
  return (issue: SiteIssue): number | null => {
    const t = get(issue);
    return t === null ? null : parseJiraTimestamp(t);
  };
}

function textClause(
  ctx: JqlContext,
  field: string,
  operator: string,
  values: JqlValue[],
  read: (issue: SiteIssue) => string,
): IssuePredicate {
  if (operator !== '~' && operator !== '!~') throw badOperator(operator, field);
  const needle = texts(ctx, field, values)[0].toLowerCase().replace(/\*/g, '');
  return operator === '~'
    ? (i) => read(i).toLowerCase().includes(needle)
    : (i) => !read(i).toLowerCase().includes(needle);
}

function findCustomField(state: SiteState, name: string): SiteField | undefined {
  const cf = /^cf\[(\d+)\]$/i.exec(name);
  if (cf) return fieldById(state, `customfield_${cf[1]}`);
  const lower = name.toLowerCase();
  return state.fields.find(
    (f) => f.custom && (f.id === name || f.clauseNames.some((c) => c.toLowerCase() === lower)),
  );
}

function customClause(
  ctx: JqlContext,
  field: SiteField,
  name: string,
  operator: string,
  values: JqlValue[],
): IssuePredicate {
  const id = field.id;
  switch (field.kind) {
    case 'select': {
      const options = (field.contexts ?? []).flatMap((c) => c.options);
      return membership(
        ctx,
        name,
        operator,
        values,
        (text) => {
          const hits = options
            .filter((o) => o.id === text || o.value.toLowerCase() === text.toLowerCase())
            .map((o) => o.id);
          if (hits.length === 0) throw valueMissing(text, name);
          return hits;
        },
        (issue) => {
          const v = issue.custom[id] as { id?: string } | null | undefined;
          return v && typeof v.id === 'string' ? v.id : null;
        },
        true,
      );
    }
    case 'number': {
      const read = (issue: SiteIssue) => {
        const v = issue.custom[id];
        return typeof v === 'number' ? v : null;
      };
      if (operator === 'is' || operator === 'is not') return dateClause(ctx, name, operator, values, read);
      const cmp = compareOp(operator);
      if (!cmp) throw badOperator(operator, name);
      const bound = Number(texts(ctx, name, values)[0]);
      if (Number.isNaN(bound)) throw valueMissing(texts(ctx, name, values)[0], name);
      return (issue) => {
        const v = read(issue);
        return v !== null && cmp(v, bound);
      };
    }
    case 'date':
    case 'datetime':
      return dateClause(ctx, name, operator, values, (issue) => {
        const v = issue.custom[id];
        if (typeof v !== 'string') return null;
        return field.kind === 'date' ? parseDate(v) : parseJiraTimestamp(v);
      });
    default:
      return textClause(ctx, name, operator, values, (issue) => {
        const v = issue.custom[id];
        return typeof v === 'string' ? v : '';
      });
  }
}

function compileClause(ctx: JqlContext, expr: Extract<JqlExpr, { kind: 'clause' }>): IssuePredicate {
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

export function compileWhere(ctx: JqlContext, expr: JqlExpr): IssuePredicate {
  switch (expr.kind) {
    case 'and': {
      const parts = expr.items.map((e) => compileWhere(ctx, e));
      return (issue) => parts.every((p) => p(issue));
    }
    case 'or': {
      const parts = expr.items.map((e) => compileWhere(ctx, e));
      return (issue) => parts.some((p) => p(issue));
    }
    case 'not': {
      const inner = compileWhere(ctx, expr.expr);
      return (issue) => !inner(issue);
    }
    case 'clause':
      return compileClause(ctx, expr);
  }
}

type SortKey = (issue: SiteIssue) => number | string | null;

function keyParts() {
  return (issue: SiteIssue): string => {
    const dash = issue.key.lastIndexOf('-');
    return `${issue.key.slice(0, dash)}\u0000${issue.key.slice(dash + 1).padStart(10, '0')}`;
  };
}

function sortKeyFor(ctx: JqlContext, order: JqlOrder): SortKey {
  const { state } = ctx;
  switch (order.field.toLowerCase()) {
    case 'key':
    case 'issuekey':
    case 'rank':
      return keyParts();
    case 'id':
      return (i) => Number(i.id);
    case 'created':
      return (i) => parseJiraTimestamp(i.created);
    case 'updated':
      return (i) => parseJiraTimestamp(i.updated);
    case 'resolutiondate':
    case 'resolved':
      return (i) => (i.resolutiondate ? parseJiraTimestamp(i.resolutiondate) : null);
    case 'duedate':
    case 'due':
      return (i) => i.duedate;
    case 'summary':
      return (i) => i.summary.toLowerCase();
    case 'priority':
      return (i) => (i.priorityId ? Number(i.priorityId) : null);
    case 'status':
      return (i) => statusById(state, i.statusId).name.toLowerCase();
    case 'issuetype':
    case 'type':
      return (i) => issueTypeById(state, i.issueTypeId).name.toLowerCase();
    case 'project':
      return (i) => projectById(state, i.projectId).key;
    default: {
      const known = state.fields.some((f) =>
        f.clauseNames.some((c) => c.toLowerCase() === order.field.toLowerCase()),
      );
      if (known) throw new JqlError(`Field '${order.field}' does not support sorting.`);
      throw unknownField(order.field);
    }
  }
}

/** Sorts in place; Jira's default order, when the query has none, is by key. */
export function sortIssues(ctx: JqlContext, issues: SiteIssue[], orderBy: readonly JqlOrder[]): SiteIssue[] {
  const orders = orderBy.length > 0 ? orderBy : [{ field: 'key', direction: 'asc' as const }];
  const keys = orders.map((o) => ({ key: sortKeyFor(ctx, o), dir: o.direction === 'desc' ? -1 : 1 }));
  // Decorate once: sorting 100k issues must not re-parse timestamps in the comparator.
  const decorated = issues.map((issue) => ({ issue, values: keys.map((k) => k.key(issue)) }));
  decorated.sort((a, b) => {
    for (let k = 0; k < keys.length; k++) {
      const x = a.values[k];
      const y = b.values[k];
      if (x === y) continue;
      // Empty values sort last in ascending order, as in Jira.
      if (x === null) return keys[k].dir;
      if (y === null) return -keys[k].dir;
      return (x < y ? -1 : 1) * keys[k].dir;
    }
    return Number(a.issue.id) - Number(b.issue.id);
  });
  for (let i = 0; i < decorated.length; i++) issues[i] = decorated[i].issue;
  return issues;
}

/** The issues a JQL query finds for the user, in order. Throws JqlError with Jira's wording. */
export function runJql(ctx: JqlContext, query: JqlQuery): SiteIssue[] {
  if (!query.where)
    throw new JqlError(
      'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.',
    );
  const predicate = compileWhere(ctx, query.where);
  const found: SiteIssue[] = [];
  for (const issue of ctx.state.issues)
    if (ctx.browsable.has(issue.projectId) && predicate(issue)) found.push(issue);
  return sortIssues(ctx, found, query.orderBy);
}
