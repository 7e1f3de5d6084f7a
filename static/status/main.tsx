// Status report macro: the weekly status of the configured implementation over the configured period.
import { MacroView } from '../playbook/document/MacroView';
import { mount } from '../shared/mount';
import { statusReport } from './api';

void mount(
  <MacroView
    what="status report"
    load={() => statusReport.getDocument()}
    publish={() => statusReport.publish()}
  />,
);
