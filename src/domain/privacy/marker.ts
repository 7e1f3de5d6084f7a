/**
 * The anonymous marker that replaces the account id of a closed Atlassian account in Runway's
 * records: `anonymised-<n>`, n a site-wide counter, so two closed accounts never share a marker
 * (two approvals by different people still count twice) and one account keeps one marker in
 * every record. Nothing maps a marker back to the account: the mapping lives only until every
 * record holding the account has been rewritten.
 */
export const ANONYMOUS_PREFIX = 'anonymised-';

export const anonymousMarker = (n: number): string => `${ANONYMOUS_PREFIX}${n}`;

export const isAnonymised = (accountId: string): boolean => accountId.startsWith(ANONYMOUS_PREFIX);
