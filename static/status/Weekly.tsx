// "Publish weekly": publishes this week's dated child page now and keeps publishing one a week; the
// schedules of this page, each with its state (on, paused and why, stopped), who set it up and
// since when, the last page published and the next, and Stop for the people who may stop it.
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import { router } from '@forge/bridge';
import { useState, type MouseEvent } from 'react';
import type { WeeklyPublished, WeeklySchedule, WeeklySchedules } from '../../src/contracts/status';
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
        <PageLink url={state.page.url}>Open this week’s page</PageLink>
      </Text>
    </SectionMessage>
  );
}

function PageLink({ url, children }: { url: string; children: string }) {
  const open = (e: MouseEvent) => {
    e.preventDefault();
    void router.open(url).catch(() => undefined);
  };
  return (
    <a href={url} onClick={open}>
      {children}
    </a>
  );
}

const APPEARANCE = { on: 'success', paused: 'moved', stopped: 'default' } as const;
const LABEL = { on: 'On', paused: 'Paused', stopped: 'Stopped' } as const;

function Schedule({ s, onChange }: { s: WeeklySchedule; onChange: (next: WeeklySchedules) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const stop = async () => {
    setBusy(true);
    const r = await statusReport.stopWeekly({ implementationKey: s.implementationKey });
    setBusy(false);
    if (r.ok) onChange(r.data);
    else setError(r.error);
  };
  const title = `Weekly status pages of ${s.implementationKey}`;
  return (
    <SectionMessage
      appearance={s.state === 'paused' ? 'warning' : s.state === 'on' ? 'information' : 'discovery'}
      title={title}
      testId={`weekly-schedule-${s.implementationKey}`}
    >
      <Stack space="space.075">
        <Inline space="space.100" alignBlock="center">
          <Lozenge appearance={APPEARANCE[s.state]} testId="weekly-state">
            {LABEL[s.state]}
          </Lozenge>
          <Text>
            Set up by {s.setUpBy} on {s.since}.
          </Text>
        </Inline>
        {s.paused ? (
          <Text testId="weekly-paused">
            Paused since {s.paused.at}: {s.paused.reason} It resumes by itself once they may publish again; or
            choose Publish weekly to publish it in your name.
          </Text>
        ) : null}
        {s.stopped ? (
          <Text testId="weekly-stopped">
            Stopped by {s.stopped.by} on {s.stopped.at}. Publish weekly starts it again.
          </Text>
        ) : null}
        <Text testId="weekly-last">
          {s.lastPage === null ? (
            'No page published yet.'
          ) : (
            <>
              Last page:{' '}
              {s.lastPage.url === null ? (
                s.lastPage.title
              ) : (
                <PageLink url={s.lastPage.url}>{s.lastPage.title}</PageLink>
              )}
              {s.lastPage.publishedOn === null ? '' : `, published ${s.lastPage.publishedOn}`}.
            </>
          )}
        </Text>
        {s.next ? (
          <Text testId="weekly-next">
            Next: {s.next.week}, by the daily run on or after {s.next.from}.
          </Text>
        ) : null}
        {s.state !== 'stopped' ? (
          s.canStop ? (
            <Inline>
              <Button
                appearance="subtle"
                onClick={() => void stop()}
                isLoading={busy}
                testId={`weekly-stop-${s.implementationKey}`}
                aria-label={`Stop the weekly status pages of ${s.implementationKey}`}
              >
                Stop
              </Button>
            </Inline>
          ) : (
            <Text color="color.text.subtle" testId="weekly-no-stop">
              Only {s.setUpBy}, who set it up, or someone who may edit this page can stop it.
            </Text>
          )
        ) : null}
        {error === null ? null : (
          <Text color="color.text.danger" testId="weekly-stop-error">
            {error}
          </Text>
        )}
      </Stack>
    </SectionMessage>
  );
}

/** The page's weekly schedules (none: nothing shown). */
export function WeeklySchedulesView({
  data,
  onChange,
}: {
  data: WeeklySchedules;
  onChange: (d: WeeklySchedules) => void;
}) {
  if (data.schedules.length === 0) return null;
  return (
    <Stack space="space.100" testId="weekly-schedules">
      {data.schedules.map((s) => (
        <Schedule key={s.implementationKey} s={s} onChange={onChange} />
      ))}
    </Stack>
  );
}

export type WeeklyState = State;
