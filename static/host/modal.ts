// The product side of Forge's Modal (src/local/host/modal.ts checks and signs the request): the
// modal resource in an iframe, in a dialog over the whole page, at Forge's sizes. The rest of the
// page is inert while it is open (focus stays in the dialog: sentinels at its edges send Tab back
// in); Escape and a click on the blanket close it unless the opener said not to; when it closes,
// focus goes back to the opener's frame (which restores its own focused control) and the opener's
// `onClose` gets the payload of `view.close(payload)`.
// https://developer.atlassian.com/platform/forge/apis-reference/ui-api-bridge/modal/

export type ModalSize =
  | 'small'
  | 'medium'
  | 'large'
  | 'xlarge'
  | 'max'
  | 'fullscreen'
  | 'resizable'
  | { width: string; height?: string };

export interface ModalRequest {
  /** The opener's id of this modal: its `onClose` waits under it. */
  id: string;
  src: string;
  size: ModalSize;
  closeOnEscape: boolean;
  closeOnOverlayClick: boolean;
  title: string;
}

interface OpenModal {
  request: ModalRequest;
  opener: HTMLIFrameElement;
  root: HTMLElement;
  frame: HTMLIFrameElement;
  /** What the modal made inert, to give back. */
  inerted: HTMLElement[];
}

/** Forge's sizes (width, height, minimum height); Atlaskit's modal keeps 60 px free above and below. */
const SIZES: Record<string, { width: string; height: string; minHeight?: string }> = {
  small: { width: '400px', height: '20vh', minHeight: '320px' },
  medium: { width: '600px', height: '40vh', minHeight: '520px' },
  large: { width: '800px', height: '70vh', minHeight: '720px' },
  xlarge: { width: '968px', height: '90vh' },
};

const STYLE = `
.runway-modal-blanket { position: fixed; inset: 0; z-index: 510; display: flex; align-items: flex-start;
  justify-content: center; padding: 60px 0; box-sizing: border-box; background: var(--ds-blanket, rgba(9,30,66,.54)); }
.runway-modal { display: flex; flex-direction: column; box-sizing: border-box; overflow: hidden;
  max-width: calc(100vw - 120px); max-height: calc(100vh - 120px); border-radius: var(--ds-border-radius-large, 8px);
  background: var(--ds-surface-overlay, #fff); box-shadow: var(--ds-shadow-overlay, 0 8px 12px rgba(9,30,66,.15)); }
.runway-modal iframe { flex: 1; display: block; width: 100%; height: 100%; border: 0; background: transparent; }
.runway-modal-blanket.runway-modal-full { padding: 0; }
.runway-modal-full .runway-modal { max-width: 100vw; max-height: 100vh; border-radius: 0; }
@media (max-width: 479px) {
  .runway-modal-blanket { padding: 0; }
  .runway-modal { width: 100vw !important; height: 100vh !important; min-height: 0 !important;
    max-width: 100vw; max-height: 100vh; border-radius: 0; }
}
`;

const stack: OpenModal[] = [];

function ensureStyle(): void {
  if (document.getElementById('runway-modal-style')) return;
  const style = document.createElement('style');
  style.id = 'runway-modal-style';
  style.textContent = STYLE;
  document.head.appendChild(style);
}

function applySize(root: HTMLElement, dialog: HTMLElement, size: ModalSize): void {
  const full = size === 'max' || size === 'fullscreen';
  root.classList.toggle('runway-modal-full', full);
  if (full) {
    dialog.style.width = '100vw';
    dialog.style.height = '100vh';
    return;
  }
  // `resizable` has no documented size: it opens as `large`.
  const named = typeof size === 'string' ? (SIZES[size] ?? SIZES.large) : undefined;
  const s = named ?? { width: typeof size === 'string' ? '' : size.width, height: '' };
  if (typeof size !== 'string' && size.height) s.height = size.height;
  dialog.style.width = s.width;
  if (s.height) dialog.style.height = s.height;
  // The minimum height yields to a short window, so the modal's own footer stays on screen.
  if (s.minHeight) dialog.style.minHeight = `min(${s.minHeight}, calc(100vh - 120px))`;
}

const post = (frame: HTMLIFrameElement, message: Record<string, unknown>) =>
  frame.contentWindow?.postMessage({ runway: true, ...message }, location.origin);

/** Opens the modal `opener` asked for. */
export function openModal(opener: HTMLIFrameElement, request: ModalRequest, colorMode: string): void {
  ensureStyle();
  const root = document.createElement('div');
  root.className = 'runway-modal-blanket';
  root.setAttribute('data-testid', 'modal-blanket');
  const dialog = document.createElement('div');
  dialog.className = 'runway-modal';
  dialog.setAttribute('role', 'dialog');
  dialog.setAttribute('aria-modal', 'true');
  dialog.setAttribute('aria-label', request.title || 'Dialog');
  const frame = document.createElement('iframe');
  frame.setAttribute('data-runway-frame', '');
  frame.setAttribute('data-runway-modal', request.id);
  frame.setAttribute('data-testid', 'modal-frame');
  frame.title = request.title || 'Dialog';
  const src = new URL(request.src, location.origin);
  src.searchParams.set('theme', colorMode);
  frame.src = src.toString();
  const sentinel = (edge: 'first' | 'last') => {
    const s = document.createElement('div');
    s.tabIndex = 0;
    s.addEventListener('focus', () => {
      frame.focus();
      post(frame, { type: 'focusEdge', edge });
    });
    return s;
  };
  dialog.append(sentinel('last'), frame, sentinel('first'));
  root.appendChild(dialog);
  applySize(root, dialog, request.size);
  root.addEventListener('mousedown', (e) => {
    if (e.target !== root) return;
    // The press would move focus to the page's body, away from the opener it goes back to.
    e.preventDefault();
    if (request.closeOnOverlayClick) closeModal(frame, undefined);
  });
  frame.addEventListener('load', () => {
    // The resource's own title names the dialog when the opener gave none.
    const title = frame.contentDocument?.title;
    if (!request.title && title) {
      dialog.setAttribute('aria-label', title);
      frame.title = title;
    }
    frame.focus();
  });
  const inerted = Array.from(document.body.children).filter(
    (el): el is HTMLElement => el instanceof HTMLElement && !el.inert,
  );
  inerted.forEach((el) => {
    el.inert = true;
  });
  document.body.appendChild(root);
  stack.push({ request, opener, root, frame, inerted });
  frame.focus();
}

export function isModalFrame(frame: HTMLIFrameElement): boolean {
  return stack.some((m) => m.frame === frame);
}

/** Closes the modal shown in `frame` (its `view.close(payload)`, Escape or the blanket). */
export function closeModal(frame: HTMLIFrameElement, payload: unknown): void {
  const index = stack.findIndex((m) => m.frame === frame);
  if (index < 0) return;
  const [modal] = stack.splice(index, 1);
  modal.root.remove();
  modal.inerted.forEach((el) => {
    el.inert = false;
  });
  modal.opener.focus();
  post(modal.opener, { type: 'modalClosed', id: modal.request.id, payload });
}

/** Escape pressed in a frame (forwarded by its bridge) or on the page: closes the top modal if it allows. */
export function escapePressed(): void {
  const top = stack[stack.length - 1];
  if (top?.request.closeOnEscape) closeModal(top.frame, undefined);
}
