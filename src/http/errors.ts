/**
 * Every failure of a Jira or Confluence call surfaces as an HttpError: which product, which
 * request, what came back and the product's own words, in a message a person can act on.
 * Nothing partial is ever returned instead.
 */
import { z } from 'zod';

export type Product = 'jira' | 'confluence';

export const PRODUCT_NAME: Record<Product, string> = { jira: 'Jira', confluence: 'Confluence' };

export type HttpErrorKind =
  /** The product answered with a non-success status. */
  | 'http'
  /** No answer: DNS, connection refused, reset. */
  | 'network'
  /** The product answered 2xx but not with the shape the client relies on. */
  | 'shape'
  /** The invocation's time ran out before the product answered. */
  | 'timeout';

export interface HttpErrorDetails {
  product: Product;
  kind: HttpErrorKind;
  method: string;
  path: string;
  status?: number;
  errorMessages?: string[];
  /** Field errors (Jira's ErrorCollection `errors`), by field id. */
  errors?: Record<string, string>;
  attempts?: number;
  /** How long the product asked Runway to wait (Retry-After), when it said. */
  retryAfterMs?: number;
  /** A short reason when the product gave no messages (plain-text body, network error, zod issue). */
  reason?: string;
  cause?: unknown;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** What a person is likely to need to do, for statuses where the product's own text is often terse. */
const HINTS: Record<number, string> = {
  401: 'check the site, the email and the API token',
  403: 'the account lacks the permission this needs',
};

export class HttpError extends Error {
  readonly product: Product;
  readonly kind: HttpErrorKind;
  readonly method: string;
  readonly path: string;
  readonly status: number | undefined;
  readonly errorMessages: string[];
  readonly errors: Record<string, string>;
  readonly attempts: number;
  readonly retryAfterMs: number | undefined;

  constructor(details: HttpErrorDetails) {
    super(formatMessage(details), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'HttpError';
    this.product = details.product;
    this.kind = details.kind;
    this.method = details.method;
    this.path = details.path;
    this.status = details.status;
    this.errorMessages = details.errorMessages ?? [];
    this.errors = details.errors ?? {};
    this.attempts = details.attempts ?? 1;
    this.retryAfterMs = details.retryAfterMs;
  }

  /** The product refused because Runway sent too much (429): waiting is the only cure. */
  get rateLimited(): boolean {
    return this.kind === 'http' && this.status === 429;
  }
}

function shortPath(path: string): string {
  return path.length > 160 ? `${path.slice(0, 157)}...` : path;
}

/** Whole seconds, rounded up: "try again in 40 s" must not be too early. */
const seconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

function formatMessage(d: HttpErrorDetails): string {
  const product = PRODUCT_NAME[d.product];
  const request = `${d.method} ${shortPath(d.path)}`;
  const said = [
    ...(d.errorMessages ?? []),
    ...Object.entries(d.errors ?? {}).map(([field, message]) => `${field}: ${message}`),
  ];
  const text = said.length > 0 ? said.join('; ') : d.reason;
  const tries = d.attempts !== undefined && d.attempts > 1 ? ` (after ${d.attempts} attempts)` : '';
  switch (d.kind) {
    case 'http': {
      if (d.status === 429) {
        const when = d.retryAfterMs !== undefined ? `in ${seconds(d.retryAfterMs)} s` : 'in a minute';
        return `${product} is rate limiting Runway; try again ${when} (${request} answered 429${tries})`;
      }
      const status = `${d.status ?? '?'}${STATUS_TEXT[d.status ?? 0] ? ` ${STATUS_TEXT[d.status ?? 0]}` : ''}`;
      const hint = d.status !== undefined && HINTS[d.status] ? ` (${HINTS[d.status]})` : '';
      return `${product} ${request} failed with ${status}${tries}: ${text ?? `no message from ${product}`}${said.length === 0 ? hint : ''}`;
    }
    case 'network':
      return `${product} ${request} could not be sent${tries}: ${text ?? 'network error'}`;
    case 'shape':
      return `${product} ${request} answered with an unexpected shape: ${text ?? 'unreadable body'}`;
    case 'timeout':
      return `${product} ${request} did not finish in the time Runway has left${tries}${text ? `: ${text}` : ''}`;
  }
}

/** Any JSON object; what is not the expected shape inside it is ignored, not trusted. */
const ErrorBody = z.looseObject({
  errorMessages: z.array(z.unknown()).catch([]),
  // Jira: field id → message. Confluence v2: a list of { status, code, title, detail }.
  errors: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]).catch({}),
  message: z.unknown().optional(),
});

const ConfluenceErrorItem = z.looseObject({ title: z.string().nullish(), detail: z.string().nullish() });

const nonBlank = (m: unknown): m is string => typeof m === 'string' && m.trim() !== '';

/**
 * Pulls the product's messages out of an error body: Jira's ErrorCollection (`errorMessages`,
 * `errors` by field), Confluence v2's `errors` list (`title: detail`), the gateway's `message`,
 * or a short plain-text body.
 */
export function parseErrorBody(text: string): Pick<HttpErrorDetails, 'errorMessages' | 'errors' | 'reason'> {
  const trimmed = text.trim();
  if (trimmed === '') return {};
  try {
    const body = ErrorBody.safeParse(JSON.parse(trimmed));
    if (body.success) {
      const errorMessages = body.data.errorMessages.filter(nonBlank);
      const errors: Record<string, string> = {};
      if (Array.isArray(body.data.errors)) {
        for (const item of body.data.errors) {
          const parsed = ConfluenceErrorItem.safeParse(item);
          if (!parsed.success) continue;
          const words = [parsed.data.title, parsed.data.detail].filter(nonBlank).join(': ');
          if (words !== '') errorMessages.push(words);
        }
      } else {
        for (const [k, v] of Object.entries(body.data.errors)) if (typeof v === 'string') errors[k] = v;
      }
      const { message } = body.data;
      if (errorMessages.length === 0 && Object.keys(errors).length === 0 && nonBlank(message)) {
        return { errorMessages: [message] };
      }
      return { errorMessages, errors };
    }
  } catch {
    // Not JSON: fall through to plain text.
  }
  if (/^<(!doctype|html)/i.test(trimmed)) return {};
  return { reason: trimmed.length > 300 ? `${trimmed.slice(0, 297)}...` : trimmed };
}
