// What the portfolio use cases (kpis, implementations, playbooks, documents, raid) share with the
// gate use cases: reading implementations, the gate audit record, and Jira's words for an error.
// These still live in src/resolvers on this branch; the gates' branch moves them into src/app
// (implementation.ts, gates/report.ts, failure.ts): once both are merged, only these lines change.
export {
  projectImplementationsJql,
  readImplementation,
  readImplementationsWithChildren,
  siteIssueTypes,
  type ReadScope,
} from '../resolvers/implementation-reader';
export { auditLog, implementationOf, readImplementationIssues } from '../resolvers/gates-report';
export { jiraWords } from '../resolvers/common';
