// Typed calls of the KPI gadget resolver (src/contracts/kpi-gadget.ts), view and edit view.
import {
  CheckedGadgetConfig,
  CheckGadgetConfigPayload,
  GadgetProjects,
  GetPortfolioKpisPayload,
  KPI_GADGET_KEYS,
  ListProjectsPayload,
  PortfolioKpis,
  type GadgetConfig,
} from '../../src/contracts/kpi-gadget';
import { callResolver } from '../shared/invoke';

export const gadget = {
  kpis: (config: GadgetConfig) =>
    callResolver(KPI_GADGET_KEYS.getPortfolioKpis, GetPortfolioKpisPayload, PortfolioKpis, config),
  check: (config: GadgetConfig) =>
    callResolver(KPI_GADGET_KEYS.checkGadgetConfig, CheckGadgetConfigPayload, CheckedGadgetConfig, config),
  projects: () => callResolver(KPI_GADGET_KEYS.listProjects, ListProjectsPayload, GadgetProjects, {}),
};
