// Publishing a document as a Confluence page in the macro's space, as the user, linked from the
// implementation in Jira; publishing again updates the page published before (app storage).
import type { Published } from '../../contracts/playbook';
import type { ResolverResult } from '../../contracts/result';
import { createConfluenceClient, publishDocument } from '../../confluence';
import {
  HANDOVER_LINK_RELATIONSHIP,
  handoverLinkGlobalId,
  PLAYBOOK_LINK_RELATIONSHIP,
  playbookLinkGlobalId,
} from '../../domain/handover';
import { HANDOVER_ID } from '../../domain/playbooks';
import { readPublishedPage, writePublishedPage } from '../../storage';
import type { MacroContext } from './context';
import { failed, type DocumentIo } from './io';
import { whyCannotPublish } from './may-publish';
import { depsOf, renderDocument, type DocumentRequest } from './render';

export async function publish(
  request: DocumentRequest | { error: string },
  ctx: MacroContext,
  io: DocumentIo,
): Promise<ResolverResult<Published>> {
  if ('error' in request) return { ok: false, error: request.error };
  const spaceId = ctx.extension?.space?.id;
  if (spaceId === undefined)
    return {
      ok: false,
      error: 'Publish works from a Confluence page: the macro has no space in its context.',
    };
  try {
    const refused = await whyCannotPublish(ctx, io);
    if (refused !== null) return { ok: false, error: refused };
    const deps = await depsOf(io, ctx);
    const { document } = await renderDocument(request, deps);
    const handover = request.templateId === HANDOVER_ID;
    const link = handover
      ? {
          globalId: handoverLinkGlobalId(request.implementationKey),
          relationship: HANDOVER_LINK_RELATIONSHIP,
        }
      : {
          globalId: playbookLinkGlobalId(request.templateId, request.implementationKey),
          relationship: PLAYBOOK_LINK_RELATIONSHIP,
        };
    const known = await readPublishedPage(io.store, link.globalId, spaceId);
    const result = await publishDocument(
      document,
      { spaceId, parentId: ctx.extension?.content?.id, knownPageId: known?.pageId },
      link,
      {
        confluence: createConfluenceClient({ fetch: io.confluenceFetch }),
        jira: deps.jira,
        siteUrl: deps.siteUrl,
      },
    );
    await writePublishedPage(io.store, link.globalId, spaceId, { pageId: result.pageId });
    return { ok: true, data: result };
  } catch (e) {
    return failed(e);
  }
}
