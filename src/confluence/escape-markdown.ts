/**
 * The one Markdown escaper: `render --format md` and `kpis --format md` both print issue text
 * through it. No dependencies, so the command line loads it without the ADF renderer.
 */

/**
 * Backslash-escapes Markdown syntax; `&` becomes `&amp;` so no entity is ever formed. At the
 * start of a line, also the marks that would open a heading, list, quote or rule.
 */
export function escapeMarkdown(text: string, atLineStart = false): string {
  const escaped = text
    .replace(/\r?\n|\r/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`);
  return atLineStart
    ? escaped.replace(
        /^(\s*)([#+=-]|\d+\.)/,
        (_m, space: string, mark: string) => `${space}${mark.replace(/([#+=.-])/, '\\$1')}`,
      )
    : escaped;
}
