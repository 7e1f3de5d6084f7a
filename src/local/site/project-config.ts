// What a project lets its issues be, as Jira Cloud configures it. A company-managed ("classic")
// project takes its issue types from its issue type scheme and its fields from the screens its
// issue type screen scheme maps each type to; a team-managed ("next-gen") project has its own
// issue types (scoped to it) and one field layout per type. Creating an issue of a type the
// project does not have, or setting a field that is not on the create/edit screen, answers 400
// (https://support.atlassian.com/jira-cloud-administration/docs/associate-issue-types-with-projects/,
// https://support.atlassian.com/jira-cloud-administration/docs/manage-screens/).

import type { SiteField, SiteIssueType, SiteProject, SiteScreen, SiteSchemes, SiteState } from './model';
import { cannotSet } from './field-changes';

export type ScreenOperation = 'create' | 'edit';

/** Fields Jira lets every create and edit name whatever the screen holds. */
const ALWAYS_SETTABLE = new Set(['project', 'issuetype', 'parent']);

/** The issue types a project's issues may have, in the scheme's order. */
export function projectIssueTypes(state: SiteState, project: SiteProject): SiteIssueType[] {
  const config = project.config;
  if (config.style === 'next-gen') return state.issueTypes.filter((t) => t.scopeProjectId === project.id);
  const scheme = state.schemes.issueTypeSchemes.find((s) => s.id === config.issueTypeSchemeId);
  if (!scheme) return [];
  return scheme.issueTypeIds
    .map((id) => state.issueTypes.find((t) => t.id === id))
    .filter((t): t is SiteIssueType => t !== undefined);
}

export function issueTypeInProject(state: SiteState, project: SiteProject, typeId: string): boolean {
  return projectIssueTypes(state, project).some((t) => t.id === typeId);
}

/** The screen an operation on issues of a type shows, in a company-managed project. */
export function screenOf(
  state: SiteState,
  project: SiteProject,
  typeId: string,
  operation: ScreenOperation,
): SiteScreen | undefined {
  const config = project.config;
  if (config.style !== 'classic') return undefined;
  const { schemes } = state;
  const itss = schemes.issueTypeScreenSchemes.find((s) => s.id === config.issueTypeScreenSchemeId);
  const schemeId = itss?.mappings[typeId] ?? itss?.mappings.default;
  const screenScheme = schemes.screenSchemes.find((s) => s.id === schemeId);
  if (!screenScheme) return undefined;
  const screenId = screenScheme.screens[operation] ?? screenScheme.screens.default;
  return schemes.screens.find((s) => s.id === screenId);
}

/** The ids of the fields an operation on issues of a type may set in a project. */
export function screenFieldIds(
  state: SiteState,
  project: SiteProject,
  typeId: string,
  operation: ScreenOperation,
): Set<string> {
  const config = project.config;
  if (config.style === 'next-gen') return new Set(config.fieldsByIssueType[typeId] ?? []);
  const screen = screenOf(state, project, typeId, operation);
  return new Set(screen?.tabs.flatMap((t) => t.fieldIds) ?? []);
}

/** Jira's 400 errors for fields of a create or edit that are not on the screen (empty when all are). */
export function offScreenErrors(
  state: SiteState,
  project: SiteProject,
  typeId: string,
  operation: ScreenOperation,
  fieldIds: readonly string[],
): Record<string, string> {
  const onScreen = screenFieldIds(state, project, typeId, operation);
  const errors: Record<string, string> = {};
  for (const id of fieldIds) if (!ALWAYS_SETTABLE.has(id) && !onScreen.has(id)) errors[id] = cannotSet(id);
  return errors;
}

/** The fields a screen holds, for the createmeta answer. */
export function fieldsOnScreen(state: SiteState, ids: ReadonlySet<string>): SiteField[] {
  return state.fields.filter((f) => ids.has(f.id));
}

export function newSchemeId(schemes: SiteSchemes): string {
  return String(schemes.nextId++);
}

/**
 * A company-managed project's own configuration: an issue type scheme of `typeIds` and a screen
 * (create = edit = view) of `fieldIds`, through a screen scheme and an issue type screen scheme.
 */
export function addClassicConfig(
  schemes: SiteSchemes,
  label: string,
  typeIds: string[],
  fieldIds: string[],
): SiteProject['config'] {
  const issueTypeSchemeId = newSchemeId(schemes);
  schemes.issueTypeSchemes.push({
    id: issueTypeSchemeId,
    name: `${label}: Issue Type Scheme`,
    description: '',
    isDefault: false,
    defaultIssueTypeId: typeIds[0] ?? null,
    issueTypeIds: typeIds,
  });
  const screenId = newSchemeId(schemes);
  schemes.screens.push({
    id: screenId,
    name: `${label}: Default Screen`,
    description: '',
    tabs: [{ id: newSchemeId(schemes), name: 'Field Tab', fieldIds }],
  });
  const screenSchemeId = newSchemeId(schemes);
  schemes.screenSchemes.push({
    id: screenSchemeId,
    name: `${label}: Screen Scheme`,
    description: '',
    screens: { default: screenId },
  });
  const issueTypeScreenSchemeId = newSchemeId(schemes);
  schemes.issueTypeScreenSchemes.push({
    id: issueTypeScreenSchemeId,
    name: `${label}: Issue Type Screen Scheme`,
    description: '',
    mappings: { default: screenSchemeId },
  });
  return { style: 'classic', issueTypeSchemeId, issueTypeScreenSchemeId };
}
