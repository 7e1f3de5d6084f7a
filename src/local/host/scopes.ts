// Which OAuth scopes a REST call needs, from Atlassian's OpenAPI specs (../shared/reference):
// each operation's `x-atlassian-oauth2-scopes` entry in state "Current" (the classic scopes a
// Forge manifest declares), falling back to its `security` requirements. The host records every
// product call the app makes (runtime.ts); test/forge/scopes.test.ts matches them here.
import * as fs from 'node:fs';
import { z } from 'zod';

const ScopeEntry = z.looseObject({
  scheme: z.string().optional(),
  state: z.string().optional(),
  scopes: z.array(z.string()),
});
const Operation = z.looseObject({
  operationId: z.string().optional(),
  security: z.array(z.record(z.string(), z.array(z.string()))).optional(),
  'x-atlassian-oauth2-scopes': z.array(ScopeEntry).optional(),
});
const Spec = z.looseObject({
  servers: z.array(z.looseObject({ url: z.string() })).optional(),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
});

export interface OperationScopes {
  method: string;
  /** Full path template, e.g. `/rest/api/3/issue/{issueIdOrKey}` or `/wiki/api/v2/pages/{id}`. */
  template: string;
  operationId: string;
  /** Any one of these sets suffices (Current classic scopes first). */
  scopes: string[];
}

const METHODS = new Set(['get', 'post', 'put', 'delete', 'patch']);

export function loadOperations(file: string): OperationScopes[] {
  const spec = Spec.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  const base = new URL((spec.servers?.[0]?.url ?? '/').replace(/\{[^}]+\}/g, 'host')).pathname.replace(
    /\/$/,
    '',
  );
  const ops: OperationScopes[] = [];
  for (const [template, byMethod] of Object.entries(spec.paths)) {
    for (const [method, raw] of Object.entries(byMethod)) {
      if (!METHODS.has(method)) continue;
      const op = Operation.parse(raw);
      const current = (op['x-atlassian-oauth2-scopes'] ?? []).find((e) => e.state === 'Current');
      const fromSecurity = (op.security ?? []).flatMap((s) =>
        Object.entries(s).flatMap(([scheme, scopes]) => (scheme === 'basicAuth' ? [] : scopes)),
      );
      ops.push({
        method: method.toUpperCase(),
        template: `${base}${template}`,
        operationId: op.operationId ?? `${method} ${template}`,
        scopes: current?.scopes ?? fromSecurity,
      });
    }
  }
  return ops;
}

function templateRegex(template: string): RegExp {
  const escaped = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${escaped}$`);
}

/** The operation a call is; literal templates win over ones with parameters. */
export function operationOf(
  ops: readonly OperationScopes[],
  method: string,
  path: string,
): OperationScopes | undefined {
  const bare = path.split('?')[0];
  const matches = ops.filter((o) => o.method === method && templateRegex(o.template).test(bare));
  return matches.sort((a, b) => paramCount(a.template) - paramCount(b.template))[0];
}

const paramCount = (t: string) => (t.match(/\{/g) ?? []).length;

/**
 * Confluence REST v1 operations the app calls that the v2 spec in ../shared/reference lacks (v2
 * answers permissions for the caller only), with the scope Atlassian's reference page for each
 * gives (granular, as the manifest declares Confluence's): "Check content permissions",
 * developer.atlassian.com/cloud/confluence/rest/v1/api-group-content-permissions/.
 */
export const CONFLUENCE_V1_OPERATIONS: readonly OperationScopes[] = [
  {
    method: 'POST',
    template: '/wiki/rest/api/content/{id}/permission/check',
    operationId: 'checkContentPermission',
    scopes: ['read:content.permission:confluence'],
  },
];
