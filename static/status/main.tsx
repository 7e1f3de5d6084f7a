// Status report macro: the weekly status of the configured implementation over the configured period,
// and the page's weekly publishing (its state, and Stop).
import { Stack } from '@atlaskit/primitives';
import { useEffect, useState } from 'react';
import type { WeeklySchedules } from '../../src/contracts/status';
import { MacroView } from '../playbook/document/MacroView';
import { mount } from '../shared/mount';
import { statusReport } from './api';
import { WeeklyButton, WeeklyResult, WeeklySchedulesView, type WeeklyState } from './Weekly';

function StatusMacro() {
  const [weekly, setWeekly] = useState<WeeklyState>({ status: 'idle' });
  const [schedules, setSchedules] = useState<WeeklySchedules>({ schedules: [] });
  const reload = async () => {
    const r = await statusReport.getWeekly();
    if (r.ok) setSchedules(r.data);
  };
  useEffect(() => {
    void reload();
  }, []);
  return (
    <Stack space="space.100">
      <WeeklyResult state={weekly} />
      <WeeklySchedulesView data={schedules} onChange={setSchedules} />
      <MacroView
        what="status report"
        load={() => statusReport.getDocument()}
        publish={() => statusReport.publish()}
        actions={
          <WeeklyButton
            onResult={(s) => {
              setWeekly(s);
              void reload();
            }}
          />
        }
      />
    </Stack>
  );
}

void mount(<StatusMacro />);
