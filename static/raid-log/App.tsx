// RAID log issue panel: the risks, assumptions, issues and dependencies of the implementation,
// with its heat map, the counts that need attention, filters, create and edit in place. Every
// number comes from the resolver (src/domain/raid), read as the viewing user.
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { Box, Flex, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  RAID_KIND_LABELS,
  RAID_KINDS,
  type RaidItem,
  type RaidKind,
  type RaidLogView,
} from '../../src/contracts/raid-log';
import { formatDate } from '../shared/dates';
import { MultiFilter } from '../shared/MultiFilter';
import { EmptyView, ErrorView, LoadingState } from '../shared/states';
import { raidLog } from './api';
import { CreateItem } from './CreateItem';
import {
  applyFilters,
  distinct,
  isFiltered,
  NO_FILTERS,
  ownerName,
  statusName,
  type RaidFilters,
} from './filters';
import { HeatMap } from './HeatMap';
import { RaidTable } from './RaidTable';

type State =
  { status: 'loading' } | { status: 'error'; error: string } | { status: 'ready'; view: RaidLogView };

const count = xcss({
  borderWidth: 'border.width',
  borderStyle: 'solid',
  borderColor: 'color.border',
  borderRadius: 'radius.medium',
  paddingBlock: 'space.100',
  paddingInline: 'space.200',
  minWidth: '140px',
});

function Count({
  label,
  value,
  appearance,
  testId,
}: {
  label: string;
  value: number;
  appearance: 'removed' | 'default';
  testId: string;
}) {
  return (
    <Box xcss={count} testId={testId}>
      <Stack space="space.050">
        <Text size="small" color="color.text.subtle">
          {label}
        </Text>
        <Inline>
          <Lozenge appearance={value > 0 ? appearance : 'default'} isBold={value > 0} maxWidth="100%">
            <span data-testid={`${testId}-value`}>{value}</span>
          </Lozenge>
        </Inline>
      </Stack>
    </Box>
  );
}

export function App() {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [filters, setFilters] = useState<RaidFilters>(NO_FILTERS);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  // After Create the focus goes to what it created (the notice); after Cancel or Escape, back to Add.
  const addButton = useRef<HTMLButtonElement>(null);
  const noticeBox = useRef<HTMLDivElement>(null);
  const [focusTo, setFocusTo] = useState<'add' | 'notice' | null>(null);
  useEffect(() => {
    if (focusTo === 'add') addButton.current?.focus();
    if (focusTo === 'notice') noticeBox.current?.focus();
    if (focusTo !== null) setFocusTo(null);
  }, [focusTo]);

  /** Loads the log; `quiet` keeps the current view while refreshing counts after a change. */
  const load = useCallback(async (quiet = false) => {
    if (!quiet) setState({ status: 'loading' });
    const r = await raidLog.get();
    if (r.ok) setState({ status: 'ready', view: r.data });
    else if (!quiet) setState({ status: 'error', error: r.error });
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const setFilter = (next: Partial<RaidFilters>) => {
    setFilters((f) => ({ ...f, ...next }));
    setPage(1);
  };
  const replaceItem = (item: RaidItem) => {
    setState((s) =>
      s.status === 'ready'
        ? { ...s, view: { ...s.view, items: s.view.items.map((i) => (i.key === item.key ? item : i)) } }
        : s,
    );
    void load(true);
  };

  const view = state.status === 'ready' ? state.view : null;
  const shown = useMemo(() => (view ? applyFilters(view.items, filters) : []), [view, filters]);

  if (state.status === 'loading') return <LoadingState label="Loading the RAID log" />;
  if (state.status === 'error')
    return (
      <ErrorView title="The RAID log could not be loaded" error={state.error} onRetry={() => void load()} />
    );
  const v = state.view;
  if (!v.isImplementation) {
    return (
      <EmptyView
        header="Not an implementation"
        description={`${v.implementation.key} is not an implementation, so it has no RAID log.`}
      />
    );
  }

  const createButton =
    v.canCreate && v.creatableKinds.length > 0 && !creating ? (
      <Button ref={addButton} appearance="primary" onClick={() => setCreating(true)} testId="raid-add">
        Add RAID item
      </Button>
    ) : null;

  const kindOptions = RAID_KINDS.filter((k) => v.items.some((i) => i.kind === k)).map((k) => ({
    label: RAID_KIND_LABELS[k],
    value: k,
  }));
  const statusOptions = distinct(v.items, statusName).map((s) => ({ label: s, value: s }));
  const ownerOptions = distinct(v.items, ownerName).map((s) => ({ label: s, value: s }));

  return (
    <Box padding="space.200">
      <Stack space="space.200">
        {/* Jira titles the panel ("RAID log") above the frame: no second title here. */}
        {createButton !== null ? (
          <Flex justifyContent="end" alignItems="center" gap="space.100" wrap="wrap">
            {createButton}
          </Flex>
        ) : null}
        {creating ? (
          <CreateItem
            kinds={v.creatableKinds}
            hasProbability={v.hasProbability}
            hasImpact={v.hasImpact}
            onCancel={() => {
              setCreating(false);
              setFocusTo('add');
            }}
            onCreated={(item) => {
              setCreating(false);
              setNotice(`${item.key} created.`);
              setFocusTo('notice');
              setFilters(NO_FILTERS);
              void load(true);
            }}
          />
        ) : null}
        {notice !== null ? (
          <Box ref={noticeBox} tabIndex={-1} role="status" testId="raid-notice">
            <Text color="color.text.success">{notice}</Text>
          </Box>
        ) : null}
        {v.items.length === 0 ? (
          <EmptyView
            header="No RAID items yet"
            description={
              v.canCreate
                ? 'Add the first risk, assumption, issue or dependency of this implementation.'
                : 'Nobody has recorded a risk, assumption, issue or dependency here yet.'
            }
          />
        ) : (
          <>
            <Flex gap="space.300" wrap="wrap" alignItems="start">
              <Stack space="space.150">
                <Count
                  label="Open high risks (score ≥ 15)"
                  value={v.counts.openHighRisks}
                  appearance="removed"
                  testId="raid-count-high"
                />
                <Count
                  label="Overdue items"
                  value={v.counts.overdue}
                  appearance="removed"
                  testId="raid-count-overdue"
                />
                <Text size="small" color="color.text.subtlest">
                  {v.counts.open} open of {v.counts.total} · as of {formatDate(v.asOf)}
                </Text>
              </Stack>
              <HeatMap
                heatMap={v.heatMap}
                bands={v.heatMapBands}
                selectedCell={filters.cell}
                onSelect={(cell) => setFilter({ cell })}
              />
            </Flex>
            <Flex gap="space.100" wrap="wrap" alignItems="center">
              <MultiFilter<RaidKind>
                label="Type"
                id="raid-filter-kind"
                options={kindOptions}
                value={filters.kinds}
                onChange={(kinds) => setFilter({ kinds })}
              />
              <MultiFilter<string>
                label="Status"
                id="raid-filter-status"
                options={statusOptions}
                value={filters.statuses}
                onChange={(statuses) => setFilter({ statuses })}
              />
              <MultiFilter<string>
                label="Owner"
                id="raid-filter-owner"
                options={ownerOptions}
                value={filters.owners}
                onChange={(owners) => setFilter({ owners })}
              />
              {isFiltered(filters) ? (
                <Button appearance="subtle" onClick={() => setFilter(NO_FILTERS)} testId="raid-clear-filters">
                  Clear filters
                </Button>
              ) : null}
            </Flex>
            <Text size="small" color="color.text.subtle" testId="raid-shown">
              {filters.cell
                ? `Probability ${filters.cell.probability} × impact ${filters.cell.impact}: `
                : ''}
              {shown.length} of {v.items.length} items
            </Text>
            <RaidTable
              view={v}
              items={shown}
              page={page}
              onSetPage={setPage}
              onSaved={replaceItem}
              emptyView={
                <EmptyView header="No items match" description="Change or clear the filters to see more." />
              }
            />
          </>
        )}
        {v.warnings.length > 0 ? (
          <Text size="small" color="color.text.warning" testId="raid-warnings">
            {v.warnings.length} data warning{v.warnings.length === 1 ? '' : 's'}:{' '}
            {v.warnings.slice(0, 3).join('; ')}
          </Text>
        ) : null}
      </Stack>
    </Box>
  );
}
