/** Reading a structured document in tests: its tables by id, and the plain text of inline runs. */
import type { Inline, StructuredDocument, TableBlock } from '../../src/domain/playbooks';

/** Every table of a document, for lookups by id. */
export function tablesOf(doc: StructuredDocument): TableBlock[] {
  return doc.sections.flatMap((s) => s.blocks.filter((b): b is TableBlock => b.type === 'table'));
}

/** The plain text of inline runs. */
export function plainText(content: readonly Inline[]): string {
  return content.map((i) => (i.type === 'issue' ? i.key : i.text)).join('');
}
