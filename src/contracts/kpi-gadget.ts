// The portfolio KPI gadget (jira:dashboardGadget `runway-portfolio-kpis`, with its edit view):
// resolver keys, the saved configuration, payloads and answers. Shared by
// src/resolvers/kpi-gadget.ts, static/kpi-gadget and static/kpi-gadget-edit.
import { z } from 'zod';
import { PROJECT_KEY_PATTERN } from '../domain/issue-key';
import { KPI_DEFINITIONS, KPI_IDS, sideBySide } from '../domain/kpis/definitions';
import { isoDate } from './dates';
import { resolverResultSchema } from './result';

export const KPI_GADGET_KEYS = {
  getPortfolioKpis: 'getPortfolioKpis',
  checkGadgetConfig: 'checkGadgetConfig',
  listProjects: 'listProjects',
} as const;

export const KpiIdSchema = z.enum(KPI_IDS);
export type GadgetKpiId = z.infer<typeof KpiIdSchema>;
/** The KPI ids of shared/spec/kpis.md in the order tiles show them: each active_ duration after its plain one. */
export const GADGET_KPI_IDS: readonly GadgetKpiId[] = sideBySide(KPI_IDS);

/** The KPI names (the labels of the domain's KPI definitions), for the edit view. */
export const KPI_LABELS: Readonly<Record<GadgetKpiId, string>> = Object.fromEntries(
  KPI_IDS.map((id) => [id, KPI_DEFINITIONS[id].label]),
) as Record<GadgetKpiId, string>;

export const BREAKDOWNS = ['tier', 'segment'] as const;
export const Breakdown = z.enum(BREAKDOWNS);
export type Breakdown = z.infer<typeof Breakdown>;

/** A Jira project key (`IMP`, `ONB2`). */
const projectKey = z.string().regex(PROJECT_KEY_PATTERN, 'expected a Jira project key such as IMP');

/**
 * The gadget's configuration (saved by the edit view) and the payload of getPortfolioKpis. Scope:
 * a JQL query, or projects; neither = every implementation the user can see.
 */
export const GetPortfolioKpisPayload = z
  .strictObject({
    jql: z.string().trim().min(1, 'must not be empty').max(4000, 'is longer than 4000 characters').optional(),
    projects: z
      .array(projectKey)
      .min(1, 'name at least one project')
      .max(50, 'names more than 50 projects')
      .optional(),
    /** The date the numbers are for; default today. */
    asOf: isoDate.optional(),
    /** Which KPIs to show; default all. */
    kpis: z.array(KpiIdSchema).min(1, 'choose at least one KPI').optional(),
    breakdown: Breakdown.optional(),
  })
  .refine((p) => !(p.jql !== undefined && p.projects !== undefined), {
    message: 'give either jql or projects, not both',
  });
export type GetPortfolioKpisPayload = z.infer<typeof GetPortfolioKpisPayload>;
export const GadgetConfig = GetPortfolioKpisPayload;
export type GadgetConfig = GetPortfolioKpisPayload;

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

export const TrendPoint = z.object({
  asOf: isoDate,
  value: z.number().nullable(),
  n: z.number().int().min(0),
});
export type TrendPoint = z.infer<typeof TrendPoint>;

/** One tile: the portfolio KPI, how it is defined, the issues behind it and its 12-month trend. */
export const KpiTile = PortfolioKpi.extend({
  definition: z.string(),
  /** time_to_live_days, active_time_to_live_days: the nearest-rank 90th percentile. */
  p90: z.number().nullable().optional(),
  /** A KPI of the whole scope (improvement_throughput): it has no value per tier or segment. */
  portfolioOnly: z.boolean().optional(),
  /** JQL of the issues behind the number; null when there are none. */
  issuesJql: z.string().nullable(),
  /** Oldest first, the last point is asOf. */
  trend: z.array(TrendPoint),
});
export type KpiTile = z.infer<typeof KpiTile>;

export const BreakdownGroup = z.object({
  group: z.string(),
  implementations: z.number().int().min(0),
  kpis: z.array(
    z.object({
      id: z.string(),
      value: z.number().nullable(),
      met: z.boolean().nullable(),
      n: z.number().int().min(0),
    }),
  ),
});
export type BreakdownGroup = z.infer<typeof BreakdownGroup>;

export const PortfolioKpis = z.object({
  asOf: isoDate,
  /** The JQL of the scope, searched as the user. */
  jql: z.string(),
  /** The scope in words ("Projects IMP, ONB"), for viewers who do not read JQL. */
  scope: z.string(),
  /** Implementations behind the numbers so far. */
  implementations: z.number().int().min(0),
  kpis: z.array(KpiTile),
  breakdown: z.object({ by: Breakdown, groups: z.array(BreakdownGroup) }).nullable(),
  /** Large scopes: how many of the scope's implementations are in the numbers yet. */
  progress: z.object({
    done: z.number().int().min(0),
    total: z.number().int().min(0),
    complete: z.boolean(),
  }),
  warnings: z.number().int().min(0),
  /**
   * A shared scope's projects the viewer may not browse: left out of the numbers (Jira would refuse
   * the whole search), with what to tell them. Null when the viewer sees every project of the scope.
   */
  leftOut: z.object({ projects: z.array(z.string()), note: z.string() }).nullable(),
  /** Open implementations whose forecast go-live (src/domain/forecast) passes their baseline go-live. */
  projectedLate: z.object({
    count: z.number().int().min(0),
    implementations: z.array(
      z.object({
        key: z.string(),
        summary: z.string(),
        forecast: isoDate.nullable(),
        baseline: isoDate.nullable(),
        lateByDays: z.number().int().min(0),
      }),
    ),
  }),
});
export type PortfolioKpis = z.infer<typeof PortfolioKpis>;
export { FORECAST_RULE } from '../domain/forecast/forecast';
export const GetPortfolioKpisResult = resolverResultSchema(PortfolioKpis);
export type GetPortfolioKpisResult = z.infer<typeof GetPortfolioKpisResult>;

/** The edit view's check before saving: the configuration is valid and Jira accepts its JQL. */
export const CheckGadgetConfigPayload = GetPortfolioKpisPayload;
export const CheckedGadgetConfig = z.object({ jql: z.string(), implementations: z.number().int().min(0) });
export const CheckGadgetConfigResult = resolverResultSchema(CheckedGadgetConfig);
export type CheckGadgetConfigResult = z.infer<typeof CheckGadgetConfigResult>;

export const ListProjectsPayload = z.strictObject({});
export const GadgetProjects = z.array(z.object({ key: z.string(), name: z.string() }));
export type GadgetProjects = z.infer<typeof GadgetProjects>;
export const ListProjectsResult = resolverResultSchema(GadgetProjects);
