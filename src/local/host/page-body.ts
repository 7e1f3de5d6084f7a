// A Confluence page's body as the host's page view shows it: its ADF document rendered node by
// node into HTML built with html.ts, so every text and attribute of the page is escaped and
// nothing the page holds is ever markup. Links to the site's own issues and pages go to the
// host's issue view and page view (as Confluence opens them in the same site); only http(s)
// links become links. Task lists show their state and cannot be ticked (a page view is read-only).
// ADF reference: https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/
import { z } from 'zod';
import { html, Html } from './html';

interface AdfMark {
  type: string;
  attrs?: Record<string, unknown>;
}
interface AdfNode {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: AdfMark[];
  content?: AdfNode[];
}

const AdfMarkSchema = z.object({ type: z.string(), attrs: z.record(z.string(), z.unknown()).optional() });
const AdfNodeSchema: z.ZodType<AdfNode> = z.lazy(() =>
  z.object({
    type: z.string(),
    text: z.string().optional(),
    attrs: z.record(z.string(), z.unknown()).optional(),
    marks: z.array(AdfMarkSchema).optional(),
    content: z.array(AdfNodeSchema).optional(),
  }),
);

/** Deeper than any page Confluence lets one write: the rest is left out rather than overflow the stack. */
const MAX_DEPTH = 64;

/** Origins of the site (e.g. https://acme.atlassian.net): their issue and page URLs are the host's own pages. */
export interface BodyLinks {
  siteOrigins: readonly string[];
}

/**
 * Where a link of the page goes in the host: the site's issue view (`/browse/KEY`) and page views
 * (`/wiki/spaces/…/pages/ID/…`, `/wiki/pages/viewpage.action?pageId=ID`) become the host's; other
 * http(s) URLs stay as they are; anything else (javascript:, data:, relative) is no link.
 */
export function hostHref(href: string, links: BodyLinks): string | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const own = links.siteOrigins.some((o) => {
    try {
      return new URL(o).origin === url.origin;
    } catch {
      return false;
    }
  });
  if (!own) return url.href;
  const issue = /^\/browse\/([A-Z][A-Z0-9_]*-\d+)\/?$/i.exec(url.pathname);
  if (issue) return `/browse/${encodeURIComponent(issue[1].toUpperCase())}`;
  const page =
    /^\/wiki\/spaces\/[^/]+\/pages\/(\d+)(?:\/.*)?$/.exec(url.pathname)?.[1] ??
    (url.pathname === '/wiki/pages/viewpage.action' ? url.searchParams.get('pageId') : null) ??
    /^\/wiki\/pages\/(\d+)\/?$/.exec(url.pathname)?.[1];
  if (page && /^\d+$/.test(page)) return `/wiki/pages/${page}`;
  return `${url.pathname}${url.search}${url.hash}`;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const int = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isInteger(v) ? v : undefined;

function link(text: Html | string, href: string | undefined, links: BodyLinks): Html {
  const target = href === undefined ? null : hostHref(href, links);
  return target === null ? html`${text}` : html`<a href="${target}">${text}</a>`;
}

function marked(text: string, marks: readonly AdfMark[], links: BodyLinks): Html {
  let out: Html = html`${text}`;
  for (const m of marks) {
    switch (m.type) {
      case 'strong':
        out = html`<strong>${out}</strong>`;
        break;
      case 'em':
        out = html`<em>${out}</em>`;
        break;
      case 'code':
        out = html`<code>${out}</code>`;
        break;
      case 'strike':
        out = html`<s>${out}</s>`;
        break;
      case 'underline':
        out = html`<u>${out}</u>`;
        break;
      case 'subsup':
        out = m.attrs?.type === 'sup' ? html`<sup>${out}</sup>` : html`<sub>${out}</sub>`;
        break;
      default:
        break; // colours and the like: the text as it is
    }
  }
  const href = marks.find((m) => m.type === 'link')?.attrs?.href;
  return typeof href === 'string' ? link(out, href, links) : out;
}

const PANEL_LABELS: Record<string, string> = {
  info: 'Info',
  note: 'Note',
  warning: 'Warning',
  error: 'Error',
  success: 'Success',
  tip: 'Tip',
};

function node(n: AdfNode, links: BodyLinks, depth: number): Html {
  if (depth > MAX_DEPTH) return html``;
  const inner = () => html`${(n.content ?? []).map((c) => node(c, links, depth + 1))}`;
  const a = n.attrs ?? {};
  switch (n.type) {
    case 'doc':
      return inner();
    case 'text':
      return marked(n.text ?? '', n.marks ?? [], links);
    case 'paragraph':
      return html`<p>${inner()}</p>`;
    case 'heading': {
      const level = Math.min(6, Math.max(1, int(a.level) ?? 2));
      return new Html(`<h${level}>${inner().value}</h${level}>`);
    }
    case 'bulletList':
      return html`<ul>
        ${inner()}
      </ul>`;
    case 'orderedList': {
      const start = int(a.order);
      return start !== undefined && start !== 1
        ? html`<ol start="${start}">
            ${inner()}
          </ol>`
        : html`<ol>
            ${inner()}
          </ol>`;
    }
    case 'listItem':
      return html`<li>${inner()}</li>`;
    case 'table':
      return html`<div class="adf-table">
        <table>
          <tbody>
            ${inner()}
          </tbody>
        </table>
      </div>`;
    case 'tableRow':
      return html`<tr>
        ${inner()}
      </tr>`;
    case 'tableHeader':
    case 'tableCell': {
      const span = html`${int(a.colspan) && int(a.colspan) !== 1 ? html` colspan="${int(a.colspan)}"` : ''}${int(a.rowspan) && int(a.rowspan) !== 1 ? html` rowspan="${int(a.rowspan)}"` : ''}`;
      return n.type === 'tableHeader' ? html`<th${span}>${inner()}</th>` : html`<td${span}>${inner()}</td>`;
    }
    case 'panel': {
      const type = str(a.panelType) ?? 'info';
      const label = PANEL_LABELS[type] ?? 'Note';
      return html`<aside class="adf-panel" data-panel-type="${type}" aria-label="${label}">
        <strong class="adf-panel-label">${label}:</strong> ${inner()}
      </aside>`;
    }
    case 'status':
      return html`<span class="adf-status" data-color="${str(a.color) ?? 'neutral'}"
        >${str(a.text) ?? ''}</span
      >`;
    case 'inlineCard':
    case 'blockCard':
    case 'embedCard': {
      const url = str(a.url);
      return url === undefined ? html`` : link(url, url, links);
    }
    case 'mention':
      return html`<span class="adf-mention">${str(a.text) ?? '@someone'}</span>`;
    case 'emoji':
      return html`${str(a.text) ?? str(a.shortName) ?? ''}`;
    case 'date': {
      const ms = Number(str(a.timestamp) ?? a.timestamp);
      return html`<time>${Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : ''}</time>`;
    }
    case 'hardBreak':
      return html`<br />`;
    case 'rule':
      return html`<hr />`;
    case 'codeBlock':
      return html`<pre><code>${inner()}</code></pre>`;
    case 'blockquote':
      return html`<blockquote>${inner()}</blockquote>`;
    case 'taskList':
    case 'decisionList':
      return html`<ul class="adf-tasks">
        ${inner()}
      </ul>`;
    case 'taskItem': {
      const done = a.state === 'DONE';
      return html`<li data-state="${done ? 'DONE' : 'TODO'}">
        <label><input type="checkbox" disabled${done ? html` checked` : ''} /> ${inner()}</label>
      </li>`;
    }
    case 'decisionItem':
      return html`<li>${inner()}</li>`;
    case 'expand':
    case 'nestedExpand':
      return html`<details>
        <summary>${str(a.title) ?? 'Show more'}</summary>
        ${inner()}
      </details>`;
    case 'extension':
    case 'bodiedExtension':
    case 'inlineExtension':
      return html`<span class="muted">[${str(a.extensionKey) ?? 'macro'}]</span>`;
    case 'mediaSingle':
    case 'mediaGroup':
    case 'media':
      return html`<span class="muted">[attachment]</span>`;
    default:
      // Layouts, sections and nodes added to ADF later: their content, without their chrome.
      return inner();
  }
}

/** The document cut at MAX_DEPTH, before it is read (a deeper one would overflow the reader's stack). */
function prune(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return depth > MAX_DEPTH ? [] : value.map((v) => prune(v, depth + 1));
  const out: Record<string, unknown> = { ...value };
  if ('content' in out) out.content = depth > MAX_DEPTH ? [] : prune(out.content, depth + 1);
  return out;
}

/** The body of a page (its `atlas_doc_format` value, a JSON string as Confluence returns it). */
export function pageBodyHtml(value: string | undefined, links: BodyLinks): Html {
  if (value === undefined || value.trim() === '') return html`<p class="muted">This page is empty.</p>`;
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return html`<p class="muted">This page's content could not be read.</p>`;
  }
  const doc = AdfNodeSchema.safeParse(prune(json, 0));
  if (!doc.success || doc.data.type !== 'doc')
    return html`<p class="muted">This page's content could not be read.</p>`;
  return node(doc.data, links, 0);
}
