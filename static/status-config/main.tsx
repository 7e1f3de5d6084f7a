// Status report macro settings (the macro's config resource).
import { mount } from '../shared/mount';
import { App } from './App';

void mount(<App />);
