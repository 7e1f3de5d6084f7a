// "Publish weekly": publishes this week's dated child page now and keeps publishing one a week.
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { Text } from '@atlaskit/primitives';
import { useState } from 'react';
import type { WeeklyPublished } from '../../src/contracts/status';
import { statusReport } from './api';

type State =
  | { status: 'idle' | 'busy' }
  | { status: 'done'; page: WeeklyPublished }
  | { status: 'error'; error: string };

export function WeeklyButton({ onResult }: { onResult: (s: State) => void }) {
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    const r = await statusReport.publishWeekly();
    setBusy(false);
    onResult(r.ok ? { status: 'done', page: r.data } : { status: 'error', error: r.error });
  };
  return (
    <Button onClick={() => void run()} isLoading={busy} testId="publish-weekly">
      Publish weekly
    </Button>
  );
}

export function WeeklyResult({ state }: { state: State }) {
  if (state.status === 'error')
    return (
      <SectionMessage appearance="error" title="Weekly publishing could not start" testId="weekly-error">
        <Text>{state.error}</Text>
      </SectionMessage>
    );
  if (state.status !== 'done') return null;
  return (
    <SectionMessage appearance="success" title={`Published ${state.page.title}`} testId="weekly-result">
      <Text>
        A new child page is published each week ({state.page.week} now), once a week, under this page.{' '}
        <a href={state.page.url} target="_blank" rel="noreferrer">
          Open this week’s page
        </a>
      </Text>
    </SectionMessage>
  );
}

export type WeeklyState = State;
