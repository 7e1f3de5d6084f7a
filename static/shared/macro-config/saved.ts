// The macro's saved settings as the config view finds them (view.getContext().extension.config),
// parsed with the macro's contract; Forge keeps what `view.submit({ config })` sent.
import { view } from '@forge/bridge';
import { z } from 'zod';

export async function savedConfig<S extends z.ZodType>(schema: S): Promise<z.infer<S> | undefined> {
  try {
    const context = z
      .object({ extension: z.object({ config: z.unknown().optional() }) })
      .safeParse(await view.getContext());
    let raw: unknown = context.success ? context.data.extension.config : undefined;
    if (typeof raw === 'object' && raw !== null && 'config' in raw && typeof raw.config === 'object')
      raw = raw.config;
    const parsed = schema.safeParse(raw ?? {});
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Saves the settings and closes the config view (the macro then renders with them). */
export async function saveConfig(config: Record<string, unknown>): Promise<string | null> {
  try {
    await view.submit({ config });
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
