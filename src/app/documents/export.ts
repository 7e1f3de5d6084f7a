// The ADF Confluence puts in PDF and Word exports in place of a document macro's iframe.
import { adfMessage, toAdf, type AdfDoc } from '../../confluence';
import { siteOf, type MacroContext } from './context';
import type { DocumentIo } from './io';
import { getDocument, type DocumentRequest } from './render';

/** The document as ADF, or a one-panel document saying why there is none. */
export async function exportAdf(
  request: DocumentRequest | { error: string },
  ctx: MacroContext,
  io: DocumentIo,
): Promise<AdfDoc> {
  const answer = await getDocument(request, ctx, io);
  if (!answer.ok) return adfMessage(answer.error);
  return toAdf(answer.data.document, { siteUrl: siteOf(ctx) || undefined, includeTitle: true });
}
