// The one answer every resolver gives while Runway's licence for the site is not active, and how a
// view recognises it (static/shared/licence.tsx shows one state for it, on every surface).
import { z } from 'zod';

export const LICENCE_INACTIVE_MESSAGE = "Runway's licence for this site is not active: ask a site admin.";

export const LicenceInactiveAnswer = z.object({
  ok: z.literal(false),
  error: z.string(),
  licence: z.literal('inactive'),
});
export type LicenceInactiveAnswer = z.infer<typeof LicenceInactiveAnswer>;

export const licenceInactiveAnswer = (): LicenceInactiveAnswer => ({
  ok: false,
  error: LICENCE_INACTIVE_MESSAGE,
  licence: 'inactive',
});

export function isLicenceInactive(answer: unknown): answer is LicenceInactiveAnswer {
  return LicenceInactiveAnswer.safeParse(answer).success;
}
