/**
 * Numbers of the config, each with bounds and a message naming them: an unbounded number (a
 * tolerance of 1e9 days) parses but breaks every date sum downstream, so it is refused at the
 * door with the key named. Use these for every number a config key holds.
 */
import { z } from 'zod';

/** A whole number from `min` to `max`; `what` says what it counts ("days"). */
export function boundedInt(min: number, max: number, what: string) {
  const message = `expected a whole number of ${what} from ${min} to ${max}`;
  return z
    .number({ error: message })
    .int({ error: message })
    .min(min, { error: message })
    .max(max, { error: message });
}

/** A finite number from `min` to `max`. */
export function boundedNumber(min: number, max: number, what: string) {
  const message = `expected ${what}: a number from ${min} to ${max}`;
  return z.number({ error: message }).min(min, { error: message }).max(max, { error: message });
}

/** A KPI target or threshold value: rates, ratios, days and counts all fit well inside this. */
export const TargetNumberSchema = boundedNumber(-1_000_000, 1_000_000, 'a target value');
