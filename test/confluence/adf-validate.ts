/**
 * Atlassian's own verdict on an ADF document, two ways, neither repairing anything:
 * - the JSON schema of @atlaskit/adf-schema (`json-schema/v1/full.json`, draft-04; it uses no
 *   draft-04-only keyword, so ajv 8 compiles it once its `$schema` line is dropped);
 * - @atlaskit/adf-utils `validator()` in strict mode with no error callback (it throws on the
 *   first invalid node instead of repairing it), applied to every node of the tree.
 */
import Ajv from 'ajv';
import fullSchema from '@atlaskit/adf-schema/json-schema/v1/full.json';
import { validator } from '@atlaskit/adf-utils/validator';

const { $schema: _draft04, ...schema } = fullSchema as Record<string, unknown>;
const schemaValidate = new Ajv({ strict: false, allErrors: false }).compile(schema);

let strictValidate: ReturnType<typeof validator> | undefined;

interface Node {
  type?: unknown;
  content?: unknown;
}

function quietly<T>(run: () => T): T {
  // The validator asks a feature gate nobody initialised outside Atlassian's products, and warns once.
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    return run();
  } finally {
    console.warn = warn;
  }
}

/** Subtrees already found valid: documents share most of their rows, and the validator is slow. */
const validSubtrees = new Set<string>();

function strictProblems(node: Node, path: string, out: string[]): void {
  const key = JSON.stringify(node);
  if (validSubtrees.has(key)) return;
  strictValidate ??= quietly(() => validator(undefined, undefined, { mode: 'strict' }));
  try {
    quietly(() => strictValidate?.(node as Parameters<ReturnType<typeof validator>>[0]));
  } catch (e) {
    out.push(`${path} (${String(node.type)}): ${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  const before = out.length;
  if (Array.isArray(node.content))
    node.content.forEach((c: Node, i) => strictProblems(c, `${path}/content/${i}`, out));
  if (out.length === before) validSubtrees.add(key);
}

/** Every problem the JSON schema finds; [] for a valid document. */
export function schemaProblems(doc: unknown): string[] {
  return schemaValidate(doc)
    ? []
    : (schemaValidate.errors ?? []).map((e) => `schema ${e.instancePath || '/'}: ${e.message ?? e.keyword}`);
}

/** Every problem either validator finds; [] for a valid document. */
export function adfProblems(doc: unknown): string[] {
  const out = schemaProblems(doc);
  strictProblems(doc as Node, '', out);
  return out;
}
