/**
 * What a reader sees of gate evidence. The audit record keeps Confluence pages and Jira issues by
 * reference only (page id, issue key); their titles are looked up as the reader whenever the
 * record is read. What the reader cannot see — or what is gone, which Jira and Confluence answer
 * the same way — shows as "an item you cannot see", with no key and no title. Records written
 * before this kept the title a page or issue had when attached: it is never shown.
 */
import type { CriterionSnapshot, Evidence } from './audit';

export const HIDDEN_ITEM = 'an item you cannot see';

/**
 * How the reader's lookup of a page or issue came out (`labels`: a page's labels, when read).
 * `unchecked`: why the lookup could not tell (issue 10 item 6: a Confluence 403 or 404, a site
 * without Confluence, a failure) — "could not check this evidence", never "missing".
 */
export type Sighting =
  { visible: true; title: string; labels?: readonly string[] } | { visible: false; unchecked?: string };

/** Lookups by evidenceRef. */
export type Sightings = ReadonlyMap<string, Sighting>;

/** The reference a lookup is keyed by: `confluencePage:<id>`, `jiraIssue:<key>`. */
export const evidenceRef = (e: Pick<Evidence, 'type' | 'target'>): string => `${e.type}:${e.target}`;

export interface SeenEvidence {
  visible: boolean;
  /** The link's given title, the page's or issue's current title, or HIDDEN_ITEM. */
  title: string;
  /** The URL, page id or issue key; null when hidden. */
  target: string | null;
  /** Why it could not be checked (hidden all the same: no title, no target); null when it was. */
  unchecked: string | null;
}

/** Evidence as this reader may see it; a page or issue without a visible sighting is hidden. */
export function seeEvidence(
  e: Pick<Evidence, 'type' | 'target' | 'title'>,
  sightings: Sightings,
): SeenEvidence {
  if (e.type === 'url')
    return { visible: true, title: e.title || e.target, target: e.target, unchecked: null };
  const s = sightings.get(evidenceRef(e));
  if (s?.visible === true) return { visible: true, title: s.title, target: e.target, unchecked: null };
  return { visible: false, title: HIDDEN_ITEM, target: null, unchecked: s?.unchecked ?? null };
}

/**
 * Criterion snapshots in older records: the handover criterion's detail named the linked page
 * ("Linked: <title>", "Confluence page attached as evidence: <title>"). Shown without the title.
 */
export function withoutPageTitles(c: CriterionSnapshot): CriterionSnapshot {
  return /^(Linked|Confluence page attached as evidence): /.test(c.detail)
    ? { ...c, detail: 'A handover packet was linked' }
    : c;
}
