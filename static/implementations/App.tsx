// Implementations project page: every implementation of the project with its health (rules of
// src/domain/health), next milestone, open high risks, gate progress, time to live so far and the
// forecast go-live (src/domain/forecast, its rule stated under the counts).
// Sortable, filterable; each row opens its epic. "Start from playbook" (./StartFromPlaybook, a
// Forge Modal) creates a new implementation from a template.
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Box, Flex, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import SectionMessage from '@atlaskit/section-message';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { lazy, Suspense, useMemo, useRef, useState } from 'react';
import {
  FORECAST_RULE,
  HEALTHS,
  type Health,
  type ImplementationRow,
  type StartOutcome,
} from '../../src/contracts/implementations';
import { formatDate, formatDatesIn } from '../shared/dates';
import { filterBox, MultiFilter } from '../shared/MultiFilter';
import { EmptyView, ErrorView, LoadingState } from '../shared/states';
import { useResolver } from '../shared/use-resolver';
import { implementations } from './api';
import { Created } from './Created';
import { useLaterPages } from './later-pages';
import { openEpic } from './open-epic';
import { StartFromPlaybook } from './StartFromPlaybook';

const Timeline = lazy(() => import('./Timeline').then((m) => ({ default: m.Timeline })));

const panelStyle = xcss({ width: '100%', paddingBlockStart: 'space.100' });
const HEALTH_APPEARANCE = { red: 'removed', amber: 'moved', green: 'success' } as const;
const HEALTH_LABEL: Record<Health, string> = { red: 'Red', amber: 'Amber', green: 'Green' };
const HEALTH_ORDER: Record<Health, number> = { red: 0, amber: 1, green: 2 };

const link = xcss({ textAlign: 'start' });

export interface Filters {
  text: string;
  health: Health[];
  tiers: string[];
  segments: string[];
}
const NO_FILTERS: Filters = { text: '', health: [], tiers: [], segments: [] };
const NO_SEGMENT = 'No segment';

function matches(row: ImplementationRow, f: Filters): boolean {
  const text = f.text.trim().toLowerCase();
  return (
    (text === '' || row.key.toLowerCase().includes(text) || row.summary.toLowerCase().includes(text)) &&
    (f.health.length === 0 || f.health.includes(row.health)) &&
    (f.tiers.length === 0 || f.tiers.includes(row.tier)) &&
    (f.segments.length === 0 || f.segments.includes(row.segment ?? NO_SEGMENT))
  );
}

const head = {
  cells: [
    { key: 'implementation', content: 'Implementation', isSortable: true, width: 20 },
    { key: 'health', content: 'Health', isSortable: true, width: 17 },
    { key: 'milestone', content: 'Next milestone', isSortable: true, width: 15 },
    { key: 'risks', content: 'High risks', isSortable: true, width: 7 },
    { key: 'gates', content: 'Gates', isSortable: true, width: 7 },
    { key: 'ttl', content: 'Time to live', isSortable: true, width: 8 },
    { key: 'forecast', content: 'Forecast go-live', isSortable: true, width: 12 },
    { key: 'tier', content: 'Tier', isSortable: true, width: 7 },
    { key: 'status', content: 'Status', isSortable: true, width: 7 },
  ],
};

const num = (v: number | null) => (v === null ? Number.MAX_SAFE_INTEGER : v);

function rowOf(r: ImplementationRow) {
  const dash = <Text color="color.text.subtlest">—</Text>;
  return {
    key: r.key,
    testId: `impl-row-${r.key}`,
    onClick: (e: React.MouseEvent) => {
      if ((e.target as HTMLElement).closest('a,button')) return; // the link handles itself
      openEpic(r.key);
    },
    cells: [
      {
        key: r.key,
        content: (
          <Box xcss={link}>
            <a
              href={`/browse/${encodeURIComponent(r.key)}`}
              data-testid={`impl-open-${r.key}`}
              onClick={(e) => {
                e.preventDefault();
                openEpic(r.key);
              }}
            >
              {r.key}
            </a>{' '}
            <Text>{r.summary}</Text>
          </Box>
        ),
      },
      {
        key: `${HEALTH_ORDER[r.health]}-${String(9 - Math.min(9, r.reasons.length))}`,
        testId: `impl-health-${r.key}`,
        content: (
          <Stack space="space.050">
            <Inline>
              <Lozenge appearance={HEALTH_APPEARANCE[r.health]} isBold>
                {HEALTH_LABEL[r.health]}
              </Lozenge>
            </Inline>
            {r.reasons.slice(0, 2).map((reason) => (
              <Text
                key={`${reason.code}-${reason.issue}`}
                size="small"
                color={reason.level === 'red' ? 'color.text.danger' : 'color.text.warning'}
              >
                {formatDatesIn(reason.message)}
              </Text>
            ))}
            {r.reasons.length > 2 ? (
              <Text size="small" color="color.text.subtlest">
                and {r.reasons.length - 2} more
              </Text>
            ) : null}
          </Stack>
        ),
      },
      {
        key: r.nextMilestone?.dueDate ?? '9999-12-31',
        testId: `impl-milestone-${r.key}`,
        content: r.nextMilestone ? (
          <Stack space="space.025">
            <Text>{r.nextMilestone.summary}</Text>
            <Inline space="space.050" alignBlock="center">
              <Text size="small" color="color.text.subtle">
                {r.nextMilestone.dueDate ? formatDate(r.nextMilestone.dueDate) : 'no due date'}
              </Text>
              {r.nextMilestone.late ? <Lozenge appearance="removed">late</Lozenge> : null}
            </Inline>
          </Stack>
        ) : (
          dash
        ),
      },
      {
        key: -r.openHighRisks,
        testId: `impl-risks-${r.key}`,
        content:
          r.openHighRisks > 0 ? (
            <Lozenge appearance="removed">{String(r.openHighRisks)}</Lozenge>
          ) : (
            <Text>0</Text>
          ),
      },
      {
        key: r.gates.total === 0 ? 0 : r.gates.passed / r.gates.total,
        testId: `impl-gates-${r.key}`,
        content: (
          <Stack space="space.025">
            <Text>{`${r.gates.passed} / ${r.gates.total}`}</Text>
            {r.gates.failed > 0 ? (
              <Text size="small" color="color.text.danger">
                {r.gates.failed} failed
              </Text>
            ) : null}
          </Stack>
        ),
      },
      {
        key: num(r.timeToLiveDays),
        testId: `impl-ttl-${r.key}`,
        content:
          r.timeToLiveDays === null ? (
            dash
          ) : (
            <Stack space="space.025">
              <Text>{`${r.timeToLiveDays} d`}</Text>
              <Text size="small" color="color.text.subtle">
                {r.live ? 'live' : 'so far'}
              </Text>
            </Stack>
          ),
      },
      {
        key: r.forecast.date ?? '9999-12-31',
        testId: `impl-forecast-${r.key}`,
        content:
          r.forecast.date === null ? (
            <Text size="small" color="color.text.subtlest">
              {formatDatesIn(r.forecast.explanation)}
            </Text>
          ) : (
            <Stack space="space.025">
              <Inline space="space.050" alignBlock="center">
                <Text>{formatDate(r.forecast.date)}</Text>
                {r.forecast.projectedLate ? (
                  <Lozenge appearance="removed">{`${r.forecast.lateByDays} d late`}</Lozenge>
                ) : null}
              </Inline>
              <Text size="small" color="color.text.subtle">
                {formatDatesIn(r.forecast.explanation)}
              </Text>
            </Stack>
          ),
      },
      { key: r.tier, content: r.tier },
      {
        key: r.status ?? '',
        content: r.status ? (
          <Lozenge
            appearance={
              r.statusCategory === 'done'
                ? 'success'
                : r.statusCategory === 'indeterminate'
                  ? 'inprogress'
                  : 'default'
            }
          >
            {r.status}
          </Lozenge>
        ) : (
          dash
        ),
      },
    ],
  };
}

export function App() {
  const first = useResolver(() => implementations.get(), []);
  const later = useLaterPages(first.status === 'ready' ? first.data : null);
  const load = useMemo(
    () =>
      first.status === 'ready'
        ? {
            ...first,
            data: {
              ...first.data,
              implementations: [...first.data.implementations, ...later.rows],
              warnings: [...first.data.warnings, ...later.warnings],
            },
          }
        : first,
    [first, later],
  );
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [page, setPage] = useState(1);
  const [created, setCreated] = useState<StartOutcome | null>(null);
  const startButton = useRef<HTMLButtonElement>(null);
  const rows = load.status === 'ready' ? load.data.implementations : [];
  const shown = useMemo(() => rows.filter((r) => matches(r, filters)), [rows, filters]);
  const onCreated = (outcome: StartOutcome) => {
    setCreated(outcome);
    setFilters(NO_FILTERS);
    load.retry();
  };
  const createdMessage = created ? (
    <Created
      outcome={created}
      onDismiss={() => {
        setCreated(null);
        startButton.current?.focus();
      }}
    />
  ) : null;

  if (load.status === 'loading') return <LoadingState label="Loading implementations" />;
  if (load.status === 'error')
    return (
      <ErrorView title="The implementations could not be loaded" error={load.error} onRetry={load.retry} />
    );
  const view = load.data;
  if (view.implementations.length === 0) {
    return (
      <Box padding="space.200">
        <Stack space="space.200">
          <Flex justifyContent="end">
            <StartFromPlaybook onCreated={onCreated} button={startButton} />
          </Flex>
          {createdMessage}
          <EmptyView
            header="No implementations yet"
            description={`Project ${view.project} has no implementations you can see: an implementation is an epic labelled "implementation". Start one from a playbook.`}
          />
        </Stack>
      </Box>
    );
  }
  const setFilter = (next: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...next }));
    setPage(1);
  };
  const counts = Object.fromEntries(
    HEALTHS.map((h) => [h, rows.filter((r) => r.health === h).length]),
  ) as Record<Health, number>;
  const tiers = [...new Set(rows.map((r) => r.tier))].sort();
  const segments = [...new Set(rows.map((r) => r.segment ?? NO_SEGMENT))].sort();
  const filtered =
    filters.text !== '' || filters.health.length + filters.tiers.length + filters.segments.length > 0;

  return (
    <Box padding="space.200">
      <Stack space="space.200">
        <Flex justifyContent="space-between" alignItems="center" wrap="wrap" gap="space.100">
          <Heading size="small" as="h2">
            Implementations of {view.project}
          </Heading>
          <Inline space="space.200" alignBlock="center">
            <Inline space="space.100" alignBlock="center" testId="impl-counts">
              {HEALTHS.map((h) => (
                <Button
                  key={h}
                  appearance="subtle"
                  spacing="compact"
                  isSelected={filters.health.length === 1 && filters.health[0] === h}
                  onClick={() =>
                    setFilter({ health: filters.health.length === 1 && filters.health[0] === h ? [] : [h] })
                  }
                  testId={`impl-count-${h}`}
                >
                  {`${counts[h]} ${HEALTH_LABEL[h].toLowerCase()}`}
                </Button>
              ))}
            </Inline>
            <StartFromPlaybook onCreated={onCreated} button={startButton} />
          </Inline>
        </Flex>
        {createdMessage}
        <Flex gap="space.100" wrap="wrap" alignItems="center">
          <Box xcss={filterBox}>
            <Textfield
              aria-label="Search implementations"
              placeholder="Search key or summary"
              isCompact
              value={filters.text}
              onChange={(e) => setFilter({ text: e.currentTarget.value })}
              testId="impl-search"
            />
          </Box>
          <MultiFilter<Health>
            label="Health"
            id="impl-filter-health"
            options={HEALTHS.map((h) => ({ label: HEALTH_LABEL[h], value: h }))}
            value={filters.health}
            onChange={(health) => setFilter({ health })}
          />
          <MultiFilter<string>
            label="Tier"
            id="impl-filter-tier"
            options={tiers.map((t) => ({ label: t, value: t }))}
            value={filters.tiers}
            onChange={(t) => setFilter({ tiers: t })}
          />
          <MultiFilter<string>
            label="Segment"
            id="impl-filter-segment"
            options={segments.map((s) => ({ label: s, value: s }))}
            value={filters.segments}
            onChange={(s) => setFilter({ segments: s })}
          />
          {filtered ? (
            <Button appearance="subtle" onClick={() => setFilter(NO_FILTERS)} testId="impl-clear-filters">
              Clear filters
            </Button>
          ) : null}
        </Flex>
        <Text size="small" color="color.text.subtle" testId="impl-shown">
          {shown.length} of {rows.length} implementations · as of {formatDate(view.asOf)} ·{' '}
          {rows.filter((r) => r.forecast.projectedLate).length} projected late
        </Text>
        <Text size="small" color="color.text.subtlest" testId="impl-forecast-rule">
          {FORECAST_RULE}
        </Text>
        {later.next !== null && later.error === null ? (
          <Text size="small" color="color.text.subtle" testId="impl-loading-more">
            Loading the rest: {rows.length} of {view.total} read
          </Text>
        ) : null}
        {later.error !== null ? (
          <SectionMessage appearance="warning" title="Not every implementation could be loaded">
            <Text testId="impl-more-error">
              {rows.length} of {view.total} are shown. {later.error}
            </Text>
          </SectionMessage>
        ) : null}
        <Tabs id="impl-views" testId="impl-tabs">
          <TabList>
            <Tab testId="impl-tab-list">List</Tab>
            <Tab testId="impl-tab-timeline">Timeline</Tab>
          </TabList>
          <TabPanel>
            <Box xcss={panelStyle}>
              <DynamicTable
                head={head}
                rows={shown.map(rowOf)}
                rowsPerPage={20}
                page={page}
                onSetPage={setPage}
                label={`Implementations of ${view.project}`}
                emptyView={
                  <EmptyView
                    header="No implementations match"
                    description="Change or clear the filters to see more."
                  />
                }
                testId="impl-table"
              />
            </Box>
          </TabPanel>
          <TabPanel>
            <Box xcss={panelStyle}>
              <Suspense fallback={<LoadingState label="Loading the timeline" />}>
                <Timeline rows={shown} asOf={view.asOf} project={view.project} />
              </Suspense>
            </Box>
          </TabPanel>
        </Tabs>
        {view.warnings.length > 0 ? (
          <Text size="small" color="color.text.warning" testId="impl-warnings">
            {view.warnings.length} data warning{view.warnings.length === 1 ? '' : 's'}, e.g.{' '}
            {view.warnings[0]}
          </Text>
        ) : null}
      </Stack>
    </Box>
  );
}
