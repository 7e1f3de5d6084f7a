/**
 * The templates a site can render: the built-in library plus the team's own. A team template is
 * refused, with the reason, when it does not validate or takes an id already in use (built-in
 * ids and `handover` are reserved, so a custom template can never shadow them).
 */
import type { Result } from '../config';
import { BUILT_IN_TEMPLATES } from './library/index';
import { parseTemplate, type PlaybookTemplate } from './template';

/** The id the handover packet answers to wherever a template id is expected (CLI, macros). */
export const HANDOVER_ID = 'handover';

export interface PlaybookLibrary {
  readonly templates: readonly PlaybookTemplate[];
  get(id: string): PlaybookTemplate | undefined;
  isBuiltIn(id: string): boolean;
}

export function createLibrary(custom: readonly PlaybookTemplate[] = []): PlaybookLibrary {
  const templates = [...BUILT_IN_TEMPLATES, ...custom];
  const byId = new Map(templates.map((t) => [t.id, t]));
  const builtIn = new Set(BUILT_IN_TEMPLATES.map((t) => t.id));
  return {
    templates,
    get: (id) => byId.get(id),
    isBuiltIn: (id) => builtIn.has(id),
  };
}

/** Validates a team template against the schema and the library it would join. */
export function acceptTemplate(json: unknown, library: PlaybookLibrary): Result<PlaybookTemplate> {
  const parsed = parseTemplate(json);
  if (!parsed.ok) return parsed;
  const { id } = parsed.value;
  if (id === HANDOVER_ID)
    return {
      ok: false,
      error: `template "${id}" is refused: the id "${HANDOVER_ID}" is reserved for the handover packet`,
    };
  if (library.isBuiltIn(id))
    return {
      ok: false,
      error: `template "${id}" is refused: a built-in template has this id; choose another id`,
    };
  return parsed;
}

/** Builds a library from a team's templates, refusing each invalid one with its reason. */
export function libraryWith(customJson: readonly unknown[]): { library: PlaybookLibrary; refused: string[] } {
  let library = createLibrary();
  const accepted: PlaybookTemplate[] = [];
  const refused: string[] = [];
  for (const json of customJson) {
    const r = acceptTemplate(json, library);
    if (!r.ok) {
      refused.push(r.error);
      continue;
    }
    if (accepted.some((t) => t.id === r.value.id)) {
      refused.push(`template "${r.value.id}" is refused: another team template already has this id`);
      continue;
    }
    accepted.push(r.value);
    library = createLibrary(accepted);
  }
  return { library, refused };
}

/** An unknown template id, said so that the reader can fix it. */
export function unknownTemplateMessage(id: string, library: PlaybookLibrary): string {
  return `Unknown template "${id}". Known templates: ${[...library.templates.map((t) => t.id), HANDOVER_ID].join(', ')}`;
}

/** The most a team template may take as JSON: one value of Forge storage (limits-kvs-ce: 240 KiB). */
export const TEAM_TEMPLATE_MAX_BYTES = 240 * 1024;

/** Why a team template is too large to keep, or null when it fits (UTF-8 bytes of its JSON). */
export function templateSizeProblem(id: string, json: unknown): string | null {
  const bytes = new TextEncoder().encode(JSON.stringify(json) ?? '').length;
  if (bytes <= TEAM_TEMPLATE_MAX_BYTES) return null;
  const kib = (n: number) => Math.ceil(n / 1024);
  return `template "${id}" is refused: it is ${kib(bytes)} KiB as JSON, and a team template can be at most ${kib(TEAM_TEMPLATE_MAX_BYTES)} KiB (one value of Forge storage); split it into smaller templates`;
}
