/** `IMP-12`: a Jira issue key, checked before a key goes into JQL. */
export const ISSUE_KEY_PATTERN = /^[A-Z][A-Z0-9_]{0,254}-[1-9][0-9]{0,17}$/;

/** `IMP`: a Jira project key (2–10 characters: a capital letter, then capitals, digits or `_`). */
export const PROJECT_KEY_PATTERN = /^[A-Z][A-Z0-9_]{1,9}$/;
