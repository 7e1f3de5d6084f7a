// The host's one Jira dashboard, shared as a team shares one: everyone may view it; its owner (the
// site admin) and the people it is shared with for editing (the implementation consultant) may
// edit it, which includes configuring its gadgets. Jira keeps a gadget's configuration as a
// dashboard item property, and "The user must have edit permission of the dashboard" to set one
// (Jira Cloud REST v3, PUT /rest/api/3/dashboard/{dashboardId}/items/{itemId}/properties/{propertyKey};
// `Dashboard.isWritable`, `editPermissions`): a viewer gets no Edit on the gadget and cannot save.
import { DEMO_USERS } from '../demo/catalog';

export const LOCAL_DASHBOARD = {
  id: 'local-dashboard',
  owner: DEMO_USERS.admin.accountId,
  /** Shared for editing with (besides the owner). */
  editors: [DEMO_USERS.consultant.accountId],
} as const;

/** Whether the user may edit the dashboard, and so configure its gadgets. */
export const canEditDashboard = (accountId: string): boolean =>
  accountId === LOCAL_DASHBOARD.owner || LOCAL_DASHBOARD.editors.some((a) => a === accountId);

export const NOT_A_DASHBOARD_EDITOR =
  'Only the dashboard’s owner and the people it is shared with for editing can configure its gadgets.';
