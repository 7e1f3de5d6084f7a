import Resolver from '@forge/resolver';

// Placeholder: the Playbook macro fills this module in (its resolver and its adfExport). Until
// then its only key answers that nothing is built, and the export says so in the document.
const resolver = new Resolver();

resolver.define('status', () => ({ ok: false, error: 'not built yet' }));

export const playbookResolver = resolver.getDefinitions();

/** The ADF Confluence puts in PDF and Word exports in place of the macro's iframe. */
export async function playbookExport(
  _event: unknown,
): Promise<{ type: 'doc'; version: 1; content: unknown[] }> {
  return {
    type: 'doc',
    version: 1,
    content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Playbook: export is not built yet.' }] }],
  };
}
