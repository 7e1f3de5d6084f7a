// The local Forge host's browser side, one script with two roles:
// - inside an app iframe, `globalThis.__bridge.callBridge(name, payload)`: what @forge/bridge calls
//   for invoke, getContext, requestJira/requestConfluence, submit/close, router, theme, events…
//   Calls that need the app or the site go to the host over HTTP (`POST /__host/bridge`), with the
//   frame token the host put in the iframe URL; the rest is handled here or by the parent page;
// - in the product page around the iframes ("chrome"): the user switcher, the light/dark switch
//   (passed on to every frame, so `view.theme.enable()` surfaces follow it), iframe heights,
//   navigation, flags and gadget edit/view switching asked for by the frames.
// - Forge's Modal: a frame's `new Modal(…).open()` becomes a dialog over the page (./modal.ts).
// Nothing here renders HTML from data: text goes in through textContent only.
import { closeModal, escapePressed, isModalFrame, openModal, type ModalRequest } from './modal';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type ColorMode = 'light' | 'dark';

interface HostMessage {
  runway: true;
  type:
    | 'resize'
    | 'submit'
    | 'close'
    | 'navigate'
    | 'flag'
    | 'title'
    | 'theme'
    | 'refresh'
    | 'openModal'
    | 'modalClosed'
    | 'escape'
    | 'focusEdge';
  [key: string]: unknown;
}

const MESSAGE_TAG = 'runway';

function isHostMessage(data: unknown): data is HostMessage {
  return typeof data === 'object' && data !== null && (data as Record<string, unknown>)[MESSAGE_TAG] === true;
}

class BridgeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BridgeAPIError';
  }
}

// ---- theme ----------------------------------------------------------------------------------

const THEME_ATTRS = 'dark:dark light:light motion:motion shape:shape spacing:spacing typography:typography';

function applyTheme(mode: ColorMode): void {
  const html = document.documentElement;
  html.setAttribute('data-theme', THEME_ATTRS);
  html.setAttribute('data-color-mode', mode);
  if (!document.getElementById('runway-tokens')) {
    const link = document.createElement('link');
    link.id = 'runway-tokens';
    link.rel = 'stylesheet';
    link.href = '/__host/tokens.css';
    document.head.appendChild(link);
  }
}

// ---- app frame: the bridge ----------------------------------------------------------------------

interface MemoryLocation {
  pathname: string;
  search: string;
  hash: string;
  state: unknown;
  key: string;
}

function createMemoryHistory() {
  const entries: MemoryLocation[] = [
    { pathname: '/', search: '', hash: '', state: undefined, key: 'default' },
  ];
  let index = 0;
  const listeners = new Set<(location: MemoryLocation, action: string) => void>();
  const toLocation = (to: string | Partial<MemoryLocation>, state?: unknown): MemoryLocation => {
    if (typeof to !== 'string')
      return {
        pathname: '/',
        search: '',
        hash: '',
        key: Math.random().toString(36).slice(2),
        ...to,
        state: to.state ?? state,
      };
    const url = new URL(to, 'http://frame.local/');
    return {
      pathname: url.pathname,
      search: url.search,
      hash: url.hash,
      state,
      key: Math.random().toString(36).slice(2),
    };
  };
  const notify = (action: string) => listeners.forEach((l) => l(history.location, action));
  const history = {
    get location() {
      return entries[index];
    },
    set location(_: MemoryLocation) {
      // @forge/bridge assigns the location it was told about; ours is already current.
    },
    get length() {
      return entries.length;
    },
    action: 'POP',
    push(to: string | Partial<MemoryLocation>, state?: unknown) {
      entries.splice(index + 1, entries.length, toLocation(to, state));
      index = entries.length - 1;
      notify('PUSH');
    },
    replace(to: string | Partial<MemoryLocation>, state?: unknown) {
      entries[index] = toLocation(to, state);
      notify('REPLACE');
    },
    go(n: number) {
      index = Math.min(entries.length - 1, Math.max(0, index + n));
      notify('POP');
    },
    back() {
      history.go(-1);
    },
    forward() {
      history.go(1);
    },
    listen(listener: (location: MemoryLocation, action: string) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return history;
}

function installBridge(frame: string): void {
  let colorMode: ColorMode = new URLSearchParams(location.search).get('theme') === 'dark' ? 'dark' : 'light';
  let themingEnabled = false;
  const toParent = (message: Omit<HostMessage, 'runway'>) =>
    window.parent.postMessage({ runway: true, ...message }, location.origin);
  const events = new BroadcastChannel('runway-events');
  const subscriptions = new Map<string, Set<(payload: unknown) => unknown>>();
  events.onmessage = (e: MessageEvent) => {
    const data = e.data as { event?: string; payload?: unknown };
    if (typeof data.event === 'string') subscriptions.get(data.event)?.forEach((cb) => cb(data.payload));
  };
  /** `onClose` of each modal this frame opened, until the product says it closed. */
  const modalClosers = new Map<string, (payload: unknown) => unknown>();

  const host = async (call: string, payload: unknown): Promise<Json> => {
    const response = await fetch('/__host/bridge', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ frame, call, payload: payload ?? null }),
    });
    const answer = (await response.json()) as { ok: boolean; result?: Json; error?: string };
    if (!answer.ok) throw new BridgeError(answer.error ?? `The host could not answer ${call}`);
    return answer.result ?? null;
  };

  const callBridge = async (name: string, payload?: unknown): Promise<unknown> => {
    switch (name) {
      case 'invoke':
      case 'fetchProduct':
      case 'getUrl':
        return host(name, payload);
      case 'getContext': {
        const context = (await host('getContext', null)) as Record<string, Json>;
        return { ...context, theme: { colorMode } };
      }
      case 'submit':
        await host('submit', payload);
        toParent({ type: 'submit' });
        return true;
      case 'close':
        // A modal hands its payload to the opener's onClose; an edit/config view goes back to its view.
        toParent({ type: 'close', payload: payload ?? null });
        return true;
      case 'openModal': {
        const { onClose, ...options } = (payload ?? {}) as { onClose?: unknown };
        const opened = (await host('openModal', options)) as Omit<ModalRequest, 'id'>;
        const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
        if (typeof onClose === 'function')
          modalClosers.set(id, (p) => (onClose as (p: unknown) => unknown)(p));
        toParent({ type: 'openModal', modal: { ...opened, id }, colorMode });
        return true;
      }
      case 'navigate':
        toParent({ type: 'navigate', location: payload });
        return undefined;
      case 'reload':
        location.reload();
        return undefined;
      case 'refresh':
        location.reload();
        return true;
      case 'enableTheming':
        themingEnabled = true;
        applyTheme(colorMode);
        return undefined;
      case 'createHistory':
        return createMemoryHistory();
      case 'emit':
      case 'emitPublic': {
        const { event, payload: eventPayload } = payload as { event: string; payload: unknown };
        events.postMessage({ event, payload: eventPayload });
        return undefined;
      }
      case 'on':
      case 'onPublic': {
        const { event, callback } = payload as { event: string; callback: (p: unknown) => unknown };
        const set = subscriptions.get(event) ?? new Set();
        set.add(callback);
        subscriptions.set(event, set);
        return { unsubscribe: () => set.delete(callback) };
      }
      case 'showFlag':
      case 'closeFlag':
        toParent({ type: 'flag', call: name, flag: payload });
        return undefined;
      case 'changeWindowTitle':
        toParent({ type: 'title', title: String(payload) });
        return undefined;
      case 'getFrameId':
        return host('getFrameId', null);
      case 'open':
        return false;
      case 'isRovoEnabled':
        return false;
      case 'getCookieConsentPreferences':
        return null;
      case 'emitReadyEvent':
      case 'emitFrontendCustomMetric':
      case 'trackObjectStoreAction':
      case 'initFeatureFlags':
        return undefined;
      default:
        throw new BridgeError(`The local Forge host does not support the bridge call "${name}"`);
    }
  };

  (globalThis as unknown as { __bridge: { callBridge: typeof callBridge } }).__bridge = { callBridge };

  window.addEventListener('message', (e: MessageEvent) => {
    if (e.origin !== location.origin || e.source !== window.parent || !isHostMessage(e.data)) return;
    if (e.data.type === 'theme' && (e.data.colorMode === 'light' || e.data.colorMode === 'dark')) {
      colorMode = e.data.colorMode;
      if (themingEnabled) applyTheme(colorMode);
    }
    if (e.data.type === 'modalClosed' && typeof e.data.id === 'string') {
      const onClose = modalClosers.get(e.data.id);
      modalClosers.delete(e.data.id);
      void Promise.resolve()
        .then(() => onClose?.(e.data.payload ?? undefined))
        .catch((error: unknown) => console.error('onClose of a modal failed', error));
    }
    if (e.data.type === 'focusEdge') focusEdge(e.data.edge === 'last' ? 'last' : 'first');
  });

  // Escape that nothing in the frame claimed goes to the product (it closes a modal that allows it).
  // An open menu or popup (aria-expanded) claims it; so does a handler that prevents the default,
  // unless that is a closed select (react-select prevents the default of every Escape).
  let claimed = false;
  window.addEventListener(
    'keydown',
    (e) => {
      if (e.key === 'Escape')
        claimed = e.target instanceof Element && e.target.closest('[aria-expanded="true"]') !== null;
    },
    true,
  );
  window.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape' || claimed) return;
    const combobox = e.target instanceof Element && e.target.getAttribute('role') === 'combobox';
    if (!e.defaultPrevented || combobox) toParent({ type: 'escape' });
  });

  // The product sizes the iframe to its content, as Forge does for Custom UI.
  const reportHeight = () => {
    const bottom = Array.from(document.body?.children ?? []).reduce(
      (max, el) => Math.max(max, el.getBoundingClientRect().bottom),
      0,
    );
    toParent({ type: 'resize', height: Math.ceil(bottom + window.scrollY) });
  };
  const start = () => {
    new ResizeObserver(reportHeight).observe(document.body);
    new MutationObserver(reportHeight).observe(document.body, {
      childList: true,
      subtree: true,
      attributes: true,
    });
    reportHeight();
  };
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start);
}

const TABBABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Tab went past an edge of a modal: focus wraps to the first or last control inside it. */
function focusEdge(edge: 'first' | 'last'): void {
  const all = Array.from(document.querySelectorAll<HTMLElement>(TABBABLE)).filter(
    (el) => el.tabIndex >= 0 && el.getClientRects().length > 0 && !el.closest('[inert]'),
  );
  (edge === 'first' ? all[0] : all[all.length - 1])?.focus();
}

// ---- product page: the chrome ---------------------------------------------------------------------

function startChrome(): void {
  const frames = () => Array.from(document.querySelectorAll<HTMLIFrameElement>('iframe[data-runway-frame]'));
  const setMode = (mode: ColorMode) => {
    applyTheme(mode);
    document.cookie = `runway_theme=${mode}; path=/; SameSite=Lax`;
    // The cookie now carries the choice; a stale ?theme= in the address must not override it.
    const url = new URL(location.href);
    if (url.searchParams.has('theme')) {
      url.searchParams.delete('theme');
      history.replaceState(history.state, '', url.toString());
    }
    frames().forEach((f) =>
      f.contentWindow?.postMessage({ runway: true, type: 'theme', colorMode: mode }, location.origin),
    );
    const toggle = document.getElementById('runway-theme');
    if (toggle) {
      toggle.textContent = mode === 'dark' ? 'Light theme' : 'Dark theme';
      toggle.setAttribute('aria-pressed', String(mode === 'dark'));
    }
  };
  const initial: ColorMode =
    document.documentElement.getAttribute('data-color-mode') === 'dark' ? 'dark' : 'light';
  applyTheme(initial);

  document.getElementById('runway-theme')?.addEventListener('click', () => {
    setMode(document.documentElement.getAttribute('data-color-mode') === 'dark' ? 'light' : 'dark');
  });
  const userSelect = document.getElementById('runway-user');
  if (userSelect instanceof HTMLSelectElement) {
    userSelect.addEventListener('change', () => {
      document.cookie = `runway_user=${encodeURIComponent(userSelect.value)}; path=/; SameSite=Lax`;
      const url = new URL(location.href);
      url.searchParams.delete('user');
      url.searchParams.delete('theme');
      location.assign(url.toString());
    });
  }

  // The site's own issues and pages (a published page's URL, an issue link) open the host's
  // issue view and page view, as they would open in the same Atlassian site.
  const siteOrigins = (document.documentElement.getAttribute('data-runway-site') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((o) => {
      try {
        return new URL(o).origin;
      } catch {
        return '';
      }
    });
  const siteToHost = (target: URL): URL => {
    if (!siteOrigins.includes(target.origin)) return target;
    const issue = /^\/browse\/([A-Za-z][A-Za-z0-9_]*-\d+)\/?$/.exec(target.pathname)?.[1];
    const page =
      /^\/wiki\/spaces\/[^/]+\/pages\/(\d+)(?:\/.*)?$/.exec(target.pathname)?.[1] ??
      (target.pathname === '/wiki/pages/viewpage.action' ? target.searchParams.get('pageId') : null);
    if (issue) return new URL(`/browse/${encodeURIComponent(issue.toUpperCase())}`, location.origin);
    if (page && /^\d+$/.test(page)) return new URL(`/wiki/pages/${page}`, location.origin);
    return target;
  };

  const flags = document.getElementById('runway-flags');
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') escapePressed();
  });
  window.addEventListener('message', (e: MessageEvent) => {
    if (e.origin !== location.origin || !isHostMessage(e.data)) return;
    const frame = frames().find((f) => f.contentWindow === e.source);
    if (!frame) return;
    const message = e.data;
    switch (message.type) {
      case 'resize':
        // A modal has its size; any other frame grows with its content.
        if (typeof message.height === 'number' && message.height > 0 && !isModalFrame(frame))
          frame.style.height = `${Math.min(message.height, 5000)}px`;
        break;
      case 'openModal':
        openModal(frame, message.modal as ModalRequest, String(message.colorMode));
        break;
      case 'escape':
        escapePressed();
        break;
      case 'close':
        if (isModalFrame(frame)) {
          closeModal(frame, message.payload);
          break;
        }
      // falls through: an edit/config view's close is its submit's way back
      case 'submit': {
        // A gadget edit view or macro config view is done: back to the view.
        const back = frame.getAttribute('data-runway-done');
        if (!back) break;
        // Back on the view, the focus returns to the Edit link that opened the edit view.
        sessionStorage.setItem(RETURN_FOCUS, frame.getAttribute('data-testid') ?? '');
        location.assign(back);
        break;
      }
      case 'navigate': {
        const loc = message.location as {
          url?: string;
          type?: string;
          target?: string;
          issueKey?: string;
          projectKey?: string;
        };
        let url = loc.url;
        if (!url && loc.target === 'issue' && loc.issueKey)
          url = `/browse/${encodeURIComponent(loc.issueKey)}`;
        if (!url && loc.target === 'projectSettingsDetails' && loc.projectKey)
          url = `/projects/${encodeURIComponent(loc.projectKey)}`;
        if (!url) break;
        const target = siteToHost(new URL(url, location.origin));
        if (target.protocol !== 'http:' && target.protocol !== 'https:') break;
        if (loc.type === 'new-tab') window.open(target.toString(), '_blank', 'noopener');
        else location.assign(target.toString());
        break;
      }
      case 'flag': {
        if (!flags) break;
        const flag = (message.flag ?? {}) as {
          id?: string;
          title?: string;
          description?: string;
          type?: string;
        };
        if (message.call === 'closeFlag') {
          flags.querySelector(`[data-flag-id="${CSS.escape(String(flag.id))}"]`)?.remove();
          break;
        }
        const el = document.createElement('div');
        el.className = `runway-flag runway-flag-${flag.type ?? 'info'}`;
        el.setAttribute('role', 'status');
        el.setAttribute('data-flag-id', String(flag.id ?? ''));
        const title = document.createElement('strong');
        title.textContent = flag.title ?? '';
        const description = document.createElement('div');
        description.textContent = flag.description ?? '';
        el.append(title, description);
        flags.appendChild(el);
        setTimeout(() => el.remove(), 8000);
        break;
      }
      case 'title':
        if (typeof message.title === 'string') document.title = message.title;
        break;
      default:
        break;
    }
  });
  returnFocus();
  // Frames loaded before this script ran get the current mode once they are ready.
  frames().forEach((f) =>
    f.addEventListener('load', () =>
      f.contentWindow?.postMessage({ runway: true, type: 'theme', colorMode: initial }, location.origin),
    ),
  );
}

const RETURN_FOCUS = 'runway-return-focus';

/** After an edit or config view is done: focus its module's Edit link (else its frame) on the view. */
function returnFocus(): void {
  const testId = sessionStorage.getItem(RETURN_FOCUS);
  sessionStorage.removeItem(RETURN_FOCUS);
  if (!testId) return;
  const frame = document.querySelector<HTMLIFrameElement>(`iframe[data-testid="${CSS.escape(testId)}"]`);
  const edit = frame?.closest('section')?.querySelector<HTMLAnchorElement>('.bar a');
  (edit ?? frame)?.focus();
}

const frameToken = new URLSearchParams(location.search).get('frame');
if (frameToken && window.parent !== window) installBridge(frameToken);
else if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', startChrome);
else startChrome();
