// What the portfolio use cases (kpis, implementations, playbooks, documents, raid) share with the
// gate use cases: reading implementations, the gate audit record, and Jira's words for an error.
export {
  projectImplementationsJql,
  readImplementation,
  readImplementationsWithChildren,
  siteIssueTypes,
  type ReadScope,
} from './implementation';
export { auditLog, evaluate, implementationOf, readImplementationIssues } from './gates/report';
export { jiraWords } from './failure';
