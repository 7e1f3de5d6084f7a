// Which status report a macro asks for: the payload's implementation and period, else the macro's
// saved settings; the period is the last N days up to asOf (both included).
import { DEFAULT_STATUS_PERIOD, StatusMacroConfig } from '../../contracts/status';
import { addDays } from '../../domain/dates';
import { STATUS_ID } from '../../domain/status';
import { savedConfig, todayOf, type MacroContext } from './context';
import type { DocumentIo } from './io';
import type { DocumentRequest } from './render';

export function statusRequest(
  payload: { implementationKey?: string; periodDays?: number; asOf?: string },
  ctx: MacroContext,
  io: DocumentIo,
): DocumentRequest | { error: string } {
  const saved = savedConfig(ctx, StatusMacroConfig);
  if ('error' in saved) return saved;
  const implementationKey = payload.implementationKey ?? saved.implementationKey;
  if (implementationKey === undefined) return { error: 'Choose an implementation in the macro’s settings.' };
  const asOf = payload.asOf ?? todayOf(io);
  const days = payload.periodDays ?? saved.periodDays ?? DEFAULT_STATUS_PERIOD;
  return { templateId: STATUS_ID, implementationKey, asOf, since: addDays(asOf, -(days - 1)) };
}
