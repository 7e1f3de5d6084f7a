/**
 * Which Confluence page is an implementation's handover packet, for the "Handover packet linked"
 * criterion: a page Runway published as that implementation's packet (app storage remembers the
 * page ids it published), or a page whose title or label says it is one. Any other page — linked
 * from the implementation or attached as evidence — does not count.
 */

/** The label that marks a Confluence page as a handover packet. */
export const HANDOVER_PACKET_LABEL = 'handover-packet';

/** Titled "…Handover packet…" or labelled `handover-packet`. */
export function marksHandoverPacket(page: { title: string; labels?: readonly string[] }): boolean {
  return (
    /\bhandover[\s_-]+packet\b/i.test(page.title) ||
    (page.labels ?? []).some((l) => l.trim().toLowerCase() === HANDOVER_PACKET_LABEL)
  );
}

/** The Confluence page id in an id or a page URL (`…/pages/12345/Title`, `?pageId=12345`). */
export function confluencePageId(target: string): string | null {
  const t = target.trim();
  if (/^\d{1,20}$/.test(t)) return t;
  const m = /\/pages\/(\d{1,20})(?:[/?#]|$)/.exec(t) ?? /[?&]pageId=(\d{1,20})/.exec(t);
  return m ? m[1] : null;
}
