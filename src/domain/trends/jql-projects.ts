// A shared gadget's JQL scope naming a project the viewer cannot browse: Jira answers its search
// with 400 "The value 'ENT' does not exist for the field 'project'." (it hides that the project
// exists). These rules read those projects from Jira's words and take them out of the query's
// project clause, when that is safe, so the viewer gets the numbers of the rest.

const UNKNOWN_PROJECT = /^The value '(.+)' does not exist for the field 'project'\.$/;

/**
 * The project values Jira said do not exist, when that is all it said (any other complaint
 * means the query is wrong for other reasons: null, and Jira's error stands).
 */
export function unknownProjectValues(errorMessages: readonly string[]): string[] | null {
  if (errorMessages.length === 0) return null;
  const values: string[] = [];
  for (const m of errorMessages) {
    const found = UNKNOWN_PROJECT.exec(m);
    if (found === null) return null;
    values.push(found[1]);
  }
  return values;
}

interface Token {
  kind: 'word' | 'string' | 'punct';
  /** The value: a string's content without quotes or escapes. */
  value: string;
  start: number;
  end: number;
}

function tokenize(jql: string): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  while (i < jql.length) {
    const c = jql[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"' || c === "'") {
      let value = '';
      let j = i + 1;
      for (; j < jql.length && jql[j] !== c; j++) {
        if (jql[j] === '\\') j++;
        value += jql[j] ?? '';
      }
      if (j >= jql.length) return null; // unterminated string: leave it to Jira
      tokens.push({ kind: 'string', value, start: i, end: j + 1 });
      i = j + 1;
    } else if (/[\w.@-]/.test(c)) {
      let j = i;
      while (j < jql.length && /[\w.@-]/.test(jql[j])) j++;
      tokens.push({ kind: 'word', value: jql.slice(i, j), start: i, end: j });
      i = j;
    } else {
      const two = jql.slice(i, i + 2);
      const op = ['!=', '!~', '>=', '<=', '||', '&&'].includes(two) ? two : c;
      tokens.push({ kind: 'punct', value: op, start: i, end: i + op.length });
      i += op.length;
    }
  }
  return tokens;
}

const lower = (t: Token | undefined) => (t === undefined || t.kind === 'string' ? '' : t.value.toLowerCase());

/** A logical OR or NOT anywhere: removing a project value could then widen what the query matches. */
function hasOrOrNot(tokens: readonly Token[]): boolean {
  return tokens.some((t, i) => {
    const w = lower(t);
    if (w === 'or' || w === '||' || w === '!') return true;
    // NOT as a clause's start, not as part of an operator (`is not`, `not in`, `was not`)
    const before = lower(tokens[i - 1]);
    return w === 'not' && (i === 0 || ['(', 'and', '&&', 'not'].includes(before));
  });
}

/**
 * The JQL with the values `drop` (compared as Jira does, ignoring case) taken out of its project
 * clause, and the values kept (as written). Handled only when that is sure to narrow the query to
 * what the viewer could see anyway: one `project = X` or `project in (A, B, …)` clause, in a query
 * with no OR and no NOT. `jql` is null when no value is left: the viewer can see nothing of it.
 * Null when the query is not of that shape, or a value to drop is not in its project clause.
 */
export function withoutProjects(
  jql: string,
  drop: readonly string[],
): { jql: string | null; kept: string[]; removed: string[] } | null {
  const tokens = tokenize(jql);
  if (tokens === null || hasOrOrNot(tokens)) return null;
  const at = tokens.flatMap((t, i) => (lower(t) === 'project' ? [i] : []));
  if (at.length !== 1) return null;
  const i = at[0];
  const op = lower(tokens[i + 1]);
  const isValue = (t: Token | undefined): t is Token =>
    t !== undefined && (t.kind === 'string' || t.kind === 'word');
  let values: Token[];
  let end: number;
  if (op === '=') {
    const v = tokens[i + 2];
    if (!isValue(v) || lower(tokens[i + 3]) === '(') return null; // a function, not a project
    values = [v];
    end = v.end;
  } else if (op === 'in' && lower(tokens[i + 2]) === '(') {
    values = [];
    let j = i + 3;
    for (;;) {
      const v = tokens[j];
      if (!isValue(v) || lower(tokens[j + 1]) === '(') return null;
      values.push(v);
      const next = lower(tokens[j + 1]);
      if (next === ')') break;
      if (next !== ',') return null;
      j += 2;
    }
    end = tokens[j + 1].end;
  } else {
    return null;
  }
  const dropped = new Set(drop.map((d) => d.toUpperCase()));
  if (drop.some((d) => !values.some((v) => v.value.toUpperCase() === d.toUpperCase()))) return null;
  const kept = values.filter((v) => !dropped.has(v.value.toUpperCase()));
  const removed = values.filter((v) => dropped.has(v.value.toUpperCase())).map((v) => v.value);
  const keptValues = kept.map((v) => v.value);
  if (kept.length === 0) return { jql: null, kept: keptValues, removed };
  const clause = `project in (${kept.map((v) => jql.slice(v.start, v.end)).join(', ')})`;
  return {
    jql: `${jql.slice(0, tokens[i].start)}${clause}${jql.slice(end)}`,
    kept: keptValues,
    removed,
  };
}
