// The Status report macro (Confluence `macro` runway-status, its config view and its adfExport):
// resolver keys, payloads and answers. The document shape is the playbook's.
import { z } from 'zod';
import { isoDate } from './dates';
import { issueKey } from './playbook';

export const STATUS_KEYS = {
  searchImplementations: 'searchImplementations',
  getDocument: 'getDocument',
  publish: 'publish',
  publishWeekly: 'publishWeekly',
} as const;

/** The periods the settings offer: the report covers the last N days, today included. */
export const STATUS_PERIODS = [7, 14, 28] as const;
export const DEFAULT_STATUS_PERIOD = 7;
export const statusPeriod = z
  .number()
  .int()
  .refine((n) => (STATUS_PERIODS as readonly number[]).includes(n), {
    message: `the period is ${STATUS_PERIODS.join(', ')} days`,
  });

/** What the Status report config view saves (`view.submit({ config })`). */
export const StatusMacroConfig = z.object({
  implementationKey: issueKey.optional(),
  periodDays: statusPeriod.optional(),
});
export type StatusMacroConfig = z.infer<typeof StatusMacroConfig>;

/** Without implementationKey or periodDays, the macro's saved configuration is used. */
export const GetStatusPayload = z.strictObject({
  implementationKey: issueKey.optional(),
  periodDays: statusPeriod.optional(),
  asOf: isoDate.optional(),
});
export type GetStatusPayload = z.input<typeof GetStatusPayload>;

export const PublishStatusPayload = GetStatusPayload;
export type PublishStatusPayload = z.input<typeof PublishStatusPayload>;

/** Publish weekly: the week published now, and its page. */
export const WeeklyPublished = z.object({ week: z.string(), title: z.string(), url: z.string() });
export type WeeklyPublished = z.infer<typeof WeeklyPublished>;
