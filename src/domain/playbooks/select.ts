/**
 * Which children of an implementation a table, checklist item or section condition is about.
 * Label roles (`uat`, `migration`…) go through the site's label mapping (RunwayConfig.labels),
 * so a template written with the defaults works on a site that renamed its labels.
 */
import { z } from 'zod';
import { CHILD_KINDS, type RunwayConfig } from '../config';
import { hasLabel, nameSet } from '../fields';
import type { ImplementationChild } from '../implementation';

export const CHILD_KIND_NAMES = [...CHILD_KINDS, 'workItem'] as const;
export const ChildKindSchema = z.enum(CHILD_KIND_NAMES);

/** The labels of data-model.md by their role, as keys of RunwayConfig.labels. */
export const LABEL_ROLES = [
  'uat',
  'deliverable',
  'integration',
  'migration',
  'escalation',
  'goLive',
  'firstValue',
  'implementationCaused',
] as const;
export type LabelRole = (typeof LABEL_ROLES)[number];

export const SelectorSchema = z
  .strictObject({
    /** Any of these kinds (default: every kind). */
    kinds: z.array(ChildKindSchema).min(1).optional(),
    /** Carries a label of any of these roles. */
    roles: z.array(z.enum(LABEL_ROLES)).min(1).optional(),
    /** Carries any of these labels, as written. */
    labels: z.array(z.string().trim().min(1)).min(1).optional(),
    /** Priority is any of these (case-insensitive). */
    priorities: z.array(z.string().trim().min(1)).min(1).optional(),
    /** Priority is P1 or P2 as the site maps them (RunwayConfig.priorities; default Highest, High). */
    severities: z
      .array(z.enum(['p1', 'p2']))
      .min(1)
      .optional(),
    /** true: not done at asOf; false: done. */
    open: z.boolean().optional(),
    /** Probability × impact at least this (risks and assumptions that have both). */
    minScore: z.number().int().min(1).max(25).optional(),
  })
  .describe('a selection of the implementation’s children');
export type Selector = z.infer<typeof SelectorSchema>;

export function roleLabel(role: LabelRole, config: RunwayConfig): string {
  return config.labels[role];
}

export function matches(child: ImplementationChild, selector: Selector, config: RunwayConfig): boolean {
  if (selector.kinds && !selector.kinds.includes(child.kind)) return false;
  if (selector.roles && !selector.roles.some((r) => hasLabel(child.labels, roleLabel(r, config))))
    return false;
  if (selector.labels && !selector.labels.some((l) => hasLabel(child.labels, l))) return false;
  if (selector.priorities) {
    const wanted = nameSet(selector.priorities);
    if (child.priority === null || !wanted.has(child.priority.toLowerCase())) return false;
  }
  if (selector.severities) {
    const wanted = nameSet(selector.severities.flatMap((p) => config.priorities[p]));
    if (child.priority === null || !wanted.has(child.priority.toLowerCase())) return false;
  }
  if (selector.open !== undefined && selector.open === child.done) return false;
  if (
    selector.minScore !== undefined &&
    (child.probability === null ||
      child.impact === null ||
      child.probability * child.impact < selector.minScore)
  )
    return false;
  return true;
}

export function select(
  children: readonly ImplementationChild[],
  selector: Selector,
  config: RunwayConfig,
): ImplementationChild[] {
  return children.filter((c) => matches(c, selector, config));
}
