// Compiles a parsed JQL query into a predicate (jql-clause.ts for each clause) and a sort over the
// issues a user can see, and runs it.

import type { SiteIssue } from './model';
import { JqlError, type JqlExpr, type JqlOrder, type JqlQuery } from './jql-parse';
import { compileClause } from './jql-clause';
import { type IssuePredicate, type JqlContext, unknownField } from './jql-operators';
import { issueTypeById, projectById, statusById } from './lookup';
import { parseJiraTimestamp } from './time';

export type { IssuePredicate, JqlContext };

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
