// Dates in payloads: the domain's own rule for a calendar date.
export { IsoDateSchema as isoDate } from '../domain/dates';
