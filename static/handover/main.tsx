// Handover packet macro: the handover of the configured implementation to Customer Success and Support.
import { MacroView } from '../playbook/document/MacroView';
import { mount } from '../shared/mount';
import { handover } from './api';

void mount(
  <MacroView what="handover packet" load={() => handover.getDocument()} publish={() => handover.publish()} />,
);
