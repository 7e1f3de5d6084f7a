// Typed calls of the Status report macro's resolver (src/contracts/status.ts).
import {
  GetStatusPayload,
  GetWeeklyPayload,
  PublishStatusPayload,
  STATUS_KEYS,
  StopWeeklyPayload,
  WeeklyPublished,
  WeeklySchedules,
} from '../../src/contracts/status';
import {
  DocumentAnswer,
  ImplementationOptions,
  Published,
  SearchImplementationsPayload,
} from '../../src/contracts/playbook';
import { callResolver } from '../shared/invoke';

export const statusReport = {
  searchImplementations: (query: string) =>
    callResolver(STATUS_KEYS.searchImplementations, SearchImplementationsPayload, ImplementationOptions, {
      query,
    }),
  getDocument: (payload: GetStatusPayload = {}) =>
    callResolver(STATUS_KEYS.getDocument, GetStatusPayload, DocumentAnswer, payload),
  publish: (payload: GetStatusPayload = {}) =>
    callResolver(STATUS_KEYS.publish, PublishStatusPayload, Published, payload),
  publishWeekly: (payload: GetStatusPayload = {}) =>
    callResolver(STATUS_KEYS.publishWeekly, PublishStatusPayload, WeeklyPublished, payload),
  getWeekly: () => callResolver(STATUS_KEYS.getWeekly, GetWeeklyPayload, WeeklySchedules, {}),
  stopWeekly: (payload: StopWeeklyPayload) =>
    callResolver(STATUS_KEYS.stopWeekly, StopWeeklyPayload, WeeklySchedules, payload),
};
