// The playbook use cases: the library and team templates (./library), and "Start from playbook" on
// the implementations page (./start), with Forge's wiring (./forge).
export { listTemplates, loadLibrary, saveTemplate } from './library';
export { getStartOptions } from './start/options';
export { previewStart } from './start/preview';
export { startImplementation, type StartInput } from './start/start';
export type { StartDeps } from './start/deps';
export { startDepsFor } from './forge';
