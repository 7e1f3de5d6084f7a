// The audit record: every sign-off, rejection, override and evidence change, newest first, with
// what the criteria said at that moment. Read-only: nothing in the app edits it.
import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import { Box, Stack, Text } from '@atlaskit/primitives';
import type { AuditEntryView } from '../../src/contracts/stage-gates';
import { ACTION_TEXT, GATE_STATUS, when } from './format';

const head = {
  cells: [
    { key: 'when', content: 'When', width: 18 },
    { key: 'who', content: 'Who', width: 16 },
    { key: 'what', content: 'What', width: 40 },
    { key: 'criteria', content: 'Criteria then', width: 26 },
  ],
};

function criteriaThen(e: AuditEntryView): string {
  const pass = e.criteria.filter((c) => c.status === 'pass').length;
  const fail = e.criteria.filter((c) => c.status === 'fail').length;
  const na = e.criteria.length - pass - fail;
  return [`${pass} pass`, `${fail} fail`, na > 0 ? `${na} n/a` : ''].filter(Boolean).join(', ');
}

export function AuditLog({ entries }: { entries: readonly AuditEntryView[] }) {
  const rows = entries.map((e) => ({
    key: String(e.seq),
    testId: `audit-${e.seq}`,
    cells: [
      { key: 'when', content: <Text size="small">{when(e.at)}</Text> },
      { key: 'who', content: <Text size="small">{e.by.displayName}</Text> },
      {
        key: 'what',
        content: (
          <Stack space="space.025">
            <Text size="small">
              {ACTION_TEXT[e.action]} <Text weight="medium">{e.gateName}</Text>
              {e.evidence ? `: ${e.evidence.title || (e.evidence.target ?? '')}` : ''}
            </Text>
            {e.comment ? (
              <Text size="small" color="color.text.subtle">
                “{e.comment}”
              </Text>
            ) : null}
          </Stack>
        ),
      },
      {
        key: 'criteria',
        content: (
          <Stack space="space.025">
            <Lozenge appearance={GATE_STATUS[e.gateStatus].appearance}>
              {GATE_STATUS[e.gateStatus].text}
            </Lozenge>
            <Text size="small" color="color.text.subtle">
              {criteriaThen(e)}
            </Text>
          </Stack>
        ),
      },
    ],
  }));
  return (
    <Box testId="audit-log">
      <DynamicTable
        head={head}
        rows={rows}
        rowsPerPage={10}
        label="Audit record of the gates"
        testId="audit-table"
        emptyView={
          <Text color="color.text.subtle">No sign-offs, rejections, overrides or evidence yet.</Text>
        }
      />
    </Box>
  );
}
