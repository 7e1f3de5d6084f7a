import type { StructuredDocument } from '../../src/domain/playbooks';

/** `doc` with one section holding one paragraph of these links: what a writer makes of each href. */
export function withLinks(
  doc: StructuredDocument,
  links: Array<{ text: string; href: string }>,
): StructuredDocument {
  return {
    ...doc,
    sections: [
      {
        id: 's',
        title: 'S',
        blocks: [
          { type: 'paragraph', content: links.map(({ text, href }) => ({ type: 'link', text, href })) },
        ],
      },
    ],
  };
}
