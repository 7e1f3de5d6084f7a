// A JQL subset parser: clauses joined by AND / OR / NOT with parentheses, the operators
// = != < <= > >= ~ !~ IN, NOT IN, IS, IS NOT, quoted and unquoted values, functions, ORDER BY.
// Errors carry Jira's own wording, so a client shows what Jira would have shown.

export class JqlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JqlError';
  }
}

export type JqlOperator =
  '=' | '!=' | '<' | '<=' | '>' | '>=' | '~' | '!~' | 'in' | 'not in' | 'is' | 'is not';

export type JqlValue =
  | { kind: 'text'; text: string; quoted: boolean }
  | { kind: 'function'; name: string; args: string[] }
  | { kind: 'empty' };

export type JqlExpr =
  | { kind: 'and' | 'or'; items: JqlExpr[] }
  | { kind: 'not'; expr: JqlExpr }
  | { kind: 'clause'; field: string; operator: JqlOperator; values: JqlValue[]; list: boolean };

export interface JqlOrder {
  field: string;
  direction: 'asc' | 'desc';
}

export interface JqlQuery {
  where: JqlExpr | null;
  orderBy: JqlOrder[];
}

type TokenKind = 'word' | 'string' | 'op' | '(' | ')' | ',' | 'end';

interface Token {
  kind: TokenKind;
  text: string;
  /** 1-based character position, as Jira reports it. */
  pos: number;
}

const OPERATORS = ['!=', '<=', '>=', '!~', '=', '<', '>', '~'];
const RESERVED_CHARS = new Set([
  '{',
  '}',
  '*',
  '%',
  '+',
  '^',
  '$',
  '#',
  '@',
  '[',
  ']',
  ';',
  '?',
  '|',
  '&',
  '\\',
  '`',
]);

function syntaxError(message: string, pos: number): JqlError {
  return new JqlError(`Error in the JQL Query: ${message} (line 1, character ${pos})`);
}

function describe(token: Token): string {
  return token.kind === 'end' ? 'the end of the query' : `'${token.text}'`;
}

function tokenize(jql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < jql.length) {
    const ch = jql[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const pos = i + 1;
    if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: ch, text: ch, pos });
      i++;
      continue;
    }
    const op = OPERATORS.find((o) => jql.startsWith(o, i));
    if (op) {
      tokens.push({ kind: 'op', text: op, pos });
      i += op.length;
      continue;
    }
    if (ch === '"' || ch === "'") {
      let text = '';
      let j = i + 1;
      let closed = false;
      while (j < jql.length) {
        const c = jql[j];
        if (c === '\\' && j + 1 < jql.length) {
          text += jql[j + 1];
          j += 2;
          continue;
        }
        if (c === ch) {
          closed = true;
          break;
        }
        text += c;
        j++;
      }
      if (!closed) throw syntaxError(`The quoted string '${text}' has not been completed.`, pos);
      tokens.push({ kind: 'string', text, pos });
      i = j + 1;
      continue;
    }
    // cf[10050] is one word; other reserved characters must be quoted.
    const cf = /^cf\[\d+\]/i.exec(jql.slice(i));
    if (cf) {
      tokens.push({ kind: 'word', text: cf[0], pos });
      i += cf[0].length;
      continue;
    }
    if (RESERVED_CHARS.has(ch) || ch === '!') {
      throw syntaxError(
        `The character '${ch}' is a reserved JQL character. You must enclose it in a string or use the escape '\\u${ch
          .charCodeAt(0)
          .toString(16)
          .padStart(4, '0')}' instead.`,
        pos,
      );
    }
    let j = i;
    while (j < jql.length && !/[\s(),=!<>~"']/.test(jql[j]) && !RESERVED_CHARS.has(jql[j])) j++;
    tokens.push({ kind: 'word', text: jql.slice(i, j), pos });
    i = j;
  }
  tokens.push({ kind: 'end', text: '', pos: jql.length + 1 });
  return tokens;
}

function isKeyword(token: Token, word: string): boolean {
  return token.kind === 'word' && token.text.toLowerCase() === word;
}

const RESERVED_WORDS = new Set(['and', 'or', 'not', 'in', 'is', 'order', 'by', 'empty', 'null']);

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)];
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'end') this.i++;
    return t;
  }

  parse(): JqlQuery {
    let where: JqlExpr | null = null;
    if (!isKeyword(this.peek(), 'order') && this.peek().kind !== 'end') where = this.parseOr();
    const orderBy: JqlOrder[] = [];
    if (isKeyword(this.peek(), 'order')) {
      this.next();
      if (!isKeyword(this.peek(), 'by'))
        throw syntaxError(`Expecting 'by' but got ${describe(this.peek())}.`, this.peek().pos);
      this.next();
      do {
        const field = this.next();
        if (field.kind !== 'word' && field.kind !== 'string')
          throw syntaxError(`Expecting a field name but got ${describe(field)}.`, field.pos);
        let direction: 'asc' | 'desc' = 'asc';
        if (isKeyword(this.peek(), 'asc') || isKeyword(this.peek(), 'desc')) {
          direction = this.next().text.toLowerCase() === 'desc' ? 'desc' : 'asc';
        }
        orderBy.push({ field: field.text, direction });
      } while (this.peek().kind === ',' && this.next());
      if (orderBy.length > 7) throw new JqlError('The ORDER BY clause can contain a maximum of 7 fields.');
    }
    const rest = this.peek();
    if (rest.kind !== 'end') {
      if (orderBy.length > 0) throw syntaxError(`Expecting ',' but got ${describe(rest)}.`, rest.pos);
      throw syntaxError(`Expecting either 'OR' or 'AND' but got ${describe(rest)}.`, rest.pos);
    }
    return { where, orderBy };
  }

  private parseOr(): JqlExpr {
    const items = [this.parseAnd()];
    while (isKeyword(this.peek(), 'or')) {
      this.next();
      items.push(this.parseAnd());
    }
    return items.length === 1 ? items[0] : { kind: 'or', items };
  }

  private parseAnd(): JqlExpr {
    const items = [this.parseNot()];
    while (isKeyword(this.peek(), 'and')) {
      this.next();
      items.push(this.parseNot());
    }
    return items.length === 1 ? items[0] : { kind: 'and', items };
  }

  private parseNot(): JqlExpr {
    const t = this.peek();
    if (isKeyword(t, 'not')) {
      this.next();
      return { kind: 'not', expr: this.parseNot() };
    }
    if (t.kind === '(') {
      this.next();
      const expr = this.parseOr();
      const close = this.next();
      if (close.kind !== ')') throw syntaxError(`Expecting ')' but got ${describe(close)}.`, close.pos);
      return expr;
    }
    return this.parseClause();
  }

  private parseClause(): JqlExpr {
    const fieldToken = this.next();
    if (
      (fieldToken.kind !== 'word' && fieldToken.kind !== 'string') ||
      (fieldToken.kind === 'word' && RESERVED_WORDS.has(fieldToken.text.toLowerCase()))
    ) {
      throw syntaxError(`Expecting a field name but got ${describe(fieldToken)}.`, fieldToken.pos);
    }
    const operator = this.parseOperator();
    if (operator === 'in' || operator === 'not in') {
      const open = this.peek();
      if (open.kind === '(') {
        this.next();
        const values: JqlValue[] = [];
        if (this.peek().kind !== ')') {
          values.push(this.parseValue());
          while (this.peek().kind === ',') {
            this.next();
            values.push(this.parseValue());
          }
        }
        const close = this.next();
        if (close.kind !== ')') throw syntaxError(`Expecting ')' but got ${describe(close)}.`, close.pos);
        return { kind: 'clause', field: fieldToken.text, operator, values, list: true };
      }
      const value = this.parseValue();
      if (value.kind !== 'function') throw syntaxError(`Expecting '(' but got ${describe(open)}.`, open.pos);
      return { kind: 'clause', field: fieldToken.text, operator, values: [value], list: true };
    }
    return { kind: 'clause', field: fieldToken.text, operator, values: [this.parseValue()], list: false };
  }

  private parseOperator(): JqlOperator {
    const t = this.next();
    if (t.kind === 'op') return t.text as JqlOperator;
    const word = t.kind === 'word' ? t.text.toLowerCase() : '';
    if (word === 'in') return 'in';
    if (word === 'is') {
      if (isKeyword(this.peek(), 'not')) {
        this.next();
        return 'is not';
      }
      return 'is';
    }
    if (word === 'not' && isKeyword(this.peek(), 'in')) {
      this.next();
      return 'not in';
    }
    throw syntaxError(
      `Expecting operator but got ${describe(t)}. The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.`,
      t.pos,
    );
  }

  private parseValue(): JqlValue {
    const t = this.next();
    if (t.kind === 'string') return { kind: 'text', text: t.text, quoted: true };
    if (t.kind !== 'word')
      throw syntaxError(`Expecting either a value, list or function but got ${describe(t)}.`, t.pos);
    const lower = t.text.toLowerCase();
    if (lower === 'empty' || lower === 'null') return { kind: 'empty' };
    if (RESERVED_WORDS.has(lower)) {
      throw syntaxError(`Expecting either a value, list or function but got '${t.text}'.`, t.pos);
    }
    if (this.peek().kind === '(') {
      this.next();
      const args: string[] = [];
      while (this.peek().kind !== ')') {
        const arg = this.next();
        if (arg.kind === 'end') throw syntaxError(`Expecting ')' but got the end of the query.`, arg.pos);
        if (arg.kind !== ',') args.push(arg.text);
      }
      this.next();
      return { kind: 'function', name: t.text, args };
    }
    return { kind: 'text', text: t.text, quoted: false };
  }
}

export function parseJql(jql: string): JqlQuery {
  return new Parser(tokenize(jql)).parse();
}
