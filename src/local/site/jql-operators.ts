// How each kind of JQL field answers its operators (=, !=, IN, NOT IN, <, >=, ~, IS EMPTY):
// values resolved the way Jira resolves them, including its refusal to admit that a project or
// issue the user cannot browse exists, and errors in Jira's wording.

import type { SiteField, SiteIssue, SiteState, SiteUser } from './model';
import { JqlError, type JqlValue } from './jql-parse';
import { fieldById, findIssue } from './lookup';
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

export const valueMissing = (value: string, field: string) =>
  new JqlError(`The value '${value}' does not exist for the field '${field}'.`);
export const unknownField = (field: string) =>
  new JqlError(`Field '${field}' does not exist or you do not have permission to view it.`);
export const badOperator = (operator: string, field: string) =>
  new JqlError(`The operator '${operator.toUpperCase()}' is not supported by the '${field}' field.`);

export function texts(ctx: JqlContext, field: string, values: JqlValue[]): string[] {
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
export function membership(
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

export function resolveNamed<T extends { id: string; name: string }>(items: readonly T[], field: string) {
  return (text: string): string[] => {
    const lower = text.toLowerCase();
    const hits = items
      .filter((item) => item.id === text || item.name.toLowerCase() === lower)
      .map((item) => item.id);
    if (hits.length === 0) throw valueMissing(text, field);
    return hits;
  };
}

export function resolveIssue(ctx: JqlContext, field: string) {
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

export function dateClause(
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

export function timestampReader(get: (issue: SiteIssue) => string | null) {
  return (issue: SiteIssue): number | null => {
    const t = get(issue);
    return t === null ? null : parseJiraTimestamp(t);
  };
}

export function textClause(
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

export function findCustomField(state: SiteState, name: string): SiteField | undefined {
  const cf = /^cf\[(\d+)\]$/i.exec(name);
  if (cf) return fieldById(state, `customfield_${cf[1]}`);
  const lower = name.toLowerCase();
  return state.fields.find(
    (f) => f.custom && (f.id === name || f.clauseNames.some((c) => c.toLowerCase() === lower)),
  );
}

export function customClause(
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
