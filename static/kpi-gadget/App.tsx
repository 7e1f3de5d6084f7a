// Portfolio KPI gadget (first cut): every KPI of the portfolio with its target, whether it is met
// and how many implementations or issues are behind it, computed by the resolver as the viewer.
import DynamicTable from '@atlaskit/dynamic-table';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Box, Stack, Text } from '@atlaskit/primitives';
import { view } from '@forge/bridge';
import { z } from 'zod';
import type { GetPortfolioKpisPayload, PortfolioKpis } from '../../src/contracts/kpi-gadget';
import { kpiGadget } from '../shared/resolvers';
import { EmptyView, ErrorView, LoadingState } from '../shared/states';
import { useResolver } from '../shared/use-resolver';
import { formatTarget, formatValue, metLabel } from './format';

/** The saved gadget configuration (edit view), as far as this view uses it. */
const GadgetConfig = z.object({
  jql: z.string().optional(),
  projects: z.array(z.string()).optional(),
  asOf: z.string().optional(),
});

async function scopeFromContext(): Promise<GetPortfolioKpisPayload> {
  const context: unknown = await view.getContext();
  const config = z.object({ extension: z.object({ gadgetConfiguration: z.unknown().optional() }) }).safeParse(context);
  const parsed = GadgetConfig.safeParse(config.success ? (config.data.extension.gadgetConfiguration ?? {}) : {});
  return parsed.success ? parsed.data : {};
}

const head = {
  cells: [
    { key: 'kpi', content: 'KPI', isSortable: true, width: 34 },
    { key: 'value', content: 'Value', width: 16 },
    { key: 'target', content: 'Target', width: 26 },
    { key: 'met', content: 'Met', width: 12 },
    { key: 'n', content: 'n', isSortable: true, width: 12 },
  ],
};

function KpiTable({ report }: { report: PortfolioKpis }) {
  const rows = report.kpis.map((kpi) => {
    const met = metLabel(kpi.met, kpi.target !== null);
    return {
      key: kpi.id,
      testId: `kpi-row-${kpi.id}`,
      cells: [
        {
          key: kpi.label,
          content: (
            <Stack>
              <Text weight="medium">{kpi.label}</Text>
              <Text size="small" color="color.text.subtlest">
                {kpi.id}
              </Text>
            </Stack>
          ),
        },
        { key: `${kpi.id}-value`, content: formatValue(kpi), testId: `kpi-value-${kpi.id}` },
        { key: `${kpi.id}-target`, content: formatTarget(kpi.target, kpi.unit), testId: `kpi-target-${kpi.id}` },
        { key: `${kpi.id}-met`, content: <Lozenge appearance={met.appearance}>{met.text}</Lozenge>, testId: `kpi-met-${kpi.id}` },
        { key: kpi.n, content: String(kpi.n), testId: `kpi-n-${kpi.id}` },
      ],
    };
  });
  return <DynamicTable head={head} rows={rows} label="Portfolio KPIs" testId="kpi-table" />;
}

export function App() {
  const load = useResolver(async () => kpiGadget.getPortfolioKpis(await scopeFromContext()), []);
  if (load.status === 'loading') return <LoadingState label="Computing portfolio KPIs" />;
  if (load.status === 'error') return <ErrorView title="The portfolio KPIs could not be computed" error={load.error} onRetry={load.retry} />;
  const report = load.data;
  if (report.implementations === 0) {
    return <EmptyView header="No implementations in scope" description={`Nothing you can see matches ${report.jql}.`} />;
  }
  return (
    <Box padding="space.200">
      <Stack space="space.150">
        <Heading size="small" as="h2">
          Portfolio KPIs
        </Heading>
        <Text color="color.text.subtle" testId="kpi-scope">
          {report.implementations} implementations as of {report.asOf}
          {report.warnings > 0 ? ` · ${report.warnings} data warnings` : ''}
        </Text>
        <KpiTable report={report} />
      </Stack>
    </Box>
  );
}
