// Custom fields as an admin creates them: fields, their contexts and their select options.

import type { SiteField } from './model';
import { CUSTOM_FIELD_TYPES, newCustomField } from './custom-fields';
import {
  ADMIN_ONLY,
  INVALID_PAYLOAD,
  isRecord,
  jiraError,
  json,
  page,
  type Route,
  type RouteContext,
} from './http';
import { fieldById } from './lookup';
import { changeInstant } from './changelog';
import { isAdmin } from './permissions';
import { fieldDetailsJson } from './render';

function getFields(ctx: RouteContext) {
  return json(200, ctx.state.fields.map(fieldDetailsJson));
}

function postField(ctx: RouteContext) {
  if (!isAdmin(ctx.state, ctx.user)) return jiraError(403, ADMIN_ONLY);
  const body = ctx.body;
  if (!isRecord(body)) return jiraError(400, INVALID_PAYLOAD);
  const errors: Record<string, string> = {};
  if (typeof body.name !== 'string' || body.name.trim() === '')
    errors.name = 'The custom field name is required.';
  if (typeof body.type !== 'string' || !CUSTOM_FIELD_TYPES.includes(body.type))
    errors.type = `The custom field type '${String(body.type)}' is not valid.`;
  if (Object.keys(errors).length > 0) return jiraError(400, [], errors);
  // Jira allows several custom fields with the same name; callers must check before creating.
  changeInstant(ctx.state, ctx.nowMs);
  const field = newCustomField(
    ctx.state.counters,
    (body.name as string).trim(),
    body.type as string,
    typeof body.description === 'string' ? body.description : undefined,
  );
  ctx.state.fields.push(field);
  return json(201, fieldDetailsJson(field));
}

function customField(ctx: RouteContext): SiteField | ReturnType<typeof jiraError> {
  if (!isAdmin(ctx.state, ctx.user)) return jiraError(403, ADMIN_ONLY);
  const field = fieldById(ctx.state, ctx.params.fieldId);
  if (!field || !field.custom || !field.contexts) return jiraError(404, 'The custom field was not found.');
  return field;
}

function isField(value: SiteField | ReturnType<typeof jiraError>): value is SiteField {
  return 'clauseNames' in value;
}

function getFieldContexts(ctx: RouteContext) {
  const field = customField(ctx);
  if (!isField(field)) return field;
  const contexts = (field.contexts ?? []).map(
    ({ id, name, description, isGlobalContext, isAnyIssueType }) => ({
      id,
      name,
      description,
      isGlobalContext,
      isAnyIssueType,
    }),
  );
  return page(ctx, contexts, 100, `/rest/api/3/field/${field.id}/context`);
}

function postFieldContext(ctx: RouteContext) {
  const field = customField(ctx);
  if (!isField(field)) return field;
  const body = ctx.body;
  if (!isRecord(body) || typeof body.name !== 'string' || body.name.trim() === '')
    return jiraError(400, [], { name: 'The context name is required.' });
  const projectIds = Array.isArray(body.projectIds)
    ? body.projectIds.filter((p): p is string => typeof p === 'string')
    : [];
  const issueTypeIds = Array.isArray(body.issueTypeIds)
    ? body.issueTypeIds.filter((p): p is string => typeof p === 'string')
    : [];
  const context = {
    id: String(ctx.state.counters.contextId++),
    name: body.name,
    description: typeof body.description === 'string' ? body.description : '',
    isGlobalContext: projectIds.length === 0,
    isAnyIssueType: issueTypeIds.length === 0,
    options: [],
  };
  field.contexts?.push(context);
  return json(201, {
    id: context.id,
    name: context.name,
    description: context.description,
    projectIds,
    issueTypeIds,
  });
}

function fieldContext(ctx: RouteContext) {
  const field = customField(ctx);
  if (!isField(field)) return field;
  const context = field.contexts?.find((c) => c.id === ctx.params.contextId);
  if (!context) return jiraError(404, 'The context was not found.');
  return context;
}

function getOptions(ctx: RouteContext) {
  const context = fieldContext(ctx);
  if (!('options' in context)) return context;
  return page(
    ctx,
    context.options.map((o) => ({ id: o.id, value: o.value, disabled: o.disabled })),
    100,
    `/rest/api/3/field/${ctx.params.fieldId}/context/${context.id}/option`,
  );
}

function postOptions(ctx: RouteContext) {
  const context = fieldContext(ctx);
  if (!('options' in context)) return context;
  const body = ctx.body;
  if (!isRecord(body) || !Array.isArray(body.options) || body.options.length === 0)
    return jiraError(400, INVALID_PAYLOAD);
  const values: string[] = [];
  for (const option of body.options) {
    if (!isRecord(option) || typeof option.value !== 'string' || option.value.trim() === '')
      return jiraError(400, 'Option value must not be empty.');
    values.push(option.value);
  }
  const existing = new Set(context.options.map((o) => o.value.toLowerCase()));
  for (const value of values) {
    if (existing.has(value.toLowerCase()))
      return jiraError(400, `The option '${value}' already exists in this context.`);
    existing.add(value.toLowerCase());
  }
  const created = values.map((value) => ({
    id: String(ctx.state.counters.optionId++),
    value,
    disabled: false,
  }));
  context.options.push(...created);
  return json(200, { options: created });
}

export const fieldRoutes: Route[] = [
  { method: 'GET', template: '/rest/api/3/field', run: getFields },
  { method: 'POST', template: '/rest/api/3/field', run: postField },
  { method: 'GET', template: '/rest/api/3/field/{fieldId}/context', run: getFieldContexts },
  { method: 'POST', template: '/rest/api/3/field/{fieldId}/context', run: postFieldContext },
  { method: 'GET', template: '/rest/api/3/field/{fieldId}/context/{contextId}/option', run: getOptions },
  { method: 'POST', template: '/rest/api/3/field/{fieldId}/context/{contextId}/option', run: postOptions },
];
