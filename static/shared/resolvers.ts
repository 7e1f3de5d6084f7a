// One typed function per resolver key, built from src/contracts.
import { GetPortfolioKpisPayload, KPI_GADGET_KEYS, PortfolioKpis } from '../../src/contracts/kpi-gadget';
import { callResolver } from './invoke';

export const kpiGadget = {
  getPortfolioKpis: (payload: GetPortfolioKpisPayload) =>
    callResolver(KPI_GADGET_KEYS.getPortfolioKpis, GetPortfolioKpisPayload, PortfolioKpis, payload),
};
