// Resolver of the portfolio KPI gadget (jira:dashboardGadget `runway-portfolio-kpis`) and of its
// edit view: parse the payload and context → the use case (src/app/kpis) → its answer.
import Resolver from '@forge/resolver';
import { z } from 'zod';
import { checkGadgetConfig, gadgetDepsFor, getPortfolioKpis, listProjects } from '../app/kpis';
import { jiraAsUser } from '../app/forge';
import {
  CheckGadgetConfigPayload,
  GetPortfolioKpisPayload,
  KPI_GADGET_KEYS,
  ListProjectsPayload,
} from '../contracts/kpi-gadget';
import { describeZodError, invalidRequest } from '../contracts/result';

/** The viewing user; snapshots the gadget computes are stamped with it. */
const ViewerContext = z.object({ accountId: z.string().min(1) });
const viewerOf = (context: unknown): string => {
  const parsed = ViewerContext.safeParse(context);
  return parsed.success ? parsed.data.accountId : 'unknown';
};

const resolver = new Resolver();

resolver.define(KPI_GADGET_KEYS.getPortfolioKpis, async ({ payload, context }) => {
  const parsed = GetPortfolioKpisPayload.safeParse(payload ?? {});
  if (!parsed.success) return invalidRequest(parsed.error);
  return getPortfolioKpis(parsed.data, await gadgetDepsFor(viewerOf(context)));
});

resolver.define(KPI_GADGET_KEYS.checkGadgetConfig, async ({ payload, context }) => {
  const parsed = CheckGadgetConfigPayload.safeParse(payload ?? {});
  if (!parsed.success)
    return { ok: false, error: `Invalid configuration: ${describeZodError(parsed.error, 'configuration')}` };
  return checkGadgetConfig(parsed.data, await gadgetDepsFor(viewerOf(context)));
});

resolver.define(KPI_GADGET_KEYS.listProjects, async ({ payload }) => {
  const parsed = ListProjectsPayload.safeParse(payload ?? {});
  if (!parsed.success) return invalidRequest(parsed.error);
  return listProjects(jiraAsUser());
});

export const kpiGadgetResolver = resolver.getDefinitions();
