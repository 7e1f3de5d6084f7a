// Every function handler that manifest.yml names (`handler: index.<export>`), and nothing
// else: Forge loads this file, the local host (`runway serve`) loads it too.
// test/forge/wiring.test.ts checks that each manifest handler is an exported function here.
// Each is wrapped with the licence check (resolvers/licence.ts): Runway is a paid app.
import * as gates from './resolvers/gate-validator';
import * as handover from './resolvers/handover';
import * as status from './resolvers/status';
import * as implementations from './resolvers/implementations';
import * as kpiGadget from './resolvers/kpi-gadget';
import { licensedBackground, licensedExport, licensedResolver, licensedValidator } from './resolvers/licence';
import * as playbook from './resolvers/playbook';
import * as raidLog from './resolvers/raid-log';
import * as settings from './resolvers/settings';
import * as stageGates from './resolvers/stage-gates';
import * as install from './triggers/install';
import * as issueEvent from './triggers/issue-event';
import * as snapshot from './triggers/snapshot';
import * as statusWeekly from './triggers/status-weekly';
import * as alerts from './triggers/alerts';
import * as markers from './triggers/markers';
import * as privacy from './triggers/privacy';
import * as provisioning from './triggers/provisioning';

// Custom UI resolvers, one per surface (macro config views share their macro's resolver).
export const stageGatesResolver = licensedResolver(stageGates.stageGatesResolver);
export const raidLogResolver = licensedResolver(raidLog.raidLogResolver);
export const kpiGadgetResolver = licensedResolver(kpiGadget.kpiGadgetResolver);
export const implementationsResolver = licensedResolver(implementations.implementationsResolver);
export const settingsResolver = licensedResolver(settings.settingsResolver);
export const playbookResolver = licensedResolver(playbook.playbookResolver);
export const handoverResolver = licensedResolver(handover.handoverResolver);
export const statusResolver = licensedResolver(status.statusResolver);

// PDF and Word export of the macros.
export const playbookExport = licensedExport(playbook.playbookExport);
export const handoverExport = licensedExport(handover.handoverExport);
export const statusExport = licensedExport(status.statusExport);

// Workflow validator: blocks a transition while a required gate is not passed.
export const gateValidator = licensedValidator(gates.gateValidator);

// Background functions: provisioning, issue events, daily snapshot and its queue consumer.
export const installTrigger = licensedBackground('install', install.installTrigger);
export const issueEventTrigger = licensedBackground('issue-event', issueEvent.issueEventTrigger);
export const snapshotTrigger = licensedBackground('daily-snapshot', snapshot.snapshotTrigger);
export const snapshotConsumer = licensedBackground('kpi-snapshots', snapshot.snapshotConsumer);
// Daily alerts: one digest per recipient through Jira's notify API (shared/spec/alerts.md).
export const alertsTrigger = licensedBackground('daily-alerts', alerts.alertsTrigger);
// Re-marks implementations (the runway-implementation issue property) after the settings change.
export const markerConsumer = licensedBackground('implementation-markers', markers.markerConsumer);
// Provisioning runs queued by the Settings page and the install trigger (too long for 25 s).
export const provisioningConsumer = licensedBackground('provisioning', provisioning.provisioningConsumer);
export const statusWeeklyTrigger = licensedBackground('weekly-status', statusWeekly.statusWeeklyTrigger);
// Weekly personal data report: account ids reported, closed accounts anonymised (README "Privacy").
// Not behind the licence: the data is stored whether or not the licence is active, and the duty to
// report and erase it stays.
export const privacyTrigger = privacy.privacyTrigger;
