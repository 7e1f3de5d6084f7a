// A frame is one Custom UI resource shown in a product page for one user. Its token travels in the
// iframe URL (`?frame=…`) and with every bridge call, so the host knows which module, which entry
// point (view or edit/config), which user and which product context (issue, project, page,
// gadget) the call comes from. Tokens are signed (HMAC-SHA256 with a secret of the running host,
// so no other page can forge one: a token names the user the host acts as) and parsed with zod
// on the way back in.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Surface } from './manifest';

export const FrameToken = z.object({
  /** Module key (manifest). */
  m: z.string().min(1),
  /** Entry point: the view, or the gadget edit / macro config view. */
  e: z.enum(['view', 'edit']),
  /** Acting user's accountId. */
  u: z.string().min(1),
  /** localId: one instance of the module (a gadget on a dashboard, a panel on an issue). */
  l: z.string().min(1),
  /** Product context of the instance. */
  c: z
    .object({
      issue: z.object({ id: z.string(), key: z.string(), type: z.string(), typeId: z.string() }).optional(),
      project: z.object({ id: z.string(), key: z.string(), type: z.string() }).optional(),
      content: z.object({ id: z.string(), type: z.string() }).optional(),
      space: z.object({ id: z.string(), key: z.string() }).optional(),
    })
    .default({}),
  /**
   * A modal opened by this module with the bridge's `Modal`: the resource it shows (instead of the
   * module's own) and the `context` the opener passed, which Forge gives the modal as
   * `extension.modal` (modal.ts).
   */
  md: z.object({ resource: z.string().min(1), context: z.unknown() }).optional(),
});
export type FrameToken = z.infer<typeof FrameToken>;
export type FrameContext = FrameToken['c'];

/** A new per-process signing secret (a restarted host invalidates old tokens: reload the page). */
export function newFrameSecret(): Buffer {
  return randomBytes(32);
}

const signature = (body: string, secret: Buffer): Buffer =>
  createHmac('sha256', secret).update(body).digest();

export function encodeFrame(frame: FrameToken, secret: Buffer): string {
  const body = Buffer.from(JSON.stringify(frame), 'utf8').toString('base64url');
  return `${body}.${signature(body, secret).toString('base64url')}`;
}

export function decodeFrame(token: string, secret: Buffer): FrameToken {
  const dot = token.lastIndexOf('.');
  const body = token.slice(0, Math.max(dot, 0));
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = signature(body, secret);
  if (dot < 0 || given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new Error('The frame token is not one the host issued (bad signature): reload the page');
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw new Error('The frame token is not one the host issued (not base64url JSON)');
  }
  const parsed = FrameToken.safeParse(json);
  if (!parsed.success)
    throw new Error(
      `The frame token is not one the host issued: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

/** Where the host keeps what Jira or Confluence would store for an instance (gadget / macro configuration). */
export function configKey(frame: Pick<FrameToken, 'm' | 'l'>): string {
  return `config:${frame.m}:${frame.l}`;
}

/**
 * The `extension` context Forge gives a module of this type, shaped as Jira and Confluence give it
 * (`view.getContext().extension` in the frame, `context.extension` in the resolver).
 */
export function extensionContext(
  surface: Surface,
  frame: FrameToken,
  config: unknown,
): Record<string, unknown> {
  const extension = moduleExtension(surface, frame, config);
  return frame.md ? { ...extension, modal: frame.md.context ?? {} } : extension;
}

function moduleExtension(surface: Surface, frame: FrameToken, config: unknown): Record<string, unknown> {
  const c = frame.c;
  switch (surface.type) {
    case 'jira:issuePanel':
      return { type: surface.type, issue: c.issue, project: c.project, isNewToIssue: false };
    case 'jira:dashboardGadget':
      return {
        type: surface.type,
        gadget: { id: frame.l },
        dashboard: { id: 'local-dashboard' },
        gadgetConfiguration: config ?? {},
        ...(frame.e === 'edit' ? { entryPoint: 'edit' } : {}),
      };
    case 'jira:projectPage':
      return { type: surface.type, project: c.project };
    case 'jira:adminPage':
      return { type: surface.type };
    case 'macro':
      return {
        type: surface.type,
        content: c.content,
        space: c.space,
        config: config ?? {},
        isEditing: frame.e === 'edit',
        ...(frame.e === 'edit' ? { entryPoint: 'config' } : {}),
      };
  }
}
