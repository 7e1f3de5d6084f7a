// The one state every surface shows while Runway's licence for the site is not active: the
// resolvers then answer every call with the licence-inactive answer (src/resolvers/licence.ts)
// and no data. The first such answer switches the whole surface to this state; so does the
// licence Forge puts in the frame's context (`view.getContext().license`), which lets a surface
// that calls no resolver before it is configured (a new gadget) show it too. The context is for
// display only: the resolvers' refusal is what keeps the data out.
import { view } from '@forge/bridge';
import { Box } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import { useSyncExternalStore, type ReactNode } from 'react';
import { LICENCE_INACTIVE_MESSAGE } from '../../src/contracts/licence';

let inactive = false;
const listeners = new Set<() => void>();

/** Called by callResolver when the app says the licence is not active. */
export function reportLicenceInactive(): void {
  if (inactive) return;
  inactive = true;
  listeners.forEach((l) => l());
}

/** Reads the licence of the frame's context; no licence (development) is active. */
export async function checkContextLicence(): Promise<void> {
  try {
    const context: unknown = await view.getContext();
    const license =
      typeof context === 'object' && context !== null && 'license' in context ? context.license : undefined;
    if (typeof license === 'object' && license !== null && 'isActive' in license && license.isActive !== true)
      reportLicenceInactive();
  } catch {
    // No context (outside a host): the resolvers still decide.
  }
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

export function LicenceInactive() {
  return (
    <Box padding="space.200" testId="licence-inactive">
      <SectionMessage appearance="warning" title="Runway is not licensed on this site">
        {LICENCE_INACTIVE_MESSAGE}
      </SectionMessage>
    </Box>
  );
}

/** The surface, or the licence state once the app has said the licence is not active. */
export function LicenceGate({ children }: { children: ReactNode }) {
  const off = useSyncExternalStore(subscribe, () => inactive);
  return off ? <LicenceInactive /> : children;
}
