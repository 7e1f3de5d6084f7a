// The RAID items in an Atlaskit dynamic table: sortable by every column, paginated, with the
// editable cells (probability, impact, owner, due date, status) when the user may edit.
import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import { Box, Stack, Text, xcss } from '@atlaskit/primitives';
import { router } from '@forge/bridge';
import { useEffect, useState, type ReactNode } from 'react';
import { RAID_KIND_LABELS, type RaidItem, type RaidLogView } from '../../src/contracts/raid-log';
import { EditableCell } from './EditableCell';
import { formatDate } from '../shared/dates';
import { DateEditor, OwnerEditor, ScaleEditor, StatusEditor, UNASSIGNED, type OwnerOption } from './editors';
import { ownerName, statusName } from './filters';
import { raidLog } from './api';

const BAND_APPEARANCE = { critical: 'removed', high: 'removed', medium: 'moved', low: 'success' } as const;
const KIND_APPEARANCE = {
  risk: 'removed',
  assumption: 'new',
  issue: 'moved',
  dependency: 'inprogress',
} as const;

/**
 * The columns that matter first (what, its state, how bad, when) and the rest after them: an issue
 * panel is 560–760 px wide, so the table keeps a readable minimum width and scrolls sideways.
 */
const COLUMNS = [
  { key: 'summary', content: 'Summary', width: 24 },
  { key: 'status', content: 'Status', width: 12 },
  { key: 'score', content: 'Score', width: 7 },
  { key: 'due', content: 'Due', width: 11 },
  { key: 'overdue', content: 'Overdue', width: 9 },
  { key: 'owner', content: 'Owner', width: 13 },
  { key: 'kind', content: 'Type', width: 9 },
  { key: 'probability', content: 'P', width: 5 },
  { key: 'impact', content: 'I', width: 5 },
  { key: 'age', content: 'Age', width: 5 },
] as const;
type Column = (typeof COLUMNS)[number]['key'];
const head = { cells: COLUMNS.map((c) => ({ ...c, isSortable: true })) };

/** Below this width the columns would crush their words: the table scrolls instead. */
const TABLE_MIN_WIDTH = 900;
const scroller = xcss({ overflowX: 'auto', paddingBlockEnd: 'space.050' });
const noWrap = { whiteSpace: 'nowrap' } as const;

/** Whether the table is wider than its box (then a hint says the rest is to the right). */
function useOverflows(): [(el: HTMLElement | null) => void, boolean] {
  const [el, setEl] = useState<HTMLElement | null>(null);
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    if (el === null) return undefined;
    const check = () => setOverflows(el.scrollWidth > el.clientWidth + 1);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(el);
    return () => observer.disconnect();
  }, [el]);
  return [setEl, overflows];
}

/** Sort keys: numbers sort as numbers; empty values last in ascending order. */
const num = (v: number | null) => (v === null ? Number.MAX_SAFE_INTEGER : v);
const text = (v: string | null) => (v === null ? '\uffff' : v.toLowerCase());

function openIssue(key: string) {
  void router.navigate({ target: 'issue', issueKey: key }).catch(() => undefined);
}

export interface RaidTableProps {
  view: RaidLogView;
  items: RaidItem[];
  page: number;
  onSetPage: (page: number) => void;
  /** A saved item replaces the shown one (then the log refreshes its counts). */
  onSaved: (item: RaidItem) => void;
  emptyView: ReactNode;
}

export function RaidTable({ view, items, page, onSetPage, onSaved, emptyView }: RaidTableProps) {
  const save = async (payload: Parameters<typeof raidLog.update>[0]): Promise<string | null> => {
    const r = await raidLog.update(payload);
    if (!r.ok) return r.error;
    onSaved(r.data);
    return null;
  };
  const [scrollRef, overflows] = useOverflows();
  const rows = items.map((item) => {
    const k = item.key;
    const dash = <Text color="color.text.subtlest">—</Text>;
    const scaleCell = (field: 'probability' | 'impact') => ({
      key: num(item[field]),
      content: (
        <EditableCell<number | null>
          label={`${field} of ${k}`}
          testId={`raid-${field}-${k}`}
          canEdit={view.canEdit && (field === 'probability' ? view.hasProbability : view.hasImpact)}
          display={item[field] ?? dash}
          initial={item[field]}
          renderEditor={(v, set) => (
            <ScaleEditor
              label={`${field === 'probability' ? 'Probability' : 'Impact'} of ${k}`}
              value={v}
              onChange={set}
              inputId={`raid-${field}-${k}-input`}
            />
          )}
          onSave={(v) => save({ key: k, field, value: v })}
        />
      ),
    });
    const byColumn: Record<Column, { key: string | number; content: ReactNode; testId?: string }> = {
      summary: {
        key: text(item.summary),
        content: (
          <a
            href={`/browse/${encodeURIComponent(k)}`}
            onClick={(e) => {
              e.preventDefault();
              openIssue(k);
            }}
            data-testid={`raid-open-${k}`}
          >
            <Text as="span" color="inherit">
              {k}
            </Text>{' '}
            <Text as="span" color="color.text">
              {item.summary}
            </Text>
          </a>
        ),
      },
      status: {
        key: text(statusName(item)),
        content: (
          <EditableCell<string | null>
            label={`status of ${k}`}
            testId={`raid-status-${k}`}
            canEdit={view.canTransition}
            display={
              <Lozenge
                appearance={
                  item.done ? 'success' : item.statusCategory === 'indeterminate' ? 'inprogress' : 'default'
                }
              >
                {statusName(item)}
              </Lozenge>
            }
            initial={null}
            renderEditor={(v, set) => (
              <StatusEditor
                itemKey={k}
                label={`Status of ${k}`}
                value={v}
                onChange={set}
                inputId={`raid-status-${k}-input`}
              />
            )}
            onSave={(v) =>
              v === null
                ? Promise.resolve('choose a status to move to')
                : save({ key: k, field: 'status', value: v })
            }
          />
        ),
      },
      score: {
        key: num(item.score === null ? null : -item.score),
        content:
          item.score === null || item.band === null ? (
            dash
          ) : (
            <Lozenge appearance={BAND_APPEARANCE[item.band]} isBold={item.band === 'critical'}>
              {String(item.score)}
            </Lozenge>
          ),
        testId: `raid-score-${k}`,
      },
      due: {
        key: text(item.dueDate),
        content: (
          <EditableCell<string | null>
            label={`due date of ${k}`}
            testId={`raid-due-${k}`}
            canEdit={view.canEdit}
            display={item.dueDate === null ? dash : <span style={noWrap}>{formatDate(item.dueDate)}</span>}
            initial={item.dueDate}
            renderEditor={(v, set) => (
              <DateEditor
                label={`Due date of ${k}`}
                value={v}
                onChange={set}
                testId={`raid-due-${k}-input`}
              />
            )}
            onSave={(v) => save({ key: k, field: 'dueDate', value: v })}
          />
        ),
      },
      overdue: {
        key: item.overdue ? -item.overdueDays : 0,
        content: item.overdue ? <Lozenge appearance="removed">{`${item.overdueDays} d late`}</Lozenge> : dash,
        testId: `raid-overdue-${k}`,
      },
      owner: {
        key: text(item.owner ? ownerName(item) : null),
        content: (
          <EditableCell<OwnerOption | null>
            label={`owner of ${k}`}
            testId={`raid-owner-${k}`}
            canEdit={view.canAssign}
            display={item.owner ? ownerName(item) : dash}
            initial={item.owner ? { label: ownerName(item), value: item.owner.accountId } : UNASSIGNED}
            renderEditor={(v, set) => (
              <OwnerEditor
                label={`Owner of ${k}`}
                value={v}
                onChange={set}
                inputId={`raid-owner-${k}-input`}
              />
            )}
            onSave={(v) => save({ key: k, field: 'owner', value: v?.value ?? null })}
          />
        ),
      },
      kind: {
        key: item.kind,
        content: <Lozenge appearance={KIND_APPEARANCE[item.kind]}>{RAID_KIND_LABELS[item.kind]}</Lozenge>,
      },
      probability: scaleCell('probability'),
      impact: scaleCell('impact'),
      age: {
        key: num(item.ageDays),
        content: item.ageDays === null ? dash : <span style={noWrap}>{`${item.ageDays} d`}</span>,
        testId: `raid-age-${k}`,
      },
    };
    return {
      key: k,
      testId: `raid-row-${k}`,
      cells: COLUMNS.map((c) => byColumn[c.key]),
    };
  });
  return (
    <Stack space="space.050">
      {overflows ? (
        <Text size="small" color="color.text.subtle" testId="raid-scroll-hint">
          Scroll the table sideways for owner, type, probability, impact and age.
        </Text>
      ) : null}
      <Box
        ref={scrollRef}
        xcss={scroller}
        tabIndex={0}
        role="region"
        aria-label="RAID items (scrolls sideways)"
        testId="raid-table-scroll"
      >
        <div style={{ minWidth: TABLE_MIN_WIDTH }}>
          <DynamicTable
            head={head}
            rows={rows}
            rowsPerPage={10}
            page={page}
            onSetPage={onSetPage}
            label="RAID items"
            emptyView={<>{emptyView}</>}
            testId="raid-table"
          />
        </div>
      </Box>
    </Stack>
  );
}
