/** `IMP-12`: a Jira issue key, checked before a key goes into JQL. */
export const ISSUE_KEY_PATTERN = /^[A-Z][A-Z0-9_]{0,254}-[1-9][0-9]{0,17}$/;

/** `IMP`: a Jira project key (2–10 characters: a capital letter, then capitals, digits or `_`). */
export const PROJECT_KEY_PATTERN = /^[A-Z][A-Z0-9_]{1,9}$/;

/** Issue numbers above this many digits are not offered by a partial key (IMP-9 → IMP-9…IMP-9999999). */
const MAX_NUMBER_DIGITS = 7;

/**
 * The issue keys a partial key stands for, as JQL: "IMP-9" is IMP-9, IMP-90…IMP-99,
 * IMP-900…IMP-999 and so on, the way Jira's own issue pickers complete a key. Jira compares keys
 * of one project by their number (`key >= IMP-90 AND key < IMP-100`), and unlike `key = IMP-9` a
 * range does not fail when one end of it does not exist. Null when `query` is not a key.
 */
export function partialKeyJql(query: string): string | null {
  const key = query.trim().toUpperCase();
  if (!ISSUE_KEY_PATTERN.test(key)) return null;
  const dash = key.lastIndexOf('-');
  const project = key.slice(0, dash);
  const digits = key.slice(dash + 1);
  if (digits.length > MAX_NUMBER_DIGITS) return `key = ${key}`;
  const ranges: string[] = [];
  for (let extra = 0; digits.length + extra <= MAX_NUMBER_DIGITS; extra++) {
    const from = Number(digits) * 10 ** extra;
    const to = (Number(digits) + 1) * 10 ** extra;
    ranges.push(`key >= ${project}-${from} AND key < ${project}-${to}`);
  }
  return `(${ranges.map((r) => `(${r})`).join(' OR ')})`;
}
