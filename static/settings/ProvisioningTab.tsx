// Which Runway issue types and custom fields exist on the site; an admin creates the missing ones
// (safe to repeat: nothing that exists is created again) and sees what was done.
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import { useEffect, useRef, useState } from 'react';
import type { ProvisioningItem } from '../../src/contracts/settings';
import { settingsApi } from './api';

const APPEARANCE = { exists: 'success', missing: 'moved', created: 'new', failed: 'removed' } as const;
const TEXT = { exists: 'Exists', missing: 'Missing', created: 'Created', failed: 'Failed' } as const;

const POLL_MS = 1000;
type ProgressAnswer = Awaited<ReturnType<typeof settingsApi.provisioning>>;

const head = {
  cells: [
    { key: 'kind', content: 'Kind', width: 14 },
    { key: 'name', content: 'Name', width: 26 },
    { key: 'status', content: 'Status', width: 14 },
    { key: 'detail', content: 'Detail', width: 46 },
  ],
};

export function ProvisioningTab({
  initial,
  error,
  canEdit,
}: {
  initial: ProvisioningItem[] | null;
  error: string | null;
  canEdit: boolean;
}) {
  const [items, setItems] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{
    appearance: 'success' | 'error' | 'warning' | 'information';
    text: string;
  } | null>(error ? { appearance: 'error', text: error } : null);
  const missing = items?.filter((i) => i.status === 'missing').length ?? 0;

  // A run is queued (a consumer does it); the page polls its progress until it has ended, also
  // when it opens on a run under way. `live` stops the polling once the tab is gone.
  const live = useRef(true);
  const follow = async (first: ProgressAnswer) => {
    setBusy(true);
    let r = first;
    while (r.ok && r.data !== null && (r.data.state === 'queued' || r.data.state === 'running')) {
      if (r.data.items.length > 0) setItems(r.data.items);
      setResult({ appearance: 'information', text: r.data.summary });
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      if (!live.current) return;
      r = await settingsApi.provisioning();
    }
    setBusy(false);
    if (!r.ok) return setResult({ appearance: 'error', text: r.error });
    if (r.data === null)
      return setResult({ appearance: 'error', text: 'The provisioning run was not found.' });
    if (r.data.items.length > 0) setItems(r.data.items);
    const ended = r.data.state === 'done' && r.data.failed === 0 && r.data.total !== null;
    setResult({ appearance: ended ? 'success' : 'warning', text: r.data.summary });
  };
  const run = async () => follow(await settingsApi.provision());
  useEffect(() => {
    live.current = true;
    void settingsApi.provisioning().then((r) => {
      if (live.current && r.ok && r.data !== null && r.data.state !== 'done') void follow(r);
    });
    return () => {
      live.current = false;
    };
  }, []); // once, when the tab opens

  const rows = (items ?? []).map((i) => ({
    key: `${i.kind}-${i.key}`,
    testId: `provision-item-${i.key}`,
    cells: [
      { key: 'kind', content: <Text size="small">{i.kind === 'issueType' ? 'Issue type' : 'Field'}</Text> },
      { key: 'name', content: <Text weight="medium">{i.name}</Text> },
      { key: 'status', content: <Lozenge appearance={APPEARANCE[i.status]}>{TEXT[i.status]}</Lozenge> },
      {
        key: 'detail',
        content: (
          <Text size="small" color="color.text.subtle">
            {i.detail}
          </Text>
        ),
      },
    ],
  }));
  return (
    <Box paddingBlock="space.200">
      <Stack space="space.200">
        <Text color="color.text.subtle">
          Runway reads these issue types and fields by the names in Mappings. Creating the missing ones is
          safe to repeat: Runway checks names first and never creates a second one.
        </Text>
        {result ? (
          <div role="status" aria-live="polite">
            <SectionMessage appearance={result.appearance} testId="provision-summary">
              <Text>{result.text}</Text>
            </SectionMessage>
          </div>
        ) : null}
        {canEdit ? (
          <Inline>
            <Button appearance="primary" onClick={() => void run()} isLoading={busy} testId="provision-run">
              {missing > 0 ? `Create ${missing} missing` : 'Check and create missing'}
            </Button>
          </Inline>
        ) : null}
        <Box testId="provision-table">
          <DynamicTable
            head={head}
            rows={rows}
            label="Runway issue types and fields on this site"
            emptyView={<Text>Nothing could be read.</Text>}
          />
        </Box>
      </Stack>
    </Box>
  );
}
