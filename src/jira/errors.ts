/**
 * Every failure of a Jira call surfaces as a JiraError: which request, what came back and
 * Jira's own words, in a message a person can act on. Nothing partial is ever returned instead.
 */
import { z } from 'zod';

export type JiraErrorKind =
  /** Jira answered with a non-success status. */
  | 'http'
  /** No answer: DNS, connection refused, reset, timeout. */
  | 'network'
  /** Jira answered 2xx but not with the shape this client relies on. */
  | 'shape';

export interface JiraErrorDetails {
  kind: JiraErrorKind;
  method: string;
  path: string;
  status?: number;
  errorMessages?: string[];
  errors?: Record<string, string>;
  attempts?: number;
  /** A short reason when Jira gave no errorMessages (plain-text body, network error, zod issue). */
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

/** What a person is likely to need to do, for statuses where Jira's own text is often terse. */
const HINTS: Record<number, string> = {
  401: 'check the site, the email and the API token',
  403: 'the account lacks the permission this needs',
};

export class JiraError extends Error {
  readonly kind: JiraErrorKind;
  readonly method: string;
  readonly path: string;
  readonly status: number | undefined;
  readonly errorMessages: string[];
  readonly errors: Record<string, string>;
  readonly attempts: number;

  constructor(details: JiraErrorDetails) {
    super(formatMessage(details), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'JiraError';
    this.kind = details.kind;
    this.method = details.method;
    this.path = details.path;
    this.status = details.status;
    this.errorMessages = details.errorMessages ?? [];
    this.errors = details.errors ?? {};
    this.attempts = details.attempts ?? 1;
  }
}

function shortPath(path: string): string {
  return path.length > 160 ? `${path.slice(0, 157)}...` : path;
}

function formatMessage(d: JiraErrorDetails): string {
  const request = `${d.method} ${shortPath(d.path)}`;
  const said = [
    ...(d.errorMessages ?? []),
    ...Object.entries(d.errors ?? {}).map(([field, message]) => `${field}: ${message}`),
  ];
  const text = said.length > 0 ? said.join('; ') : d.reason;
  const tries = d.attempts !== undefined && d.attempts > 1 ? ` (after ${d.attempts} attempts)` : '';
  switch (d.kind) {
    case 'http': {
      const status = `${d.status ?? '?'}${STATUS_TEXT[d.status ?? 0] ? ` ${STATUS_TEXT[d.status ?? 0]}` : ''}`;
      const hint = d.status !== undefined && HINTS[d.status] ? ` (${HINTS[d.status]})` : '';
      return `Jira ${request} failed with ${status}${tries}: ${text ?? 'no message from Jira'}${said.length === 0 ? hint : ''}`;
    }
    case 'network':
      return `Jira ${request} could not be sent${tries}: ${text ?? 'network error'}`;
    case 'shape':
      return `Jira ${request} answered with an unexpected shape: ${text ?? 'unreadable body'}`;
  }
}

/** Any JSON object; what is not the expected shape inside it is ignored, not trusted. */
const ErrorBody = z.looseObject({
  errorMessages: z.array(z.unknown()).catch([]),
  errors: z.record(z.string(), z.unknown()).catch({}),
  message: z.unknown().optional(),
});

/**
 * Pulls Jira's messages out of an error body: the ErrorCollection shape
 * (`errorMessages`, `errors`), the gateway shape (`message`) or a short plain-text body.
 */
export function parseErrorBody(text: string): Pick<JiraErrorDetails, 'errorMessages' | 'errors' | 'reason'> {
  const trimmed = text.trim();
  if (trimmed === '') return {};
  try {
    const body = ErrorBody.safeParse(JSON.parse(trimmed));
    if (body.success) {
      const errorMessages = body.data.errorMessages.filter(
        (m): m is string => typeof m === 'string' && m.trim() !== '',
      );
      const errors: Record<string, string> = {};
      for (const [k, v] of Object.entries(body.data.errors)) if (typeof v === 'string') errors[k] = v;
      const { message } = body.data;
      if (errorMessages.length === 0 && Object.keys(errors).length === 0 && typeof message === 'string') {
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
