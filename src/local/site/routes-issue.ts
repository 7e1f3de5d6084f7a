// One issue: get, create, edit, transitions, entity properties, remote links, issue links.

import type { SiteIssue, SiteRemoteLink } from './model';
import {
  INVALID_PAYLOAD,
  ISSUE_NOT_FOUND,
  isRecord,
  jiraError,
  json,
  listParam,
  noContent,
  type Route,
  type RouteContext,
} from './http';
import { byName, findIssue, findProject, projectById, statusById } from './lookup';
import { changeInstant } from './changelog';
import { FieldErrors } from './field-errors';
import { createIssue, editIssue, transitionIssue, transitionsOf } from './mutate';
import { canBrowseIssue, hasIssuePermission, hasProjectPermission } from './permissions';
import { ISSUE_CHANGELOG_LIMIT, namesOf, renderIssue, schemaOf, selectFields, statusJson } from './render';
import type { TransitionAttempt } from './types';

const PROPERTY_VALUE_MAX = 32_768;

/** The issue, if the user can see it; otherwise the answer Jira gives. */
function visibleIssue(ctx: RouteContext): SiteIssue | ReturnType<typeof jiraError> {
  const issue = findIssue(ctx.state, ctx.params.issueIdOrKey);
  if (!issue || !canBrowseIssue(ctx.state, ctx.user, issue)) return jiraError(404, ISSUE_NOT_FOUND);
  return issue;
}

function isIssue(value: SiteIssue | ReturnType<typeof jiraError>): value is SiteIssue {
  return 'key' in value && 'histories' in value;
}

function fieldErrorResponse(error: unknown) {
  if (error instanceof FieldErrors) return jiraError(400, error.errorMessages, error.errors);
  throw error;
}

function getIssue(ctx: RouteContext) {
  const issue = visibleIssue(ctx);
  if (!isIssue(issue)) return issue;
  const requested = listParam(ctx.query, 'fields');
  const fields = selectFields(ctx.state, requested.length > 0 ? requested : ['*all']);
  const expand = new Set(listParam(ctx.query, 'expand'));
  const body = renderIssue(ctx.state, issue, {
    fields,
    expand,
    changelogLimit: ISSUE_CHANGELOG_LIMIT,
    properties: listParam(ctx.query, 'properties'),
  });
  if (expand.has('names')) body.names = namesOf(fields);
  if (expand.has('schema')) body.schema = schemaOf(fields);
  if (expand.has('transitions')) body.transitions = transitionsJson(ctx, issue);
  return json(200, body);
}

function postIssue(ctx: RouteContext) {
  const body = ctx.body;
  if (!isRecord(body) || !isRecord(body.fields)) return jiraError(400, INVALID_PAYLOAD);
  const projectRef = isRecord(body.fields.project)
    ? (body.fields.project.key ?? body.fields.project.id)
    : undefined;
  const project = typeof projectRef === 'string' ? findProject(ctx.state, projectRef) : undefined;
  if (
    project &&
    hasProjectPermission(project, ctx.user, 'BROWSE_PROJECTS') &&
    !hasProjectPermission(project, ctx.user, 'CREATE_ISSUES')
  ) {
    return jiraError(403, 'You do not have permission to create issues in this project.');
  }
  try {
    const issue = createIssue(
      ctx.state,
      ctx.user,
      changeInstant(ctx.state, ctx.nowMs),
      body.fields,
      (projectId) => hasProjectPermission(projectById(ctx.state, projectId), ctx.user, 'BROWSE_PROJECTS'),
    );
    return json(201, {
      id: issue.id,
      key: issue.key,
      self: `${ctx.state.baseUrl}/rest/api/3/issue/${issue.id}`,
    });
  } catch (error) {
    return fieldErrorResponse(error);
  }
}

function putIssue(ctx: RouteContext) {
  const issue = visibleIssue(ctx);
  if (!isIssue(issue)) return issue;
  if (!hasIssuePermission(ctx.state, ctx.user, issue, 'EDIT_ISSUES')) {
    return jiraError(403, 'You do not have permission to edit issues in this project.');
  }
  const body = ctx.body;
  if (!isRecord(body)) return jiraError(400, INVALID_PAYLOAD);
  const fields = body.fields ?? {};
  const update = body.update ?? {};
  if (!isRecord(fields) || !isRecord(update)) return jiraError(400, INVALID_PAYLOAD);
  try {
    editIssue(ctx.state, issue, ctx.user, changeInstant(ctx.state, ctx.nowMs), fields, update);
  } catch (error) {
    return fieldErrorResponse(error);
  }
  return noContent();
}

function transitionsJson(ctx: RouteContext, issue: SiteIssue) {
  if (!hasIssuePermission(ctx.state, ctx.user, issue, 'TRANSITION_ISSUES')) return [];
  return transitionsOf(ctx.state, issue).map((t) => ({
    id: t.id,
    name: t.status.name,
    to: statusJson(ctx.state, t.status),
    hasScreen: false,
    isGlobal: true,
    isInitial: false,
    isAvailable: true,
    isConditional: false,
    isLooped: false,
  }));
}

function getTransitions(ctx: RouteContext) {
  const issue = visibleIssue(ctx);
  if (!isIssue(issue)) return issue;
  return json(200, { expand: 'transitions', transitions: transitionsJson(ctx, issue) });
}

/**
 * The transition a `POST …/transitions` asks for, once it passes the checks `postTransition` makes
 * before changing anything; undefined when the request fails those (the route then says why).
 */
export function plannedTransition(ctx: RouteContext): Omit<TransitionAttempt, 'accountId'> | undefined {
  const issue = visibleIssue(ctx);
  if (!isIssue(issue) || !hasIssuePermission(ctx.state, ctx.user, issue, 'TRANSITION_ISSUES'))
    return undefined;
  const body = ctx.body;
  if (!isRecord(body) || !isRecord(body.transition)) return undefined;
  const id = body.transition.id;
  if (typeof id !== 'string' && typeof id !== 'number') return undefined;
  const fields = body.fields ?? {};
  if (!isRecord(fields)) return undefined;
  const transition = transitionsOf(ctx.state, issue).find((t) => t.id === String(id));
  if (!transition) return undefined;
  const from = statusById(ctx.state, issue.statusId);
  return {
    issue: { id: issue.id, key: issue.key },
    transition: {
      id: transition.id,
      from: { id: from.id, name: from.name },
      to: { id: transition.status.id, name: transition.status.name },
    },
    modifiedFields: fields,
  };
}

function postTransition(ctx: RouteContext) {
  const issue = visibleIssue(ctx);
  if (!isIssue(issue)) return issue;
  if (!hasIssuePermission(ctx.state, ctx.user, issue, 'TRANSITION_ISSUES')) {
    return jiraError(403, 'You do not have permission to transition this issue.');
  }
  const body = ctx.body;
  if (!isRecord(body) || !isRecord(body.transition)) return jiraError(400, INVALID_PAYLOAD);
  const id = body.transition.id;
  if (typeof id !== 'string' && typeof id !== 'number') return jiraError(400, INVALID_PAYLOAD);
  const fields = body.fields ?? {};
  if (!isRecord(fields)) return jiraError(400, INVALID_PAYLOAD);
  try {
    transitionIssue(ctx.state, issue, ctx.user, changeInstant(ctx.state, ctx.nowMs), String(id), fields);
  } catch (error) {
    return fieldErrorResponse(error);
  }
  return noContent();
}

// ---- entity properties -------------------------------------------------------------------

function propertySelf(ctx: RouteContext, issue: SiteIssue, key: string) {
  return `${ctx.state.baseUrl}/rest/api/3/issue/${issue.id}/properties/${encodeURIComponent(key)}`;
}

function listProperties(ctx: RouteContext) {
  const issue = visibleIssue(ctx);
  if (!isIssue(issue)) return issue;
  return json(200, {
    keys: Object.keys(issue.properties).map((key) => ({ key, self: propertySelf(ctx, issue, key) })),
  });
}

function getProperty(ctx: RouteContext) {
  const issue = visibleIssue(ctx);
  if (!isIssue(issue)) return issue;
  const key = ctx.params.propertyKey;
  if (!(key in issue.properties)) return jiraError(404, `The property with key '${key}' does not exist.`);
  return json(200, { key, value: issue.properties[key] });
}

function putProperty(ctx: RouteContext) {
  const issue = visibleIssue(ctx);
  if (!isIssue(issue)) return issue;
  if (!hasIssuePermission(ctx.state, ctx.user, issue, 'EDIT_ISSUES')) {
    return jiraError(403, 'You do not have permission to edit issues in this project.');
  }
  const key = ctx.params.propertyKey;
  if (ctx.body === undefined) return jiraError(400, 'The property value must be valid JSON.');
  if (key.length > 255) return jiraError(400, 'The property key can not be longer than 255 characters.');
  if (JSON.stringify(ctx.body).length > PROPERTY_VALUE_MAX) {
    return jiraError(400, `The property value can not be longer than ${PROPERTY_VALUE_MAX} characters.`);
  }
  const existed = key in issue.properties;
  issue.properties[key] = ctx.body;
  return { status: existed ? 200 : 201, headers: {}, body: '' };
}

function deleteProperty(ctx: RouteContext) {
  const issue = visibleIssue(ctx);
  if (!isIssue(issue)) return issue;
  if (!hasIssuePermission(ctx.state, ctx.user, issue, 'EDIT_ISSUES')) {
    return jiraError(403, 'You do not have permission to edit issues in this project.');
  }
  const key = ctx.params.propertyKey;
  if (!(key in issue.properties)) return jiraError(404, `The property with key '${key}' does not exist.`);
  delete issue.properties[key];
  return noContent();
}

// ---- remote links ----------------------------------------------------------------------

function remoteLinkJson(ctx: RouteContext, issue: SiteIssue, link: SiteRemoteLink) {
  const out: Record<string, unknown> = {
    id: link.id,
    self: `${ctx.state.baseUrl}/rest/api/3/issue/${issue.key}/remotelink/${link.id}`,
  };
  if (link.globalId !== undefined) out.globalId = link.globalId;
  if (link.application) out.application = link.application;
  if (link.relationship !== undefined) out.relationship = link.relationship;
  out.object = link.object;
  return out;
}

/** Validates a remote link body; returns the link fields or the field errors. */
function readRemoteLink(body: unknown): Omit<SiteRemoteLink, 'id'> | Record<string, string> {
  if (!isRecord(body)) return { object: INVALID_PAYLOAD };
  const object = body.object;
  const errors: Record<string, string> = {};
  if (!isRecord(object)) return { object: "'object' is required." };
  if (typeof object.url !== 'string' || !/^[a-z][a-z0-9+.-]*:/i.test(object.url))
    errors.url = "'url' is required and must be a valid URL.";
  if (typeof object.title !== 'string' || object.title.trim() === '') errors.title = "'title' is required.";
  if (body.globalId !== undefined && typeof body.globalId !== 'string')
    errors.globalId = "'globalId' must be a string.";
  if (body.relationship !== undefined && typeof body.relationship !== 'string')
    errors.relationship = "'relationship' must be a string.";
  if (Object.keys(errors).length > 0) return errors;
  const link: Omit<SiteRemoteLink, 'id'> = {
    object: { url: object.url as string, title: object.title as string },
  };
  if (typeof object.summary === 'string') link.object.summary = object.summary;
  if (isRecord(object.icon)) link.object.icon = pickStrings(object.icon, ['url16x16', 'title']);
  if (isRecord(object.status)) {
    link.object.status = {};
    if (typeof object.status.resolved === 'boolean') link.object.status.resolved = object.status.resolved;
    if (isRecord(object.status.icon))
      link.object.status.icon = pickStrings(object.status.icon, ['url16x16', 'title', 'link']);
  }
  if (typeof body.globalId === 'string') link.globalId = body.globalId;
  if (typeof body.relationship === 'string') link.relationship = body.relationship;
  if (isRecord(body.application)) link.application = pickStrings(body.application, ['type', 'name']);
  return link;
}

function pickStrings(source: Record<string, unknown>, keys: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) if (typeof source[key] === 'string') out[key] = source[key] as string;
  return out;
}

function isLinkBody(
  value: Omit<SiteRemoteLink, 'id'> | Record<string, string>,
): value is Omit<SiteRemoteLink, 'id'> {
  return typeof (value as { object?: unknown }).object === 'object';
}

function getRemoteLinks(ctx: RouteContext) {
  const issue = visibleIssue(ctx);
  if (!isIssue(issue)) return issue;
  const globalId = ctx.query.get('globalId');
  if (globalId !== null) {
    const link = issue.remoteLinks.find((l) => l.globalId === globalId);
    return link
      ? json(200, remoteLinkJson(ctx, issue, link))
      : jiraError(404, 'No remote link with the given globalId was found.');
  }
  return json(
    200,
    issue.remoteLinks.map((link) => remoteLinkJson(ctx, issue, link)),
  );
}

function getRemoteLink(ctx: RouteContext) {
  const issue = visibleIssue(ctx);
  if (!isIssue(issue)) return issue;
  const link = issue.remoteLinks.find((l) => String(l.id) === ctx.params.linkId);
  return link ? json(200, remoteLinkJson(ctx, issue, link)) : jiraError(404, 'Remote link does not exist.');
}

function canLink(ctx: RouteContext, issue: SiteIssue) {
  return (
    hasIssuePermission(ctx.state, ctx.user, issue, 'LINK_ISSUES') ||
    hasIssuePermission(ctx.state, ctx.user, issue, 'EDIT_ISSUES')
  );
}

/** POST upserts by globalId, as Jira does: a second publish updates the same link. */
function postRemoteLink(ctx: RouteContext) {
  const issue = visibleIssue(ctx);
  if (!isIssue(issue)) return issue;
  if (!canLink(ctx, issue))
    return jiraError(403, 'You do not have permission to link issues in this project.');
  const parsed = readRemoteLink(ctx.body);
  if (!isLinkBody(parsed)) return jiraError(400, [], parsed);
  changeInstant(ctx.state, ctx.nowMs);
  const existing =
    parsed.globalId !== undefined ? issue.remoteLinks.find((l) => l.globalId === parsed.globalId) : undefined;
  if (existing) {
    Object.assign(existing, { ...parsed, id: existing.id });
    return json(200, {
      id: existing.id,
      self: `${ctx.state.baseUrl}/rest/api/3/issue/${issue.key}/remotelink/${existing.id}`,
    });
  }
  const link: SiteRemoteLink = { id: ctx.state.counters.remoteLinkId++, ...parsed };
  issue.remoteLinks.push(link);
  return json(201, {
    id: link.id,
    self: `${ctx.state.baseUrl}/rest/api/3/issue/${issue.key}/remotelink/${link.id}`,
  });
}

function putRemoteLink(ctx: RouteContext) {
  const issue = visibleIssue(ctx);
  if (!isIssue(issue)) return issue;
  if (!canLink(ctx, issue))
    return jiraError(403, 'You do not have permission to link issues in this project.');
  const index = issue.remoteLinks.findIndex((l) => String(l.id) === ctx.params.linkId);
  if (index < 0) return jiraError(404, 'Remote link does not exist.');
  const parsed = readRemoteLink(ctx.body);
  if (!isLinkBody(parsed)) return jiraError(400, [], parsed);
  issue.remoteLinks[index] = { id: issue.remoteLinks[index].id, ...parsed };
  return noContent();
}

function deleteRemoteLink(ctx: RouteContext) {
  const issue = visibleIssue(ctx);
  if (!isIssue(issue)) return issue;
  if (!canLink(ctx, issue))
    return jiraError(403, 'You do not have permission to link issues in this project.');
  const byId = ctx.params.linkId;
  const globalId = ctx.query.get('globalId');
  if (byId === undefined && globalId === null)
    return jiraError(400, 'Either a link id or a globalId is required.');
  const before = issue.remoteLinks.length;
  issue.remoteLinks = issue.remoteLinks.filter((l) =>
    byId !== undefined ? String(l.id) !== byId : l.globalId !== globalId,
  );
  return before === issue.remoteLinks.length ? jiraError(404, 'Remote link does not exist.') : noContent();
}

// ---- issue links ------------------------------------------------------------------------

/** Stored on the inward issue, pointing at the outward one: "inward blocks outward". */
function postIssueLink(ctx: RouteContext) {
  const body = ctx.body;
  if (
    !isRecord(body) ||
    !isRecord(body.type) ||
    !isRecord(body.inwardIssue) ||
    !isRecord(body.outwardIssue)
  ) {
    return jiraError(400, INVALID_PAYLOAD);
  }
  const typeRef = body.type;
  const type =
    typeof typeRef.id === 'string'
      ? ctx.state.issueLinkTypes.find((t) => t.id === typeRef.id)
      : typeof typeRef.name === 'string'
        ? byName(ctx.state.issueLinkTypes, typeRef.name)
        : undefined;
  if (!type) return jiraError(404, 'No issue link type with name or id was found.');
  const refOf = (r: Record<string, unknown>) =>
    typeof r.key === 'string' ? r.key : typeof r.id === 'string' ? r.id : '';
  const inward = findIssue(ctx.state, refOf(body.inwardIssue));
  const outward = findIssue(ctx.state, refOf(body.outwardIssue));
  if (
    !inward ||
    !outward ||
    !canBrowseIssue(ctx.state, ctx.user, inward) ||
    !canBrowseIssue(ctx.state, ctx.user, outward)
  ) {
    return jiraError(404, ISSUE_NOT_FOUND);
  }
  if (!canLink(ctx, inward))
    return jiraError(403, 'You do not have permission to link issues in this project.');
  inward.links.push({
    id: String(ctx.state.counters.issueLinkId++),
    typeId: type.id,
    outwardIssueId: outward.id,
  });
  return { status: 201, headers: {}, body: '' };
}

export const issueRoutes: Route[] = [
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}', run: getIssue },
  { method: 'POST', template: '/rest/api/3/issue', run: postIssue },
  { method: 'PUT', template: '/rest/api/3/issue/{issueIdOrKey}', run: putIssue },
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}/transitions', run: getTransitions },
  { method: 'POST', template: '/rest/api/3/issue/{issueIdOrKey}/transitions', run: postTransition },
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}/properties', run: listProperties },
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', run: getProperty },
  { method: 'PUT', template: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', run: putProperty },
  {
    method: 'DELETE',
    template: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}',
    run: deleteProperty,
  },
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}/remotelink', run: getRemoteLinks },
  { method: 'POST', template: '/rest/api/3/issue/{issueIdOrKey}/remotelink', run: postRemoteLink },
  { method: 'DELETE', template: '/rest/api/3/issue/{issueIdOrKey}/remotelink', run: deleteRemoteLink },
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}/remotelink/{linkId}', run: getRemoteLink },
  { method: 'PUT', template: '/rest/api/3/issue/{issueIdOrKey}/remotelink/{linkId}', run: putRemoteLink },
  {
    method: 'DELETE',
    template: '/rest/api/3/issue/{issueIdOrKey}/remotelink/{linkId}',
    run: deleteRemoteLink,
  },
  { method: 'POST', template: '/rest/api/3/issueLink', run: postIssueLink },
];
