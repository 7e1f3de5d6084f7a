// What the document use cases take (Jira and Confluence as the user, app storage, the clock) and
// how they fail: a DocumentError is a problem the reader can act on, shown as it is.
import { jiraWords } from '../failure';
import { forgePorts } from '../forge';
import type { Ports } from '../ports';

/** Everything outside a document use case: Jira and Confluence as the user, app storage, the clock. */
export type DocumentIo = Ports;

export const forgeIo = (): DocumentIo => forgePorts('user');

/** A problem the reader can act on; its message is shown as it is. */
export class DocumentError extends Error {
  override name = 'DocumentError';
}

export const failed = (e: unknown) => ({ ok: false as const, error: jiraWords(e) });
