/** `IMP-12`: a Jira issue key, checked before a key goes into JQL. */
export const ISSUE_KEY_PATTERN = /^[A-Z][A-Z0-9_]{0,254}-[1-9][0-9]{0,17}$/;
