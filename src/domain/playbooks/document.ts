/**
 * The structured document every playbook and the handover packet render to: sections of
 * headings, guidance, paragraphs, tables, checklists and lists, whose leaves are inline runs.
 * It carries data, never markup: each renderer (ADF, Markdown, HTML, the Atlaskit view) turns
 * user text into its own text nodes or escapes it, so a summary can never become markup.
 */
import type { IsoDate } from '../dates';

/** How a status reads: ADF status colours and Atlaskit lozenge appearances map from it. */
export type Tone = 'success' | 'danger' | 'warning' | 'info' | 'neutral';

export type Inline =
  | { type: 'text'; text: string; strong?: boolean }
  /** A Jira issue: rendered as its key, linking to the issue when the site is known. */
  | { type: 'issue'; key: string }
  | { type: 'status'; text: string; tone: Tone }
  /** An http(s) link (evidence, pages); any other scheme renders as plain text. */
  | { type: 'link'; text: string; href: string };

export type Cell = Inline[];

export interface TableBlock {
  type: 'table';
  /** Stable id within the document (tests and the view find tables by it). */
  id: string;
  caption?: string;
  columns: string[];
  rows: Cell[][];
  /** Shown instead of the table when there are no rows. */
  empty: string;
}

export interface ChecklistItem {
  content: Inline[];
  done: boolean;
  /** Why it is (not) done, e.g. "3 of 4 done". */
  detail?: string;
}

export interface ChecklistBlock {
  type: 'checklist';
  id: string;
  caption?: string;
  items: ChecklistItem[];
  done: number;
  total: number;
}

export type Block =
  | { type: 'paragraph'; content: Inline[] }
  | { type: 'guidance'; text: string }
  /** `ordered`: the order matters (steps, an escalation path). */
  | { type: 'list'; items: Inline[][]; ordered?: boolean }
  | TableBlock
  | ChecklistBlock;

export interface DocumentSection {
  id: string;
  title: string;
  blocks: Block[];
}

export interface StructuredDocument {
  kind: 'playbook' | 'handover' | 'status';
  /** The playbook template id, or `handover` for the handover packet. */
  templateId: string;
  title: string;
  implementation: { key: string; summary: string; tier: string };
  asOf: IsoDate;
  sections: DocumentSection[];
}

export const text = (t: string, strong?: boolean): Inline =>
  strong ? { type: 'text', text: t, strong: true } : { type: 'text', text: t };
export const issue = (key: string): Inline => ({ type: 'issue', key });
export const status = (t: string, tone: Tone): Inline => ({ type: 'status', text: t, tone });
