// The start dialog's preview: what stops the start (problems), the plan's warnings, and every issue
// that will be created, with its type, labels, due date and fields as the site names them.
import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import { Box, Stack, Text, xcss } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import type { ReactNode } from 'react';
import { formatDate, formatDatesIn } from '../../shared/dates';
import type { PlannedIssueView, StartPreview as Preview } from '../../../src/contracts/implementations';

const KIND_LABEL: Record<PlannedIssueView['kind'], string> = {
  implementation: 'Implementation',
  milestone: 'Milestone',
  gate: 'Gate',
  workItem: 'Work item',
};

const previewBox = xcss({ maxHeight: '320px', overflowY: 'auto' });

function PreviewTable({ preview }: { preview: Preview }) {
  const rows = [preview.epic, ...preview.children].map((i) => ({
    key: i.ref,
    testId: `start-preview-row-${i.ref}`,
    cells: [
      {
        key: 'type',
        content: (
          <Lozenge appearance={i.kind === 'implementation' ? 'new' : 'default'}>{i.issueType}</Lozenge>
        ),
      },
      {
        key: 'summary',
        content: (
          <Stack space="space.025">
            <Text weight={i.kind === 'implementation' ? 'bold' : undefined}>{i.summary}</Text>
            {i.labels.length > 0 ? (
              <Text size="small" color="color.text.subtle">
                {i.labels.join(' · ')}
              </Text>
            ) : null}
          </Stack>
        ),
      },
      {
        key: 'due',
        content: i.dueDate ? formatDate(i.dueDate) : <Text color="color.text.subtlest">—</Text>,
      },
      {
        key: 'fields',
        content: (
          <Text size="small" color="color.text.subtle">
            {Object.entries(i.fields)
              .filter(([name]) => name !== 'Baseline Due')
              .map(([name, value]) => `${name}: ${formatDate(value)}`)
              .join(' · ')}
          </Text>
        ),
      },
    ],
  }));
  return (
    <Box xcss={previewBox} tabIndex={0} aria-label="Issues that will be created">
      <DynamicTable
        head={{
          cells: [
            { key: 'type', content: 'Type', width: 16 },
            { key: 'summary', content: 'Summary', width: 44 },
            { key: 'due', content: 'Due', width: 14 },
            { key: 'fields', content: 'Fields', width: 26 },
          ],
        }}
        rows={rows}
        testId="start-preview"
      />
    </Box>
  );
}

function counts(preview: Preview): string {
  const n = (k: PlannedIssueView['kind']) => preview.children.filter((c) => c.kind === k).length;
  return `1 ${KIND_LABEL.implementation.toLowerCase()} (epic), ${n('milestone')} milestones, ${n('gate')} gates and ${n('workItem')} work items`;
}

/** The preview; `outcome` (a partial start's) is shown above the issues when there is one. */
export default function StartPreview({ preview, outcome }: { preview: Preview; outcome?: ReactNode }) {
  return (
    <Stack space="space.150">
      {preview.problems.length > 0 ? (
        <SectionMessage appearance="error" title="This cannot be created yet" testId="start-problems">
          <Stack space="space.050">
            {preview.problems.map((p) => (
              <Text key={p}>{p}</Text>
            ))}
          </Stack>
        </SectionMessage>
      ) : null}
      {preview.warnings.length > 0 ? (
        <SectionMessage appearance="warning" testId="start-warnings">
          <Stack space="space.050">
            {preview.warnings.map((w) => (
              <Text key={w}>{formatDatesIn(w)}</Text>
            ))}
          </Stack>
        </SectionMessage>
      ) : null}
      {outcome}
      <Text testId="start-summary-line">
        {`Creates ${counts(preview)} in this project, from the playbook “${preview.templateTitle}”.`}
      </Text>
      <PreviewTable preview={preview} />
    </Stack>
  );
}
