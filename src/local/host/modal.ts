// Forge's Modal: `new Modal({ resource, size, context, onClose }).open()` from @forge/bridge makes
// the product open a Custom UI resource of the same app in a dialog over the whole page. The modal
// is a frame of the opener's module (same user, product context and resolver) showing `resource`
// (default: the opener's own), and `view.getContext()` gives it the opener's `context` as
// `extension.modal`. `view.close(payload)` inside it closes it and hands `payload` to `onClose`.
// This side checks the request and signs the modal's frame; static/host/modal.ts draws the dialog.
// https://developer.atlassian.com/platform/forge/apis-reference/ui-api-bridge/modal/
import { z } from 'zod';
import type { FrameToken } from './frames';
import type { Surface } from './manifest';

/** Forge's named sizes; a `{ width, height? }` of CSS lengths is also accepted. */
export const MODAL_SIZES = ['small', 'medium', 'large', 'xlarge', 'max', 'fullscreen', 'resizable'] as const;

/** What the bridge's Modal sends (`onClose` stays in the opener's frame: a function does not travel). */
export const OpenModalPayload = z.object({
  resource: z.string().min(1).nullable().default(null),
  size: z
    .union([
      z.enum(MODAL_SIZES),
      z.object({ width: z.string().min(1), height: z.string().min(1).optional() }),
    ])
    .default('medium'),
  context: z.unknown().optional(),
  closeOnEscape: z.boolean().default(true),
  closeOnOverlayClick: z.boolean().default(true),
  title: z.string().default(''),
});

export interface OpenedModal {
  /** The modal iframe's address (the opener adds its theme). */
  src: string;
  size: z.infer<typeof OpenModalPayload>['size'];
  closeOnEscape: boolean;
  closeOnOverlayClick: boolean;
  title: string;
}

/**
 * The modal a frame asks for. Forge opens only a resource the app's manifest declares (the bridge
 * answers "Unable to open modal." otherwise), so the host refuses any other, naming it.
 */
export function openModal(
  opener: FrameToken,
  payload: unknown,
  app: { surface: Surface; resources: ReadonlyMap<string, string>; sign: (frame: FrameToken) => string },
): OpenedModal {
  const parsed = OpenModalPayload.safeParse(payload ?? {});
  if (!parsed.success)
    throw new Error(
      `Unable to open modal: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`).join('; ')}`,
    );
  const options = parsed.data;
  const own = opener.md?.resource ?? (opener.e === 'edit' ? app.surface.editResource : undefined);
  const resource = options.resource ?? own ?? app.surface.resource;
  if (!app.resources.has(resource))
    throw new Error(
      `Unable to open modal: manifest.yml declares no resource "${resource}" (a Modal opens a resource of this app)`,
    );
  const frame: FrameToken = { ...opener, md: { resource, context: options.context ?? {} } };
  const query = new URLSearchParams({ frame: app.sign(frame) });
  return {
    src: `/app/${encodeURIComponent(resource)}/index.html?${query.toString()}`,
    size: options.size,
    closeOnEscape: options.closeOnEscape,
    closeOnOverlayClick: options.closeOnOverlayClick,
    title: options.title,
  };
}
