// The Handover packet macro (Confluence `macro` runway-handover, its config view and its
// adfExport): resolver keys, payloads and answers. The document shape is the playbook's.
import { z } from 'zod';
import { isoDate } from './dates';
import { issueKey } from './playbook';

export const HANDOVER_KEYS = {
  searchImplementations: 'searchImplementations',
  getDocument: 'getDocument',
  publish: 'publish',
} as const;

/** What the Handover config view saves (`view.submit({ config })`). */
export const HandoverMacroConfig = z.object({ implementationKey: issueKey.optional() });
export type HandoverMacroConfig = z.infer<typeof HandoverMacroConfig>;

/** Without implementationKey, the macro's saved configuration is used. */
export const GetHandoverPayload = z.strictObject({
  implementationKey: issueKey.optional(),
  asOf: isoDate.optional(),
});
export type GetHandoverPayload = z.input<typeof GetHandoverPayload>;

export const PublishHandoverPayload = GetHandoverPayload;
export type PublishHandoverPayload = z.input<typeof PublishHandoverPayload>;
