/** The handover packet: assembly from the implementation, and how it is linked from Jira. */
export * from './packet';
export * from './link';
