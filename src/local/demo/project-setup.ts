// How the demo site's projects are configured, as on a real Jira Cloud site: the projects set up
// for Runway use the default issue type scheme (which Jira keeps holding every issue type) and
// the default screen; beside them, a company-managed project with its own scheme and screen
// that lack Runway's types and fields, and a team-managed project with its own types.

import type { SiteIssueType, SiteProject, SiteSchemes, SiteState } from '../site/model';
import { addClassicConfig, newSchemeId } from '../site/project-config';

/** The company-managed project that is not set up for Runway. */
export const UNSET_PROJECT = {
  key: 'SUP',
  name: 'Support Onboarding',
  description: 'Onboarding run by the support team; not set up for Runway.',
};
/** The team-managed project. */
export const TEAM_PROJECT = {
  key: 'TEAM',
  name: 'Launch Team',
  description: 'A team-managed project with its own issue types.',
};

/** The site's default schemes: every global issue type, and a screen of every settable field. */
export function defaultSchemes(state: Pick<SiteState, 'issueTypes' | 'fields'>): SiteSchemes {
  const schemes: SiteSchemes = {
    issueTypeSchemes: [],
    screens: [],
    screenSchemes: [],
    issueTypeScreenSchemes: [],
    nextId: 10000,
  };
  schemes.issueTypeSchemes.push({
    id: newSchemeId(schemes),
    name: 'Default Issue Type Scheme',
    description:
      'Default issue type scheme is the list of global issue types. All newly created issue types will automatically be added to this scheme.',
    isDefault: true,
    defaultIssueTypeId: null,
    issueTypeIds: state.issueTypes.filter((t) => t.scopeProjectId === undefined).map((t) => t.id),
  });
  const screenId = newSchemeId(schemes);
  schemes.screens.push({
    id: screenId,
    name: 'Default Screen',
    description: 'Allows to update all system fields.',
    tabs: [
      {
        id: newSchemeId(schemes),
        name: 'Field Tab',
        fieldIds: state.fields.filter((f) => f.orderable).map((f) => f.id),
      },
    ],
  });
  const screenSchemeId = newSchemeId(schemes);
  schemes.screenSchemes.push({
    id: screenSchemeId,
    name: 'Default Screen Scheme',
    description: 'Default Screen Scheme',
    screens: { default: screenId },
  });
  schemes.issueTypeScreenSchemes.push({
    id: newSchemeId(schemes),
    name: 'Default Issue Type Screen Scheme',
    description: 'The default issue type screen scheme',
    mappings: { default: screenSchemeId },
  });
  return schemes;
}

export function defaultProjectConfig(schemes: SiteSchemes): SiteProject['config'] {
  return {
    style: 'classic',
    issueTypeSchemeId: schemes.issueTypeSchemes[0].id,
    issueTypeScreenSchemeId: schemes.issueTypeScreenSchemes[0].id,
  };
}

const SYSTEM_FIELDS_OF_A_PROJECT = [
  'summary',
  'description',
  'assignee',
  'reporter',
  'priority',
  'labels',
  'duedate',
  'issuelinks',
  'timetracking',
];

/**
 * Adds the company-managed project without Runway's types (Epic, Task, Story, Bug, Subtask on its
 * own scheme and a screen of system fields) and the team-managed project (its own Epic, Task and
 * Subtask), after `template`'s permissions. Keys already in use are skipped.
 */
export function addUnsetProjects(state: SiteState, template: SiteProject): void {
  const used = new Set(state.projects.map((p) => p.key));
  const nextProjectId = () => String(Math.max(...state.projects.map((p) => Number(p.id))) + 1);
  const standard = ['Epic', 'Task', 'Story', 'Bug', 'Subtask']
    .map((name) => state.issueTypes.find((t) => t.name === name && t.scopeProjectId === undefined))
    .filter((t): t is SiteIssueType => t !== undefined);
  if (!used.has(UNSET_PROJECT.key)) {
    state.projects.push({
      ...template,
      ...UNSET_PROJECT,
      id: nextProjectId(),
      permissions: structuredClone(template.permissions),
      config: addClassicConfig(
        state.schemes,
        UNSET_PROJECT.key,
        standard.map((t) => t.id),
        SYSTEM_FIELDS_OF_A_PROJECT,
      ),
    });
    state.counters.issueNumber[UNSET_PROJECT.key] = 0;
  }
  if (!used.has(TEAM_PROJECT.key)) {
    const id = nextProjectId();
    const own = standard
      .filter((t) => ['Epic', 'Task', 'Subtask'].includes(t.name))
      .map((t): SiteIssueType => ({
        ...t,
        id: String(state.counters.issueTypeId++),
        workflow: [...t.workflow],
        scopeProjectId: id,
      }));
    state.issueTypes.push(...own);
    state.projects.push({
      ...template,
      ...TEAM_PROJECT,
      id,
      permissions: structuredClone(template.permissions),
      config: {
        style: 'next-gen',
        fieldsByIssueType: Object.fromEntries(own.map((t) => [t.id, [...SYSTEM_FIELDS_OF_A_PROJECT]])),
      },
    });
    state.counters.issueNumber[TEAM_PROJECT.key] = 0;
  }
}
