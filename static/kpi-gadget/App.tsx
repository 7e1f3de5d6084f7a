// Portfolio KPI gadget: one tile per chosen KPI (value, target, met or not, n, 12-month trend,
// definition, a link to the issues behind it) and a breakdown by tier or segment. Numbers come
// from the resolver, read as the viewer. A large scope shows what is ready with its progress and
// keeps asking until the background work has finished.
import DynamicTable from '@atlaskit/dynamic-table';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Box, Grid, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import { router } from '@forge/bridge';
import { useEffect, useRef, useState } from 'react';
import {
  FORECAST_RULE,
  type GadgetConfig,
  type KpiTile,
  type PortfolioKpis,
} from '../../src/contracts/kpi-gadget';
import { formatDate } from '../shared/dates';
import { EmptyView, ErrorView, LoadingState } from '../shared/states';
import { gadget } from './api';
import { savedConfig } from './config';
import { formatTarget, formatValue, metLabel } from './format';
import { Sparkline } from './Sparkline';

type State =
  { status: 'loading' } | { status: 'error'; error: string } | { status: 'ready'; report: PortfolioKpis };

/** How often a partial answer is asked again while the rest is computed. */
const POLL_MS = 1500;

const tile = xcss({
  borderWidth: 'border.width',
  borderStyle: 'solid',
  borderColor: 'color.border',
  borderRadius: 'radius.medium',
  padding: 'space.150',
  backgroundColor: 'color.background.neutral.subtle',
});
const progressTrack = xcss({
  height: '6px',
  borderRadius: 'radius.full',
  backgroundColor: 'color.background.neutral',
  overflow: 'hidden',
});
const scroller = xcss({ overflowX: 'auto', paddingBlockEnd: 'space.050' });
const noWrap = { whiteSpace: 'nowrap' } as const;
const progressBar = xcss({ height: '6px', backgroundColor: 'color.background.brand.bold' });

function openIssues(jql: string) {
  void router.navigate(`/issues/?jql=${encodeURIComponent(jql)}`).catch(() => undefined);
}

function Tile({ kpi }: { kpi: KpiTile }) {
  const met = metLabel(kpi.met, kpi.target !== null);
  const unitOf = (v: number) => formatValue({ value: v, unit: kpi.unit });
  return (
    <Box xcss={tile} testId={`kpi-tile-${kpi.id}`}>
      <Stack space="space.100">
        <Inline spread="space-between" alignBlock="start" space="space.100">
          <Text weight="semibold">{kpi.label}</Text>
          <Box testId={`kpi-met-${kpi.id}`}>
            <Lozenge appearance={met.appearance}>{met.text}</Lozenge>
          </Box>
        </Inline>
        <Stack space="space.025">
          <Text size="large" weight="bold" testId={`kpi-value-${kpi.id}`}>
            {formatValue(kpi)}
          </Text>
          <Text size="small" color="color.text.subtle">
            {kpi.target === null ? 'No target' : 'Target'}{' '}
            <span data-testid={`kpi-target-${kpi.id}`}>
              {kpi.target === null ? '' : formatTarget(kpi.target, kpi.unit)}
            </span>{' '}
            · based on <span data-testid={`kpi-n-${kpi.id}`}>{kpi.n}</span>
            {kpi.p90 !== undefined && kpi.p90 !== null ? ` · 90th percentile ${unitOf(kpi.p90)}` : ''}
          </Text>
        </Stack>
        <Sparkline points={kpi.trend} format={unitOf} testId={`kpi-trend-${kpi.id}`} />
        <Text size="small" color="color.text.subtlest">
          {kpi.definition}
        </Text>
        {kpi.issuesJql !== null ? (
          <a
            href={`/issues/?jql=${encodeURIComponent(kpi.issuesJql)}`}
            onClick={(e) => {
              e.preventDefault();
              if (kpi.issuesJql !== null) openIssues(kpi.issuesJql);
            }}
            data-testid={`kpi-issues-${kpi.id}`}
            data-jql={kpi.issuesJql}
          >
            <Text size="small" color="inherit">
              Open the issues behind this number
            </Text>
          </a>
        ) : null}
      </Stack>
    </Box>
  );
}

function Breakdown({ report }: { report: PortfolioKpis }) {
  if (report.breakdown === null) return null;
  const labels = new Map(report.kpis.map((k) => [k.id, k]));
  const head = {
    cells: [
      {
        key: 'group',
        content: report.breakdown.by === 'tier' ? 'Complexity tier' : 'Segment',
        isSortable: true,
      },
      { key: 'implementations', content: 'Implementations', isSortable: true },
      ...report.kpis.map((k) => ({ key: k.id, content: k.label, isSortable: true })),
    ],
  };
  const rows = report.breakdown.groups.map((g) => ({
    key: g.group,
    testId: `kpi-breakdown-${g.group}`,
    cells: [
      { key: g.group, content: <span style={noWrap}>{g.group}</span> },
      { key: g.implementations, content: String(g.implementations) },
      ...g.kpis.map((k) => {
        const unit = labels.get(k.id)?.unit ?? 'count';
        const met = metLabel(k.met, labels.get(k.id)?.target !== null);
        if (labels.get(k.id)?.portfolioOnly === true)
          return {
            key: Number.MAX_SAFE_INTEGER,
            content: (
              <Text size="small" color="color.text.subtlest">
                Whole scope only
              </Text>
            ),
          };
        return {
          key: k.value ?? Number.MAX_SAFE_INTEGER,
          content: (
            <Inline space="space.050" alignBlock="center">
              <span style={noWrap}>{formatValue({ value: k.value, unit })}</span>
              {k.met !== null ? <Lozenge appearance={met.appearance}>{met.text}</Lozenge> : null}
            </Inline>
          ),
        };
      }),
    ],
  }));
  return (
    <Stack space="space.100">
      <Heading size="xsmall" as="h3">
        By {report.breakdown.by === 'tier' ? 'complexity tier' : 'segment'}
      </Heading>
      {/* A gadget can be 380 px wide: the table keeps its words whole and scrolls sideways. */}
      <Box
        xcss={scroller}
        tabIndex={0}
        role="region"
        aria-label={`KPIs by ${report.breakdown.by} (scrolls sideways)`}
        testId="kpi-breakdown-scroll"
      >
        <div style={{ minWidth: 160 + 130 * report.kpis.length }}>
          <DynamicTable
            head={head}
            rows={rows}
            label={`KPIs by ${report.breakdown.by}`}
            testId="kpi-breakdown"
          />
        </div>
      </Box>
    </Stack>
  );
}

export function App() {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    let live = true;
    let config: GadgetConfig | null = null;
    // A first call that throws (the bridge or the host unreachable) is an error with Try again,
    // never a spinner left turning.
    const load = () =>
      fetchOnce().catch((e: unknown) => {
        if (live)
          setState({
            status: 'error',
            error: `Runway could not be reached: ${e instanceof Error ? e.message : String(e)}`,
          });
      });
    const fetchOnce = async () => {
      if (config === null) {
        const saved = await savedConfig();
        if (!saved.ok) {
          if (live) setState({ status: 'error', error: saved.error });
          return;
        }
        config = saved.config;
      }
      const r = await gadget.kpis(config);
      if (!live) return;
      if (!r.ok) {
        setState({ status: 'error', error: r.error });
        return;
      }
      setState({ status: 'ready', report: r.data });
      if (!r.data.progress.complete) timer.current = setTimeout(() => void load(), POLL_MS);
    };
    setState({ status: 'loading' });
    void load();
    return () => {
      live = false;
      clearTimeout(timer.current);
    };
  }, [attempt]);

  if (state.status === 'loading') return <LoadingState label="Computing portfolio KPIs" />;
  if (state.status === 'error')
    return (
      <ErrorView
        title="The portfolio KPIs could not be computed"
        error={state.error}
        onRetry={() => setAttempt((a) => a + 1)}
      />
    );
  const { report } = state;
  if (report.progress.total === 0) {
    return (
      <Box testId="kpi-empty">
        <EmptyView
          header={
            report.leftOut !== null
              ? "You can't browse this gadget's projects"
              : 'No implementations in scope'
          }
          description={
            report.leftOut?.note ??
            `Nothing you can see is in this scope (${report.scope}). Edit the gadget to change its scope.`
          }
        />
      </Box>
    );
  }
  const { done, total, complete } = report.progress;
  return (
    <Box padding="space.200">
      <Stack space="space.200">
        <Stack space="space.050">
          {/* Jira titles the gadget ("Portfolio KPIs") above the frame: no second title here. */}
          <Text color="color.text.subtle" testId="kpi-scope">
            {report.implementations} implementations as of {formatDate(report.asOf)}
            {report.warnings > 0 ? ` · ${report.warnings} data warnings` : ''}
          </Text>
          <Text size="small" color="color.text.subtle" testId="kpi-scope-words">
            Scope: {report.scope}
          </Text>
          {report.scope === 'Issues matching a JQL query' ? (
            <details data-testid="kpi-jql">
              <summary>
                <Text size="small" color="color.text.subtlest">
                  Show the query
                </Text>
              </summary>
              <Text size="small" color="color.text.subtlest">
                {report.jql}
              </Text>
            </details>
          ) : null}
        </Stack>
        {report.leftOut !== null ? (
          <SectionMessage appearance="information" title="Some projects aren't counted" testId="kpi-left-out">
            <Text>{report.leftOut.note}</Text>
          </SectionMessage>
        ) : null}
        {!complete ? (
          <Box role="status" aria-live="polite" testId="kpi-progress">
            <SectionMessage
              appearance="information"
              title={`Computing: ${done} of ${total} implementations are in these numbers`}
            >
              <Stack space="space.100">
                <Text>The rest is being computed in the background; the numbers update as it finishes.</Text>
                <Box xcss={progressTrack}>
                  <Box
                    xcss={progressBar}
                    style={{ width: `${total === 0 ? 0 : Math.round((100 * done) / total)}%` }}
                  />
                </Box>
              </Stack>
            </SectionMessage>
          </Box>
        ) : null}
        <Grid templateColumns="repeat(auto-fill, minmax(260px, 1fr))" gap="space.150" testId="kpi-tiles">
          {report.kpis.map((k) => (
            <Tile key={k.id} kpi={k} />
          ))}
        </Grid>
        <ProjectedLate report={report} />
        <Breakdown report={report} />
      </Stack>
    </Box>
  );
}

/** Open implementations whose forecast go-live passes their baseline (src/domain/forecast). */
function ProjectedLate({ report }: { report: PortfolioKpis }) {
  const { count, implementations } = report.projectedLate;
  return (
    <Box xcss={tile} testId="kpi-projected-late">
      <Stack space="space.100">
        <Inline space="space.100" alignBlock="center">
          <Text weight="medium">Projected late</Text>
          <Lozenge appearance={count > 0 ? 'removed' : 'success'} testId="kpi-projected-late-count">
            {String(count)}
          </Lozenge>
        </Inline>
        {implementations.slice(0, 10).map((i) => (
          <Inline key={i.key} space="space.100" alignBlock="center" shouldWrap>
            <Text weight="medium">{i.key}</Text>
            <Text>{i.summary}</Text>
            <Text size="small" color="color.text.danger">
              {`forecast ${i.forecast ?? '?'} · baseline ${i.baseline ?? '?'} · ${i.lateByDays} d late`}
            </Text>
          </Inline>
        ))}
        {implementations.length > 10 ? (
          <Text size="small" color="color.text.subtlest">
            and {implementations.length - 10} more
          </Text>
        ) : null}
        <Text size="small" color="color.text.subtlest">
          {FORECAST_RULE}
        </Text>
      </Stack>
    </Box>
  );
}
