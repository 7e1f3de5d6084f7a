// The portfolio KPI use cases: the gadget's numbers (./gadget), the background snapshot jobs
// (./snapshot-jobs) and the scope engine both share (./scope), with Forge's wiring (./forge).
export { checkGadgetConfig, getPortfolioKpis, listProjects, type GadgetDeps } from './gadget';
export { dailySnapshotDeps, gadgetDepsFor, snapshotJobDeps } from './forge';
export { pushSnapshotJob, SnapshotJobEvent, SNAPSHOT_QUEUE } from './queue';
export { recordJobFailure, runDailySnapshots, runSnapshotJob, type JobDeps } from './snapshot-jobs';
export { makeScope, type Scope } from './scope';
