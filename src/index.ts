// Every function handler that manifest.yml names (`handler: index.<export>`), and nothing
// else: Forge loads this file, the local host (`runway serve`) loads it too.
// test/forge/wiring.test.ts checks that each manifest handler is an exported function here.

// Custom UI resolvers, one per surface (macro config views share their macro's resolver).
export { stageGatesResolver } from './resolvers/stage-gates';
export { raidLogResolver } from './resolvers/raid-log';
export { kpiGadgetResolver } from './resolvers/kpi-gadget';
export { implementationsResolver } from './resolvers/implementations';
export { settingsResolver } from './resolvers/settings';
export { playbookResolver, playbookExport } from './resolvers/playbook';
export { handoverResolver, handoverExport } from './resolvers/handover';

// Workflow validator: blocks a transition while a required gate is not passed.
export { gateValidator } from './resolvers/gate-validator';

// Background functions: provisioning, issue events, daily snapshot and its queue consumer.
export { installTrigger } from './triggers/install';
export { issueEventTrigger } from './triggers/issue-event';
export { snapshotTrigger, snapshotConsumer } from './triggers/snapshot';
export { markerConsumer } from './triggers/markers';
