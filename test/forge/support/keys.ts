/**
 * Resolver keys as the two sides spell them. A Custom UI asks with `invoke(key, …)` (or the
 * team's typed wrapper `callResolver(key, …)` in static/shared); a resolver module answers
 * with `resolver.define(key, …)`. A key is a string literal or a key constant exported by
 * src/contracts (`KPI_GADGET_KEYS.getPortfolioKpis`, or a plain exported string), resolved
 * through `constants`. Type arguments (`invoke<Result>('key')`) are allowed. Anything else
 * (`invoke(key, …)` inside the generic wrapper) cannot be checked by reading text and is
 * reported as dynamic.
 */

/** Key constant spelling (`GROUP.name` or `NAME`) → key value. */
export type KeyConstants = ReadonlyMap<string, string>;

const TYPE_ARGS = String.raw`(?:<[^()]*?>)?`;
const ARG = String.raw`(['"\x60])([^'"\x60$\\]+)\1|([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)`;

const askPattern = new RegExp(String.raw`\b(?:invoke|callResolver)\s*${TYPE_ARGS}\s*\(\s*(?:${ARG})`, 'g');
const definePattern = new RegExp(String.raw`\.define\s*${TYPE_ARGS}\s*\(\s*(?:${ARG})`, 'g');

export interface KeyRef {
  key: string;
  /** The constant group it was spelled with (`KPI_GADGET_KEYS`), if not a literal. */
  group?: string;
}

export interface KeyScan {
  keys: KeyRef[];
  /** Source text of first arguments that are neither literals nor known constants. */
  dynamic: string[];
}

/** Comments out, so examples in comments are not taken for calls. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

function scan(source: string, pattern: RegExp, constants: KeyConstants): KeyScan {
  const keys = new Map<string, KeyRef>();
  const dynamic = new Set<string>();
  for (const m of withoutComments(source).matchAll(pattern)) {
    const [, , literal, expression] = m;
    if (literal !== undefined) {
      keys.set(literal, { key: literal });
      continue;
    }
    const value = constants.get(expression);
    if (value === undefined) {
      dynamic.add(expression);
      continue;
    }
    const dot = expression.lastIndexOf('.');
    keys.set(value, dot > 0 ? { key: value, group: expression.slice(0, dot) } : { key: value });
  }
  return { keys: [...keys.values()], dynamic: [...dynamic] };
}

/** Keys a view asks for with `invoke(…)` or `callResolver(…)`. */
export function scanInvokeKeys(source: string, constants: KeyConstants = new Map()): KeyScan {
  return scan(source, askPattern, constants);
}

/** Keys a resolver module defines with `.define(…)`. */
export function scanDefinedKeys(source: string, constants: KeyConstants = new Map()): KeyScan {
  return scan(source, definePattern, constants);
}

/**
 * Key constants from the exports of src/contracts: every exported string, and every exported
 * object whose values are all strings (a key group).
 */
export function keyConstantsOf(exports: Record<string, unknown>): KeyConstants {
  const constants = new Map<string, string>();
  for (const [name, value] of Object.entries(exports)) {
    if (typeof value === 'string') constants.set(name, value);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const entries = Object.entries(value);
      if (entries.length > 0 && entries.every(([, v]) => typeof v === 'string')) {
        for (const [k, v] of entries) constants.set(`${name}.${k}`, String(v));
      }
    }
  }
  return constants;
}

export interface Source {
  file: string;
  source: string;
}

export interface KeyMismatch {
  file: string;
  key: string;
  reason: string;
}

/** Every key a surface's views ask for that the surface's resolver does not define. */
export function missingKeys(
  views: Source[],
  resolver: Source,
  constants: KeyConstants = new Map(),
): KeyMismatch[] {
  const defined = new Set(scanDefinedKeys(resolver.source, constants).keys.map((k) => k.key));
  return views.flatMap(({ file, source }) =>
    scanInvokeKeys(source, constants)
      .keys.filter(({ key }) => !defined.has(key))
      .map(({ key }) => ({ file, key, reason: `not defined in ${resolver.file}` })),
  );
}

/**
 * Keys asked for by code shared between surfaces (static/shared), which belongs to no single
 * resolver. A key spelled with a constant group must be defined by every resolver module that
 * defines keys of that group (the group's owner), and the group must have an owner; a literal
 * key must be defined by some resolver module.
 */
export function missingSharedKeys(
  shared: Source[],
  resolvers: Source[],
  constants: KeyConstants,
): KeyMismatch[] {
  const scans = resolvers.map((r) => ({ file: r.file, defined: scanDefinedKeys(r.source, constants).keys }));
  return shared.flatMap(({ file, source }) =>
    scanInvokeKeys(source, constants).keys.flatMap(({ key, group }): KeyMismatch[] => {
      if (group === undefined) {
        return scans.some((s) => s.defined.some((d) => d.key === key))
          ? []
          : [{ file, key, reason: 'not defined by any resolver module' }];
      }
      const owners = scans.filter((s) => s.defined.some((d) => d.group === group));
      if (owners.length === 0) return [{ file, key, reason: `no resolver module defines keys of ${group}` }];
      return owners
        .filter((o) => !o.defined.some((d) => d.key === key))
        .map((o) => ({
          file,
          key,
          reason: `not defined in ${o.file}, which defines the other ${group} keys`,
        }));
    }),
  );
}
