// The playbook library: the built-in templates plus the team's stored ones (those that no longer
// validate are refused with the reason), listed for the macro's config view, and a team template
// added or replaced by a Jira administrator.
import type { TemplateList, TemplateSummary } from '../../contracts/playbook';
import type { ResolverResult } from '../../contracts/result';
import {
  acceptTemplate,
  createLibrary,
  libraryWith,
  templateSizeProblem,
  type PlaybookLibrary,
  type PlaybookTemplate,
} from '../../domain/playbooks';
import { createJiraClient } from '../../jira';
import { isJiraAdmin } from '../../jira/gates';
import { readTeamTemplate, readTeamTemplates, writeTeamTemplate, type TypedStore } from '../../storage';
import { failed, type DocumentIo } from '../documents/io';

export async function loadLibrary(
  store: TypedStore,
): Promise<{ library: PlaybookLibrary; refused: string[]; stored: unknown[] }> {
  const stored = await readTeamTemplates(store);
  return { ...libraryWith(stored), stored };
}

/**
 * One template by id: a built-in one, or the team's (reading only its record). Undefined when
 * there is none, or the team's does not validate (the full library says why).
 */
export async function loadTemplate(store: TypedStore, id: string): Promise<PlaybookTemplate | undefined> {
  const builtIn = createLibrary();
  if (builtIn.isBuiltIn(id)) return builtIn.get(id);
  const stored = await readTeamTemplate(store, id);
  return stored === undefined ? undefined : libraryWith([stored]).library.get(id);
}

/** Jira administrator; a permission check that fails counts as no (it only ever withholds). */
const isAdmin = (io: DocumentIo): Promise<boolean> =>
  isJiraAdmin(createJiraClient({ fetch: io.jiraFetch })).catch(() => false);

export async function listTemplates(io: DocumentIo): Promise<ResolverResult<TemplateList>> {
  try {
    const { library, refused } = await loadLibrary(io.store);
    const templates: TemplateSummary[] = library.templates.map((t) => ({
      id: t.id,
      title: t.title,
      description: t.description,
      builtIn: library.isBuiltIn(t.id),
    }));
    return {
      ok: true,
      data: {
        templates,
        refused,
        canAddTemplates: await isAdmin(io),
      },
    };
  } catch (e) {
    return failed(e);
  }
}

/** Adds (or replaces, by id) a team template: Jira administrators only; an invalid one is refused with the reason. */
export async function saveTemplate(
  template: unknown,
  io: DocumentIo,
): Promise<ResolverResult<TemplateSummary>> {
  try {
    if (!(await isAdmin(io)))
      return { ok: false, error: 'Only Jira administrators can add playbook templates.' };
    // Team templates are records of their own, replaced by id: only the built-in ids are checked.
    const accepted = acceptTemplate(template, createLibrary());
    if (!accepted.ok) return { ok: false, error: accepted.error };
    const t = accepted.value;
    const tooLarge = templateSizeProblem(t.id, template);
    if (tooLarge !== null) return { ok: false, error: tooLarge };
    await writeTeamTemplate(io.store, t.id, template);
    return { ok: true, data: { id: t.id, title: t.title, description: t.description, builtIn: false } };
  } catch (e) {
    return failed(e);
  }
}
