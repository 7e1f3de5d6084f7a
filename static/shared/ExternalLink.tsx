// A link that opens through the Forge router: a surface's iframe never navigates itself. A plain
// anchor, so it is reachable and operable from the keyboard.
import { router } from '@forge/bridge';
import type { MouseEvent, ReactNode } from 'react';

export function ExternalLink({
  url,
  children,
  testId,
}: {
  url: string;
  children: ReactNode;
  testId?: string;
}) {
  const open = (e: MouseEvent) => {
    e.preventDefault();
    void router.open(url).catch(() => undefined);
  };
  return (
    <a href={url} onClick={open} rel="noopener noreferrer" data-testid={testId}>
      {children}
    </a>
  );
}
