// Playbook macro: the configured playbook template, filled with the implementation's live data.
import { mount } from '../shared/mount';
import { playbook } from './api';
import { MacroView } from './document/MacroView';

void mount(
  <MacroView what="playbook" load={() => playbook.getDocument()} publish={() => playbook.publish()} />,
);
