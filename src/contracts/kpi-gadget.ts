// The portfolio KPI gadget (jira:dashboardGadget `runway-portfolio-kpis`): its resolver keys,
// payloads and answers. Shared by src/resolvers/kpi-gadget.ts and static/kpi-gadget.
import { z } from 'zod';
import { isoDate } from './dates';
import { resolverResultSchema } from './result';

export const KPI_GADGET_KEYS = {
  getPortfolioKpis: 'getPortfolioKpis',
} as const;

/** A Jira project key (`IMP`, `ONB2`). */
const projectKey = z.string().regex(/^[A-Z][A-Z0-9_]{1,9}$/, 'expected a Jira project key such as IMP');

/** Scope: a JQL query, or projects (all implementations of the projects the user can browse when neither). */
export const GetPortfolioKpisPayload = z
  .strictObject({
    jql: z.string().trim().min(1, 'must not be empty').max(4000, 'is longer than 4000 characters').optional(),
    projects: z.array(projectKey).min(1, 'name at least one project').max(50, 'names more than 50 projects').optional(),
    asOf: isoDate.optional(),
  })
  .refine((p) => !(p.jql !== undefined && p.projects !== undefined), { message: 'give either jql or projects, not both' });
export type GetPortfolioKpisPayload = z.infer<typeof GetPortfolioKpisPayload>;

export const KpiTarget = z.object({
  op: z.enum(['<=', '>=', '=']),
  /** One value, or one per complexity tier. */
  value: z.union([z.number(), z.record(z.string(), z.number())]),
});
export type KpiTarget = z.infer<typeof KpiTarget>;

export const PortfolioKpi = z.object({
  id: z.string(),
  label: z.string(),
  unit: z.string(),
  /** null when no implementation in scope has data for it (never a silent 0). */
  value: z.number().nullable(),
  target: KpiTarget.nullable(),
  /** null when the KPI has no target or no data. */
  met: z.boolean().nullable(),
  /** Implementations (medians, means, sums) or issues (pooled rates) behind the value. */
  n: z.number().int().min(0),
});
export type PortfolioKpi = z.infer<typeof PortfolioKpi>;

export const PortfolioKpis = z.object({
  asOf: isoDate,
  /** The JQL that was searched, as the user. */
  jql: z.string(),
  implementations: z.number().int().min(0),
  kpis: z.array(PortfolioKpi),
  warnings: z.number().int().min(0),
});
export type PortfolioKpis = z.infer<typeof PortfolioKpis>;

export const GetPortfolioKpisResult = resolverResultSchema(PortfolioKpis);
export type GetPortfolioKpisResult = z.infer<typeof GetPortfolioKpisResult>;
