import { mount } from '../shared/mount';
import { StartModal } from './StartModal';

void mount(<StartModal />);
