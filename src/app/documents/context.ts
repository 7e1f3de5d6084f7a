// What Forge tells a document macro: the site, and the page, space and saved configuration of the
// macro, parsed (never trusted), for the resolver and for the adfExport function alike.
import { z } from 'zod';
import { exportedMacro } from './macro-export';
import { describeZodError } from '../../contracts/result';
import type { IsoDate } from '../../domain';
import { todayUtc } from '../ports';
import type { DocumentIo } from './io';

const MacroContext = z.object({
  siteUrl: z.string().optional(),
  /** The user who opened the macro (Forge's resolver context). */
  accountId: z.string().optional(),
  extension: z
    .object({
      config: z.unknown().optional(),
      content: z
        .object({ id: z.string().min(1) })
        .partial()
        .optional(),
      space: z
        .object({ id: z.string().min(1), key: z.string().min(1) })
        .partial()
        .optional(),
    })
    .optional(),
});
export type MacroContext = z.infer<typeof MacroContext>;

export function macroContext(raw: unknown): MacroContext {
  const parsed = MacroContext.safeParse(raw ?? {});
  return parsed.success ? parsed.data : {};
}

/**
 * The saved configuration. Forge keeps what the config view submits as `{ config }`; a host that
 * stores the whole submitted payload hands back `{ config: {...} }`, which is read the same way.
 */
export function savedConfig<S extends z.ZodType>(
  ctx: MacroContext,
  schema: S,
): z.infer<S> | { error: string } {
  let raw = ctx.extension?.config ?? {};
  if (
    typeof raw === 'object' &&
    raw !== null &&
    'config' in raw &&
    typeof raw.config === 'object' &&
    raw.config !== null
  )
    raw = raw.config;
  const parsed = schema.safeParse(raw);
  return parsed.success
    ? parsed.data
    : {
        error: `The macro's saved settings are not valid (${describeZodError(parsed.error, 'config')}); open its settings and save them again.`,
      };
}

export const siteOf = (ctx: MacroContext): string => (ctx.siteUrl ?? '').replace(/\/+$/, '');
export const todayOf = (io: DocumentIo): IsoDate => todayUtc(io.now());

export function exportContext(event: unknown): MacroContext {
  return macroContext(exportedMacro(event));
}
