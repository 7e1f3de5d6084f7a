// Validates emulator responses against the response schemas of Atlassian's own OpenAPI
// documents (shared/reference), with Ajv. OpenAPI 3.0 schema objects are JSON Schema plus a
// few keywords (nullable, readOnly, xml, example, discriminator) that Ajv ignores or knows.

import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';

const REFERENCE = path.resolve(__dirname, '../../../../shared/reference');

type Json = Record<string, unknown>;

export function loadReference(file: string): Json {
  return load(file);
}

function load(file: string): Json {
  return JSON.parse(fs.readFileSync(path.join(REFERENCE, file), 'utf8')) as Json;
}

function schemas(doc: Json): Record<string, Json> {
  return (doc.components as { schemas: Record<string, Json> }).schemas;
}

function jiraDocument(): Json {
  const doc = load('jira-cloud-platform.openapi.json');
  // The spec types change items' from/to as plain strings, but Jira writes null for an empty
  // side (see the recorded changelogs in jira-samples/hack-jira-cfd, go-jira, actionableagile).
  const change = schemas(doc).ChangeDetails as { properties: Record<string, Json> };
  for (const key of ['from', 'fromString', 'to', 'toString'])
    change.properties[key] = { ...change.properties[key], nullable: true };
  return doc;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})$/;

function createAjv(): Ajv {
  // ownProperties: a change item's `toString` must be its own, not Object.prototype's.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true, ownProperties: true });
  // Jira's own timestamps (2026-03-10T23:30:00.000-0800) are not RFC 3339; accept both.
  ajv.addFormat('date-time', TIMESTAMP);
  ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\/\/\S+$/i);
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31,
  });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  for (const lenient of ['uuid', 'email', 'binary', 'byte', 'float', 'double', 'string', 'password'])
    ajv.addFormat(lenient, true);
  return ajv;
}

export interface SpecValidator {
  /** Errors of `body` against the schema of `method path` → `status` (empty when valid). */
  errors(method: string, template: string, status: number, body: unknown): string[];
  /** Errors of `body` against a named component schema. */
  componentErrors(name: string, body: unknown): string[];
}

function makeValidator(id: string, doc: Json, pathPrefix: string): SpecValidator {
  const ajv = createAjv();
  ajv.addSchema({ $id: id, components: doc.components } as Json, id);
  const paths = doc.paths as Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema?: Json }> }> }>
  >;
  const compiled = new Map<string, ValidateFunction>();

  const rewrite = (schema: unknown): unknown => {
    if (Array.isArray(schema)) return schema.map(rewrite);
    if (schema && typeof schema === 'object') {
      const out: Json = {};
      for (const [k, v] of Object.entries(schema))
        out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#') ? `${id}${v}` : rewrite(v);
      return out;
    }
    return schema;
  };

  const run = (key: string, schema: () => Json, body: unknown): string[] => {
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.compile(rewrite(schema()) as Json);
      compiled.set(key, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map(
      (e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
    );
  };

  return {
    errors(method, template, status, body) {
      const specPath = template.startsWith(pathPrefix) ? template.slice(pathPrefix.length) : template;
      const operation = paths[specPath]?.[method.toLowerCase()];
      if (!operation) throw new Error(`${method} ${specPath} is not in the ${id} OpenAPI document`);
      const response = operation.responses[String(status)];
      if (!response) throw new Error(`${method} ${specPath} documents no ${status} response`);
      const schema = response.content?.['application/json']?.schema;
      if (!schema) throw new Error(`${method} ${specPath} ${status} has no JSON schema`);
      return run(`${method} ${specPath} ${status}`, () => schema, body);
    },
    componentErrors(name, body) {
      return run(`#${name}`, () => ({ $ref: `#/components/schemas/${name}` }), body);
    },
  };
}

let jira: SpecValidator | undefined;
let confluence: SpecValidator | undefined;

export function jiraSpec(): SpecValidator {
  jira ??= makeValidator('jira', jiraDocument(), '');
  return jira;
}

export function confluenceSpec(): SpecValidator {
  confluence ??= makeValidator('confluence', load('confluence-cloud-v2.openapi.json'), '/wiki/api/v2');
  return confluence;
}
