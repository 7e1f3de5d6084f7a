// Whether the user may publish a document in the macro's space: Confluence lets only the people who
// may add pages to a space create one there, so the macro asks Confluence, as the user, what they
// may do in it (v2 "Get permitted operations for space") before offering Publish, and says why not
// instead of letting the create fail with Confluence's raw refusal.
import { createConfluenceClient } from '../../confluence';
import type { MacroContext } from './context';
import type { DocumentIo } from './io';

/** Null when the user may publish here, else why not (shown next to the disabled Publish). */
export async function whyCannotPublish(ctx: MacroContext, io: DocumentIo): Promise<string | null> {
  const space = ctx.extension?.space;
  if (space?.id === undefined)
    return 'Publish works from a Confluence page: the macro has no space in its context.';
  const named = space.key === undefined ? 'this space' : `space ${space.key}`;
  let operations;
  try {
    operations = await createConfluenceClient({ fetch: io.confluenceFetch }).spaceOperations(space.id);
  } catch (e) {
    return `Confluence could not say whether you may add pages to ${named}: ${e instanceof Error ? e.message : String(e)}`;
  }
  const mayCreatePage = (operations ?? []).some((o) => o.operation === 'create' && o.targetType === 'page');
  return mayCreatePage
    ? null
    : `You cannot add pages to ${named}, so you cannot publish this here: a space admin can give you the Add pages permission.`;
}
