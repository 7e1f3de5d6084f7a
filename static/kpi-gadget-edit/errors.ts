// Where the edit view shows why a configuration was not saved: each error under its field (the
// resolver's errors name their paths), a summary only for what belongs to no field on screen.
import { errorsByField } from '../../src/contracts/result';

export type ScopeKind = 'all' | 'projects' | 'jql';
export type FieldName = 'projects' | 'jql' | 'kpis' | 'asOf' | 'breakdown';
export interface FormErrors {
  fields: Partial<Record<FieldName, string>>;
  /** What belongs to no field on screen, for the summary; null when there is none. */
  general: string | null;
}
export const NO_ERRORS: FormErrors = { fields: {}, general: null };

function shownField(name: string, scope: ScopeKind): FieldName | null {
  if (name === 'projects') return scope === 'projects' ? name : null;
  if (name === 'jql') return scope === 'jql' ? name : null;
  return name === 'kpis' || name === 'asOf' || name === 'breakdown' ? name : null;
}

/**
 * An error of the configuration check placed on the form. One naming no path is Jira's refusal:
 * of the query, under the JQL field, for a JQL scope (the check searches nothing else the form
 * decides); for the others, the summary's.
 */
export function placeErrors(error: string, scope: ScopeKind): FormErrors {
  const byField = errorsByField(error);
  if (byField === null)
    return scope === 'jql' ? { fields: { jql: error }, general: null } : { fields: {}, general: error };
  const fields: FormErrors['fields'] = {};
  const rest: string[] = [];
  for (const [name, message] of Object.entries(byField)) {
    const field = shownField(name, scope);
    if (field === null) rest.push(`${name}: ${message}`);
    else fields[field] = message.charAt(0).toUpperCase() + message.slice(1); // under its label: a sentence
  }
  return { fields, general: rest.length > 0 ? rest.join('; ') : null };
}
