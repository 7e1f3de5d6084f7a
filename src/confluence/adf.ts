/**
 * The structured document → Atlassian Document Format (ADF), for the macros' PDF/Word export
 * (`adfExport`) and for publishing as a Confluence page (`atlas_doc_format`). Every piece of
 * user text becomes a `text` node's `text` (never parsed as markup); links are only http(s).
 * The output validates against @atlaskit/adf-schema's JSON schema and @atlaskit/adf-utils'
 * strict validator (the tests check every template for every demo implementation).
 */
import type {
  Block,
  ChecklistBlock,
  Inline,
  StructuredDocument,
  TableBlock,
  Tone,
} from '../domain/playbooks/document';

export type AdfMark = { type: 'strong' } | { type: 'em' } | { type: 'link'; attrs: { href: string } };

export interface AdfNode {
  type: string;
  attrs?: Record<string, string | number | boolean>;
  content?: AdfNode[];
  text?: string;
  marks?: AdfMark[];
}

export interface AdfDoc {
  type: 'doc';
  version: 1;
  content: AdfNode[];
}

export interface AdfOptions {
  /** Jira site base URL (`https://acme.atlassian.net`): issue keys link to `/browse/KEY`. */
  siteUrl?: string;
  /** Start with the document title as a level-1 heading (the macro export); a page has its own title. */
  includeTitle?: boolean;
}

const STATUS_COLOR: Record<Tone, string> = {
  success: 'green',
  danger: 'red',
  warning: 'yellow',
  info: 'blue',
  neutral: 'neutral',
};

/** Only absolute http(s) URLs become links; anything else (javascript:, data:, relative) stays text. */
export function safeHref(href: string): string | null {
  try {
    const url = new URL(href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

export function issueUrl(siteUrl: string, key: string): string {
  return `${siteUrl.replace(/\/+$/, '')}/browse/${encodeURIComponent(key)}`;
}

/** Deterministic ids (taskList, taskItem and status need one), so the same document gives the same ADF. */
class Ids {
  private n = 0;
  next(prefix: string): string {
    this.n += 1;
    return `runway-${prefix}-${this.n}`;
  }
}

function textNode(text: string, marks: AdfMark[] = []): AdfNode[] {
  if (text === '') return []; // ADF text nodes must not be empty
  return marks.length === 0 ? [{ type: 'text', text }] : [{ type: 'text', text, marks }];
}

function inlineNodes(content: readonly Inline[], opts: AdfOptions, ids: Ids): AdfNode[] {
  const out: AdfNode[] = [];
  for (const i of content) {
    switch (i.type) {
      case 'text':
        out.push(...textNode(i.text, i.strong ? [{ type: 'strong' }] : []));
        break;
      case 'issue': {
        const href = opts.siteUrl === undefined ? null : safeHref(issueUrl(opts.siteUrl, i.key));
        out.push(...textNode(i.key, href === null ? [] : [{ type: 'link', attrs: { href } }]));
        break;
      }
      case 'status':
        if (i.text.trim() !== '')
          out.push({
            type: 'status',
            attrs: { text: i.text, color: STATUS_COLOR[i.tone], localId: ids.next('status') },
          });
        break;
      case 'link': {
        const href = safeHref(i.href);
        out.push(...textNode(i.text, href === null ? [] : [{ type: 'link', attrs: { href } }]));
        break;
      }
    }
  }
  return out;
}

const paragraph = (content: AdfNode[]): AdfNode => ({ type: 'paragraph', content });

function captionNode(caption: string): AdfNode {
  return paragraph(textNode(caption, [{ type: 'strong' }]));
}

function tableNodes(t: TableBlock, opts: AdfOptions, ids: Ids): AdfNode[] {
  const out: AdfNode[] = [];
  if (t.caption !== undefined) out.push(captionNode(t.caption));
  if (t.rows.length === 0) {
    out.push(paragraph(textNode(t.empty, [{ type: 'em' }])));
    return out;
  }
  const header: AdfNode = {
    type: 'tableRow',
    content: t.columns.map((c) => ({
      type: 'tableHeader',
      attrs: {},
      content: [paragraph(textNode(c, [{ type: 'strong' }]))],
    })),
  };
  const rows: AdfNode[] = t.rows.map((r) => ({
    type: 'tableRow',
    content: t.columns.map((_, i) => ({
      type: 'tableCell',
      attrs: {},
      content: [paragraph(inlineNodes(r[i] ?? [], opts, ids))],
    })),
  }));
  out.push({
    type: 'table',
    attrs: { isNumberColumnEnabled: false, layout: 'default' },
    content: [header, ...rows],
  });
  return out;
}

function checklistNodes(c: ChecklistBlock, opts: AdfOptions, ids: Ids): AdfNode[] {
  const out: AdfNode[] = [];
  if (c.caption !== undefined) out.push(captionNode(c.caption));
  out.push(paragraph(textNode(`${c.done} of ${c.total} complete`, [{ type: 'em' }])));
  out.push({
    type: 'taskList',
    attrs: { localId: ids.next('tasks') },
    content: c.items.map((item) => ({
      type: 'taskItem',
      attrs: { localId: ids.next('task'), state: item.done ? 'DONE' : 'TODO' },
      content: [
        ...inlineNodes(item.content, opts, ids),
        ...(item.detail ? textNode(` (${item.detail})`, [{ type: 'em' }]) : []),
      ],
    })),
  });
  return out;
}

function blockNodes(block: Block, opts: AdfOptions, ids: Ids): AdfNode[] {
  switch (block.type) {
    case 'paragraph':
      return [paragraph(inlineNodes(block.content, opts, ids))];
    case 'guidance':
      // Panels take paragraphs without marks: the guidance is plain text.
      return [{ type: 'panel', attrs: { panelType: 'info' }, content: [paragraph(textNode(block.text))] }];
    case 'list':
      if (block.items.length === 0) return [];
      return [
        {
          type: block.ordered ? 'orderedList' : 'bulletList',
          content: block.items.map((i) => ({
            type: 'listItem',
            content: [paragraph(inlineNodes(i, opts, ids))],
          })),
        },
      ];
    case 'table':
      return tableNodes(block, opts, ids);
    case 'checklist':
      return checklistNodes(block, opts, ids);
  }
}

export function toAdf(doc: StructuredDocument, opts: AdfOptions = {}): AdfDoc {
  const ids = new Ids();
  const content: AdfNode[] = [];
  if (opts.includeTitle) content.push({ type: 'heading', attrs: { level: 1 }, content: textNode(doc.title) });
  content.push(
    paragraph(
      textNode(
        `${doc.implementation.key} · ${doc.implementation.tier} · as of ${doc.asOf} · generated by Runway from the implementation's Jira issues`,
        [{ type: 'em' }],
      ),
    ),
  );
  for (const s of doc.sections) {
    content.push({ type: 'heading', attrs: { level: 2 }, content: textNode(s.title) });
    for (const b of s.blocks) content.push(...blockNodes(b, opts, ids));
  }
  return { type: 'doc', version: 1, content };
}

/** A one-paragraph ADF document: what the export shows when the macro cannot render (bad config, no access). */
export function adfMessage(message: string): AdfDoc {
  return {
    type: 'doc',
    version: 1,
    content: [
      {
        type: 'panel',
        attrs: { panelType: 'warning' },
        content: [paragraph(textNode(message || 'Nothing to show.'))],
      },
    ],
  };
}
