import { adfMessage, toAdf, type AdfNode } from '../../src/confluence';
import { defaultConfig } from '../../src/domain';
import { assembleHandoverPacket } from '../../src/domain/handover';
import {
  BUILT_IN_TEMPLATES,
  readReporters,
  renderPlaybook,
  type StructuredDocument,
} from '../../src/domain/playbooks';
import { acme, acmeIssues, AS_OF } from '../domain/playbooks/fixture';
import { adfProblems, schemaProblems } from './adf-validate';
import { demoDocuments, exampleDocuments } from './demo-documents';
import { withLinks } from './links-document';

const SITE = 'https://acme.atlassian.net';

function nodes(node: AdfNode, type: string): AdfNode[] {
  const out: AdfNode[] = node.type === type ? [node] : [];
  for (const c of node.content ?? []) out.push(...nodes(c, type));
  return out;
}
const docNode = (d: ReturnType<typeof toAdf>): AdfNode => d as unknown as AdfNode;

describe('ADF of every playbook, the handover packet and the status report', () => {
  const demo = demoDocuments();

  it('covers every demo implementation (30) with the 8 templates, the packet and the status report', () => {
    expect(demo.length).toBeGreaterThanOrEqual(25);
    for (const r of demo)
      expect(r.documents.map((d) => d.templateId)).toEqual([
        ...BUILT_IN_TEMPLATES.map((t) => t.id),
        'handover',
        'status',
      ]);
  });

  it('is valid against Atlassian’s schema and strict validator for every demo implementation', () => {
    const invalid: string[] = [];
    for (const { implementation, documents } of demo) {
      for (const doc of documents) {
        // The macro export (with the title) through both validators; the page body through the schema.
        const problems = [
          ...adfProblems(toAdf(doc, { siteUrl: SITE, includeTitle: true })),
          ...schemaProblems(toAdf(doc, { siteUrl: SITE })),
        ];
        if (problems.length > 0)
          invalid.push(`${implementation.key} ${doc.templateId}: ${problems.slice(0, 3).join(' | ')}`);
      }
    }
    expect(invalid).toEqual([]);
  });

  it('is valid for every implementation of the worked example export, with and without a site URL', () => {
    const invalid: string[] = [];
    for (const { implementation, documents } of exampleDocuments()) {
      for (const doc of documents) {
        const problems = [...adfProblems(toAdf(doc)), ...schemaProblems(toAdf(doc, { siteUrl: SITE }))];
        if (problems.length > 0) invalid.push(`${implementation.key} ${doc.templateId}: ${problems[0]}`);
      }
    }
    expect(invalid).toEqual([]);
  });

  it('is refused by the same validators when it is not valid (the check can fail)', () => {
    const broken = [
      { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: '' }] }] },
      {
        type: 'doc',
        version: 1,
        content: [
          { type: 'paragraph', content: [{ type: 'status', attrs: { text: 'x', color: 'orange' } }] },
        ],
      },
      {
        type: 'doc',
        version: 1,
        content: [
          {
            type: 'table',
            content: [
              {
                type: 'tableRow',
                content: [{ type: 'tableCell', attrs: {}, content: [{ type: 'text', text: 'x' }] }],
              },
            ],
          },
        ],
      },
      {
        type: 'doc',
        version: 1,
        content: [
          {
            type: 'taskList',
            attrs: { localId: 'a' },
            content: [{ type: 'taskItem', attrs: { state: 'DONE' }, content: [] }],
          },
        ],
      },
    ];
    for (const doc of broken) expect(adfProblems(doc).length).toBeGreaterThan(0);
  });

  it('gives a valid message document when there is nothing to render', () => {
    expect(adfProblems(adfMessage('Unknown template "x".'))).toEqual([]);
    expect(adfProblems(adfMessage(''))).toEqual([]);
  });
});

describe('the ADF of a known implementation', () => {
  const config = defaultConfig();
  const doc = assembleHandoverPacket(acme(), { asOf: AS_OF, config, reporters: readReporters(acmeIssues()) });
  const adf = docNode(toAdf(doc, { siteUrl: SITE, includeTitle: true }));

  it('opens with the title, then one level-2 heading per section', () => {
    const headings = nodes(adf, 'heading');
    expect(headings[0]).toEqual({
      type: 'heading',
      attrs: { level: 1 },
      content: [{ type: 'text', text: 'Handover packet: ACME-1 Acme Corp rollout' }],
    });
    expect(headings.slice(1).map((h) => [h.attrs?.level, h.content?.[0]?.text])).toEqual(
      doc.sections.map((s) => [2, s.title]),
    );
  });

  it('turns every table into a header row of column names and one row per document row', () => {
    const tables = nodes(adf, 'table');
    const docTables = doc.sections
      .flatMap((s) => s.blocks)
      .filter((b) => b.type === 'table' && b.rows.length > 0);
    expect(tables).toHaveLength(docTables.length);
    const contacts = tables.find(
      (t) => t.content?.[0]?.content?.[0]?.content?.[0]?.content?.[0]?.text === 'Role',
    );
    expect(contacts?.content).toHaveLength(12); // header + 11 roles
    expect(nodes(contacts as AdfNode, 'tableHeader')).toHaveLength(3);
  });

  it('links issue keys to the Jira issue, and shows states as status lozenges', () => {
    const linked = nodes(adf, 'text').find((t) => t.text === 'ACME-24');
    expect(linked?.marks).toEqual([{ type: 'link', attrs: { href: `${SITE}/browse/ACME-24` } }]);
    const statuses = nodes(adf, 'status').map((s) => [s.attrs?.text, s.attrs?.color]);
    expect(statuses).toContainEqual(['Not met', 'red']);
    expect(statuses).toContainEqual(['Met', 'green']);
    expect(statuses).toContainEqual(['Pending decision', 'yellow']);
  });

  it('makes checklists task lists whose items are DONE exactly when the checklist item is done', () => {
    const items = nodes(adf, 'taskItem').map((t) => t.attrs?.state);
    const expected = doc.sections
      .flatMap((s) => s.blocks)
      .flatMap((b) => (b.type === 'checklist' ? b.items.map((i) => (i.done ? 'DONE' : 'TODO')) : []));
    expect(items).toEqual(expected);
    expect(items).toContain('DONE');
    expect(items).toContain('TODO');
  });

  it('is the same document every time (ids are deterministic)', () => {
    expect(toAdf(doc, { siteUrl: SITE })).toEqual(toAdf(doc, { siteUrl: SITE }));
  });
});

describe('user text in ADF', () => {
  const hostile = '<script>alert(1)</script> **bold** [x](javascript:alert(1)) &amp;';
  const doc: StructuredDocument = renderPlaybook(
    BUILT_IN_TEMPLATES[0],
    acme({ summary: hostile, children: [{ key: 'ACME-90', type: 'Change Request', summary: hostile }] }),
    { asOf: AS_OF, config: defaultConfig() },
  );
  const adf = docNode(toAdf(doc, { siteUrl: SITE, includeTitle: true }));

  it('is carried as the text of text nodes, character for character', () => {
    const texts = nodes(adf, 'text').map((t) => t.text ?? '');
    expect(texts).toContain(hostile);
    expect(texts).toContain(`Implementation plan: ACME-1 ${hostile}`);
    expect(adfProblems(adf)).toEqual([]);
  });

  it('never becomes a link, and links only ever go to http(s)', () => {
    const hrefs = nodes(adf, 'text').flatMap((t) =>
      (t.marks ?? []).flatMap((m) => (m.type === 'link' ? [m.attrs.href] : [])),
    );
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^https:\/\/acme\.atlassian\.net\/browse\/ACME-\d+$/);
  });

  it('drops a link of another scheme to plain text', () => {
    const withLink = withLinks(doc, [
      { text: 'evil', href: 'javascript:alert(1)' },
      { text: 'ok', href: 'https://example.com/a b' },
    ]);
    const texts = nodes(docNode(toAdf(withLink)), 'text');
    expect(texts.find((t) => t.text === 'evil')?.marks).toBeUndefined();
    expect(texts.find((t) => t.text === 'ok')?.marks).toEqual([
      { type: 'link', attrs: { href: 'https://example.com/a%20b' } },
    ]);
  });
});
