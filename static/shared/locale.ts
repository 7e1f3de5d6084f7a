// The user's locale and time zone from the frame's Forge context, for every date a surface shows
// (./dates.ts). Outside a host (no context) the fallback, en-US in UTC, applies.
import { view } from '@forge/bridge';
import { setDateLocale } from './dates';

export async function loadContextLocale(): Promise<void> {
  try {
    const context: unknown = await view.getContext();
    if (typeof context !== 'object' || context === null) return;
    setDateLocale(
      'locale' in context ? context.locale : undefined,
      'timezone' in context ? context.timezone : undefined,
    );
  } catch {
    // No context: the fallback stays.
  }
}
