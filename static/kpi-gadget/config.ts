// The gadget's saved configuration, read from the Forge context (what the edit view submitted).
import { view } from '@forge/bridge';
import { z } from 'zod';
import { GadgetConfig } from '../../src/contracts/kpi-gadget';
import { describeZodError } from '../../src/contracts/result';

const Context = z.object({ extension: z.object({ gadgetConfiguration: z.unknown().optional() }) });

/** The saved configuration ({} = every implementation the user can see, every KPI, today), or why it cannot be used. */
export async function savedConfig(): Promise<
  { ok: true; config: GadgetConfig } | { ok: false; error: string }
> {
  const context = Context.safeParse(await view.getContext());
  const raw = context.success ? (context.data.extension.gadgetConfiguration ?? {}) : {};
  const parsed = GadgetConfig.safeParse(raw);
  if (parsed.success) return { ok: true, config: parsed.data };
  return {
    ok: false,
    error: `The saved configuration cannot be used (${describeZodError(parsed.error, 'configuration')}): edit the gadget to fix it.`,
  };
}
