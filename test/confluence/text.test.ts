import { escapeHtml, escapeMarkdown, toHtml, toMarkdown } from '../../src/confluence';
import { defaultConfig } from '../../src/domain';
import { assembleHandoverPacket } from '../../src/domain/handover';
import {
  BUILT_IN_TEMPLATES,
  readReporters,
  renderPlaybook,
  type StructuredDocument,
} from '../../src/domain/playbooks';
import { acme, acmeIssues, AS_OF } from '../domain/playbooks/fixture';
import { withLinks } from './links-document';

const SITE = 'https://acme.atlassian.net';
const config = defaultConfig();
const hostile = '<img src=x onerror=alert(1)> *b* _i_ [l](javascript:x) | pipe # not a heading & &amp;';

describe('Markdown', () => {
  const doc = assembleHandoverPacket(acme(), { asOf: AS_OF, config, reporters: readReporters(acmeIssues()) });
  const md = toMarkdown(doc, { siteUrl: SITE });

  it('has the title, the meta line and a heading per section', () => {
    expect(md.startsWith('# Handover packet: ACME\\-1 Acme Corp rollout\n')).toBe(false); // keys are not escaped mid-line
    expect(md.split('\n')[0]).toBe('# Handover packet: ACME-1 Acme Corp rollout');
    expect(md.split('\n').filter((l) => l.startsWith('## '))).toEqual(
      doc.sections.map((s) => `## ${s.title}`),
    );
  });

  it('writes tables with a header row and linked issue keys, and checklists as task lists', () => {
    expect(md).toContain(
      '| Key | Summary | Owner | Status | Runs | Failed runs | Success rate |\n| --- | --- | --- | --- | --- | --- | --- |',
    );
    expect(md).toContain(
      `| [ACME-18](<${SITE}/browse/ACME-18>) | ERP integration | Ben Cruz | **Done** | 200 | 1 | 99.5 % |`,
    );
    expect(md).toContain('- [ ] No open P1 defect _(1 open: ACME-24)_');
    expect(md).toContain('- [x] No open P2 defect _(none open)_');
  });

  it('escapes user text so it is never formatting, a link, HTML or a broken table', () => {
    expect(escapeMarkdown(hostile)).toBe(
      '\\<img src=x onerror=alert(1)\\> \\*b\\* \\_i\\_ \\[l\\](javascript:x) \\| pipe # not a heading &amp; &amp;amp;',
    );
    expect(escapeMarkdown('# heading', true)).toBe('\\# heading');
    expect(escapeMarkdown('- item', true)).toBe('\\- item');
    expect(escapeMarkdown('1. first', true)).toBe('1\\. first');
    expect(escapeMarkdown('+17 days')).toBe('+17 days');
    expect(escapeMarkdown('two\nlines')).toBe('two lines');
  });

  it('keeps a hostile summary inside its table cell', () => {
    const out = toMarkdown(
      renderPlaybook(
        BUILT_IN_TEMPLATES[0],
        acme({ children: [{ key: 'ACME-90', type: 'Change Request', summary: hostile }] }),
        { asOf: AS_OF, config },
      ),
    );
    const row = out.split('\n').find((l) => l.startsWith('| ACME-90 |'));
    expect(row).toBe(`| ACME-90 | ${escapeMarkdown(hostile)} | **To Do** | **Pending decision** |`);
    expect(row?.split(/(?<!\\)\|/)).toHaveLength(6);
  });
});

describe('HTML', () => {
  const doc: StructuredDocument = renderPlaybook(
    BUILT_IN_TEMPLATES.find((t) => t.id === 'go-live-readiness') ?? BUILT_IN_TEMPLATES[0],
    acme({ summary: hostile }),
    { asOf: AS_OF, config },
  );
  const html = toHtml(doc, { siteUrl: SITE });

  it('is a standalone page with the title, sections, tables and checklists', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain(`<title>Go-live readiness checklist: ACME-1 ${escapeHtml(hostile)}</title>`);
    expect((html.match(/<section id=/g) ?? []).length).toBe(doc.sections.length);
    expect(html).toContain('<ul class="checklist" id="readiness">');
    expect(html).toContain(
      '<input type="checkbox" disabled checked aria-label="done"> Reconciliation accuracy at target',
    );
    expect(html).toContain(`<a href="${SITE}/browse/ACME-6">ACME-6</a>`);
  });

  it('escapes every piece of user text and carries no script or event handler', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
    expect(html).not.toMatch(/<img|<script|onerror=alert\(1\)>|href="javascript/i);
    expect(html).toContain(
      '&lt;img src=x onerror=alert(1)&gt; *b* _i_ [l](javascript:x) | pipe # not a heading &amp; &amp;amp;',
    );
  });

  it('links only to http(s)', () => {
    const out = toHtml(
      withLinks(doc, [
        { text: 'x', href: 'javascript:alert(1)' },
        { text: 'y', href: 'https://e.example/"q' },
      ]),
    );
    expect(out).toContain('<p>x<a href="https://e.example/%22q">y</a></p>');
  });
});
