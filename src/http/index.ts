/** The product-neutral transport both the Jira and the Confluence clients send through. */
export { HttpError, parseErrorBody, PRODUCT_NAME } from './errors';
export type { HttpErrorDetails, HttpErrorKind, Product } from './errors';
export { withDeadline } from './fetch';
export type { HttpFetch, HttpRequestInit, HttpResponse } from './fetch';
export { createSemaphore, createTransport, parseRetryAfter, shapeError } from './transport';
export type { RawResult, RequestOptions, Transport, TransportOptions } from './transport';
