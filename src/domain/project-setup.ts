// What a Jira project lacks for Runway, from its createmeta (the issue types a create may use
// there and the fields on each type's create screen). On a real site an issue type is usable in a
// project only through its issue type scheme (company-managed) or when made in the project
// (team-managed), and a field only when it is on the screen; so every rule here is per project.
import type { ChildKind, LogicalField, RunwayConfig } from './config';

/** A project's usable issue types and, per type id, the field ids on its create screen. */
export interface ProjectMeta {
  key: string;
  name: string;
  /** company: schemes an admin changes; team: types and fields a project admin changes. */
  style: 'company' | 'team';
  types: Array<{ id: string; name: string; hierarchyLevel: number; subtask: boolean }>;
  fieldIds: Record<string, string[]>;
}

/** The kinds Runway creates issues of, and the fields it sets on each. */
export type SetupKind = 'implementation' | Exclude<ChildKind, 'workItem' | 'defect'>;
export const SETUP_NEEDS: Record<SetupKind, LogicalField[]> = {
  implementation: [
    'contractSigned',
    'kickoff',
    'firstValue',
    'goLive',
    'complexity',
    'segment',
    'baselineDue',
  ],
  milestone: ['baselineDue'],
  risk: ['probability', 'impact'],
  assumption: ['probability', 'impact'],
  issue: ['probability', 'impact'],
  dependency: ['probability', 'impact'],
  changeRequest: [],
  gate: ['gateType'],
};
export const SETUP_KINDS = Object.keys(SETUP_NEEDS) as SetupKind[];

export interface MissingType {
  kind: SetupKind;
  /** The name Runway looks for (the first of the configured names). */
  name: string;
}
export interface MissingField {
  kind: SetupKind;
  typeId: string;
  typeName: string;
  field: LogicalField;
  fieldName: string;
  /** The site's field id, or null when the field does not exist on the site yet. */
  fieldId: string | null;
}
export interface ProjectGaps {
  missingTypes: MissingType[];
  missingFields: MissingField[];
}

const lc = (s: string) => s.trim().toLowerCase();

/** The names a kind's issue type may have (implementation: the epic type). */
export function typeNamesOf(kind: SetupKind, config: RunwayConfig): readonly string[] {
  return kind === 'implementation' ? ['Epic'] : config.issueTypes[kind];
}

/** The project's issue type for one of `names` (first name wins), at the hierarchy level given. */
export function findProjectType(
  meta: Pick<ProjectMeta, 'types'>,
  names: readonly string[],
  level?: number,
): ProjectMeta['types'][number] | undefined {
  for (const name of names) {
    const t = meta.types.find(
      (x) => lc(x.name) === lc(name) && !x.subtask && (level === undefined || x.hierarchyLevel === level),
    );
    if (t) return t;
  }
  return undefined;
}

export function kindType(meta: Pick<ProjectMeta, 'types'>, kind: SetupKind, config: RunwayConfig) {
  return kind === 'implementation'
    ? (findProjectType(meta, ['Epic'], 1) ?? meta.types.find((t) => t.hierarchyLevel === 1 && !t.subtask))
    : findProjectType(meta, config.issueTypes[kind], 0);
}

/** What the project lacks: the types of Runway's kinds, and the fields on their create screens. */
export function projectGaps(
  meta: ProjectMeta,
  config: RunwayConfig,
  fieldIds: Record<LogicalField, string | null>,
): ProjectGaps {
  const missingTypes: MissingType[] = [];
  const missingFields: MissingField[] = [];
  for (const kind of SETUP_KINDS) {
    const type = kindType(meta, kind, config);
    if (!type) {
      missingTypes.push({ kind, name: typeNamesOf(kind, config)[0] });
      continue;
    }
    const onScreen = new Set(meta.fieldIds[type.id] ?? []);
    for (const field of SETUP_NEEDS[kind]) {
      const id = fieldIds[field];
      if (id === null || !onScreen.has(id))
        missingFields.push({
          kind,
          typeId: type.id,
          typeName: type.name,
          field,
          fieldName: config.fieldNames[field],
          fieldId: id,
        });
    }
  }
  return { missingTypes, missingFields };
}

export const isReady = (gaps: ProjectGaps) =>
  gaps.missingTypes.length === 0 && gaps.missingFields.length === 0;

const WHERE_COMPANY = 'a Jira admin can add it in Runway settings → Projects';
const whereTeam = (key: string) =>
  `a project admin of ${key} can add it in the project's settings (Runway settings → Projects says how)`;

/** The sentence a user reads when a type is not in the project. */
export function typeNotInProject(typeName: string, meta: Pick<ProjectMeta, 'key' | 'style'>): string {
  return `${typeName} is not an issue type of project ${meta.key}: ${meta.style === 'team' ? whereTeam(meta.key) : WHERE_COMPANY}.`;
}

/** The sentence a user reads when a field is not on the screen of a type in the project. */
export function fieldNotOnScreen(
  fieldName: string,
  typeName: string,
  meta: Pick<ProjectMeta, 'key' | 'style'>,
): string {
  return `${fieldName} is not on the ${typeName} screen of project ${meta.key}: ${meta.style === 'team' ? whereTeam(meta.key) : WHERE_COMPANY}.`;
}

/** What a project admin of a team-managed project does, step by step, to make it ready. */
export function teamManagedSteps(
  meta: Pick<ProjectMeta, 'key' | 'name'>,
  gaps: ProjectGaps,
  config: RunwayConfig,
): string[] {
  const steps: string[] = [];
  const open = `Open project ${meta.name} (${meta.key}) → Project settings → Work types (Issue types).`;
  if (gaps.missingTypes.length > 0 || gaps.missingFields.length > 0) steps.push(open);
  for (const t of gaps.missingTypes) {
    const fields = SETUP_NEEDS[t.kind].map((f) => config.fieldNames[f]);
    steps.push(
      `Select "Add work type", name it ${t.name}, and save.` +
        (fields.length > 0
          ? ` Then drag ${fields.join(', ')} from "Suggested fields" onto its layout, and save changes.`
          : ''),
    );
  }
  const byType = new Map<string, MissingField[]>();
  for (const f of gaps.missingFields) byType.set(f.typeName, [...(byType.get(f.typeName) ?? []), f]);
  for (const [typeName, fields] of byType)
    steps.push(
      `Select ${typeName}, then drag ${fields.map((f) => f.fieldName).join(', ')} from "Suggested fields" (or create ${fields.length > 1 ? 'them' : 'it'} with that exact name and type) into the Description fields, and save changes.`,
    );
  if (steps.length > 0) steps.push('Come back here and select "Check again".');
  return steps;
}

/** Fields of a create or edit that are not on the type's screen in the project (Jira would answer 400). */
export function fieldsOffScreen(
  meta: Pick<ProjectMeta, 'fieldIds'>,
  typeId: string,
  fieldIds: readonly string[],
): string[] {
  const onScreen = new Set(meta.fieldIds[typeId] ?? []);
  return fieldIds.filter((id) => !ALWAYS_SETTABLE.has(id) && !onScreen.has(id));
}

/** One sentence for every field of a write that the project's screen lacks (null when none). */
export function offScreenProblem(
  meta: Pick<ProjectMeta, 'key' | 'style' | 'fieldIds'>,
  type: { id: string; name: string },
  fieldIds: readonly string[],
  names: Readonly<Record<string, string>>,
): string | null {
  const off = fieldsOffScreen(meta, type.id, fieldIds);
  if (off.length === 0) return null;
  const list = off.map((id) => names[id] ?? id);
  const what = list.length === 1 ? list[0] : `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
  return fieldNotOnScreen(what, type.name, meta)
    .replace(' is not on', list.length === 1 ? ' is not on' : ' are not on')
    .replace('add it', list.length === 1 ? 'add it' : 'add them');
}

const ALWAYS_SETTABLE = new Set(['project', 'issuetype', 'parent']);

/** The issue property the issue panels' display conditions read (manifest.yml). */
export const IMPLEMENTATION_PROPERTY = 'runway-implementation';

/**
 * Whether an issue is an implementation by the site's settings (data-model.md): an issue type
 * named as an implementation type, or an epic-level issue with the implementation label.
 */
export function recognisesImplementation(
  issue: { labels: readonly string[]; typeName: string; hierarchyLevel?: number },
  config: Pick<RunwayConfig, 'implementationLabel' | 'implementationTypes'>,
): boolean {
  if (config.implementationTypes.some((t) => lc(t) === lc(issue.typeName))) return true;
  const level1 =
    issue.hierarchyLevel === 1 || (issue.hierarchyLevel === undefined && lc(issue.typeName) === 'epic');
  return level1 && issue.labels.some((l) => lc(l) === lc(config.implementationLabel));
}
