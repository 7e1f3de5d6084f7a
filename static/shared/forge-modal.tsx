// The inside of a Forge Modal (a resource opened with `new Modal({ resource, context, onClose })`
// from @forge/bridge, over the whole product page): its context, its layout and its Escape.
// The product draws only the dialog's box; the resource fills it: a title, a body that scrolls and
// a footer that stays in view, however short the window.
// https://developer.atlassian.com/platform/forge/apis-reference/ui-api-bridge/modal/
import Heading from '@atlaskit/heading';
import { Box, Inline, xcss } from '@atlaskit/primitives';
import { view } from '@forge/bridge';
import { useEffect, useRef, type ReactNode } from 'react';
import type { z } from 'zod';
import { escapeClaimed } from './escape';

/** The `context` the opener gave the Modal (`extension.modal` of the context), parsed. */
export async function modalContext<S extends z.ZodType>(schema: S): Promise<z.infer<S>> {
  const context: unknown = await view.getContext();
  const extension =
    typeof context === 'object' && context !== null && 'extension' in context ? context.extension : undefined;
  const modal =
    typeof extension === 'object' && extension !== null && 'modal' in extension ? extension.modal : undefined;
  const parsed = schema.safeParse(modal);
  if (!parsed.success)
    throw new Error('This dialog was opened without what it needs: close it and open it again.');
  return parsed.data;
}

const frame = xcss({
  height: '100vh',
  display: 'flex',
  flexDirection: 'column',
  backgroundColor: 'elevation.surface.overlay',
});
const body = xcss({ flexGrow: 1, overflowY: 'auto', paddingInline: 'space.300', paddingBlock: 'space.050' });
const edge = xcss({ paddingInline: 'space.300', paddingBlock: 'space.300', flexShrink: 0 });

/** Title, scrolling body and footer, filling the modal. */
export function ModalLayout({
  title,
  footer,
  children,
  testId,
}: {
  title: string;
  footer: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Box xcss={frame} testId={testId}>
      <Box xcss={edge}>
        <Heading size="medium" as="h1">
          {title}
        </Heading>
      </Box>
      <Box xcss={body}>{children}</Box>
      <Box xcss={edge}>
        <Inline space="space.100" alignInline="end">
          {footer}
        </Inline>
      </Box>
    </Box>
  );
}

/**
 * Escape closes the dialog, unless `isDisabled` (work under way) or something inside claimed it: an
 * open menu or popup (aria-expanded, read before that menu closes itself on this very key).
 */
export function useCloseOnEscape(onEscape: () => void, isDisabled: boolean): void {
  const latest = useRef({ onEscape, isDisabled });
  latest.current = { onEscape, isDisabled };
  useEffect(() => {
    let claimed = false;
    const capture = (e: KeyboardEvent) => {
      if (e.key === 'Escape') claimed = escapeClaimed(e.target);
    };
    const bubble = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || claimed || latest.current.isDisabled) return;
      latest.current.onEscape();
    };
    window.addEventListener('keydown', capture, true);
    window.addEventListener('keydown', bubble);
    return () => {
      window.removeEventListener('keydown', capture, true);
      window.removeEventListener('keydown', bubble);
    };
  }, []);
}

/** Closes the modal, handing `payload` to the opener's `onClose`. */
export function closeModal(payload?: unknown): void {
  void view.close(payload).catch(() => undefined);
}
