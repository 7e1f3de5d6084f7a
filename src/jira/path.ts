/**
 * Builds request paths with every variable part percent-encoded, so an issue key or property
 * key can never change which resource is addressed (the same guarantee Forge's `route` gives).
 */
export function jiraPath(template: TemplateStringsArray, ...parts: (string | number)[]): string {
  let out = template[0];
  parts.forEach((part, i) => {
    const value = String(part);
    if (value === '' || value === '.' || value === '..') {
      throw new Error(`Invalid path segment ${JSON.stringify(value)} in a Jira request path`);
    }
    out += encodeURIComponent(value) + template[i + 1];
  });
  return out;
}

export type QueryValue = string | number | boolean | readonly string[] | undefined;

/** Appends a query string; arrays become comma-separated lists as Jira expects. */
export function withQuery(path: string, query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(name, value.join(','));
    } else {
      params.set(name, String(value));
    }
  }
  const qs = params.toString();
  return qs === '' ? path : `${path}?${qs}`;
}
