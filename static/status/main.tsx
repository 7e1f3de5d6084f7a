// Status report macro: the weekly status of the configured implementation over the configured period.
import { Stack } from '@atlaskit/primitives';
import { useState } from 'react';
import { MacroView } from '../playbook/document/MacroView';
import { mount } from '../shared/mount';
import { statusReport } from './api';
import { WeeklyButton, WeeklyResult, type WeeklyState } from './Weekly';

function StatusMacro() {
  const [weekly, setWeekly] = useState<WeeklyState>({ status: 'idle' });
  return (
    <Stack>
      <WeeklyResult state={weekly} />
      <MacroView
        what="status report"
        load={() => statusReport.getDocument()}
        publish={() => statusReport.publish()}
        actions={<WeeklyButton onResult={setWeekly} />}
      />
    </Stack>
  );
}

void mount(<StatusMacro />);
