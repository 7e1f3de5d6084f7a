// What Confluence sends a macro's adfExport function when a page is exported to PDF or Word, read
// into the macro context the resolvers use. The saved configuration arrives in one of several
// places depending on the export path and its version: `context.extension.config`,
// `extension.config`, `extensionPayload.config`, `context.config` or `config` at the top; the
// first one present wins. The page and space come with `context.extension` or `extension`.
//
// Identity: the export runs for the person who exports the page. Forge invokes the function
// with that user as its principal, so `asUser()` reads Jira and Confluence with their
// permissions, and the export shows exactly what the macro would show them (playbook.ts
// `forgeIo` in io.ts is as the user). The app identity is never used for the document's data.
import { z } from 'zod';

const Extension = z.looseObject({
  config: z.unknown().optional(),
  content: z.unknown().optional(),
  space: z.unknown().optional(),
});

const ExportEvent = z.looseObject({
  /** `pdf` or `word` (Confluence's export), or another format; the document is the same. */
  exportType: z.string().optional(),
  config: z.unknown().optional(),
  extension: Extension.optional(),
  extensionPayload: z.looseObject({ config: z.unknown().optional() }).optional(),
  context: z
    .looseObject({
      siteUrl: z.string().optional(),
      config: z.unknown().optional(),
      extension: Extension.optional(),
    })
    .optional(),
});

export interface ExportedMacro {
  siteUrl?: string;
  extension?: { content?: unknown; space?: unknown; config?: unknown };
}

/** Where an export's site, page, space and saved configuration are (playbook.ts parses them). */
export function exportedMacro(event: unknown): ExportedMacro {
  const parsed = ExportEvent.safeParse(event ?? {});
  if (!parsed.success) return {};
  const e = parsed.data;
  const extension = e.context?.extension ?? e.extension;
  const config =
    e.context?.extension?.config ??
    e.extension?.config ??
    e.extensionPayload?.config ??
    e.context?.config ??
    e.config;
  return {
    siteUrl: e.context?.siteUrl,
    extension: {
      content: extension?.content ?? e.extension?.content,
      space: extension?.space ?? e.extension?.space,
      config,
    },
  };
}
