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
  getWeekly: 'getWeekly',
  stopWeekly: 'stopWeekly',
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

/** The weekly schedules of the macro's page: what the macro shows, and whether the reader may stop each. */
export const WeeklySchedule = z.object({
  implementationKey: z.string(),
  state: z.enum(['on', 'paused', 'stopped']),
  /** Who set it up (their name as Jira shows it to the reader), and the day. */
  setUpBy: z.string(),
  since: z.string(),
  lastPage: z
    .object({
      week: z.string(),
      title: z.string(),
      url: z.string().nullable(),
      publishedOn: z.string().nullable(),
    })
    .nullable(),
  /** The next page: its week and the first day the daily run publishes it; null once stopped. */
  next: z.object({ week: z.string(), from: z.string() }).nullable(),
  paused: z.object({ reason: z.string(), at: z.string() }).nullable(),
  stopped: z.object({ by: z.string(), at: z.string() }).nullable(),
  canStop: z.boolean(),
});
export type WeeklySchedule = z.infer<typeof WeeklySchedule>;
export const WeeklySchedules = z.object({ schedules: z.array(WeeklySchedule) });
export type WeeklySchedules = z.infer<typeof WeeklySchedules>;

export const GetWeeklyPayload = z.strictObject({});
export const StopWeeklyPayload = z.strictObject({ implementationKey: issueKey });
export type StopWeeklyPayload = z.infer<typeof StopWeeklyPayload>;
