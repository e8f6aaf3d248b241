/**
 * The control API under `/__emulator/` (JSON in, JSON out): the HTTP face of EmulatorControl for tests and tools that
 * run the emulator as a separate process. Bad input answers 400 `{error}` saying what to send instead.
 */
import { z } from 'zod';
import type { HttpResult, IncomingCall } from '../core/httpTypes';
import { FIELD_TYPES } from '../../org/types';
import { jsonResult } from '../core/results';
import { lookupRoute, type Route } from '../core/routeTable';
import { ControlError, type EmulatorControl } from './control';

const tokenTarget = z.object({
  orgId: z.string().optional(),
  userId: z.string().optional(),
  username: z.string().optional(),
  clientId: z.string().optional(),
  all: z.boolean().optional(),
});

const faultSpec = z.object({
  method: z.string().optional(),
  path: z.string().min(1).optional(),
  pathRegex: z.string().min(1).optional(),
  count: z.number().int().positive().optional(),
  afterCalls: z.number().int().nonnegative().optional(),
  status: z.number().int().min(100).max(599).optional(),
  body: z.unknown().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  dropConnection: z.boolean().optional(),
  latencyMs: z.number().nonnegative().optional(),
});

const clientApp = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  name: z.string().default('Client App'),
  callbackUrls: z.array(z.string()).min(1),
  requireSecret: z.boolean().default(true),
  refreshTokenRotation: z.boolean().default(false),
  consentRequired: z.boolean().default(false),
  installedOrgIds: z.array(z.string()).default([]),
  scopes: z.array(z.string()).optional(),
  sessionTimeoutMs: z.number().positive().optional(),
  requirePkce: z.boolean().optional(),
});

const customField = z
  .object({
    name: z.string().regex(/__c$/, 'must end in __c'),
    label: z.string().min(1),
    type: z.enum(FIELD_TYPES),
    childRelationshipName: z.string().optional(),
  })
  .passthrough();

const customObject = z.object({
  orgId: z.string(),
  name: z.string().regex(/__(c|mdt)$/, 'must end in __c or __mdt'),
  label: z.string().min(1),
  labelPlural: z.string().optional(),
  masterObject: z.string().optional(),
  autoNumberName: z.boolean().optional(),
  accessModel: z.enum(['data', 'customSetting', 'customMetadata']).optional(),
  fields: z.array(customField).optional(),
  grantProfiles: z.array(z.string()).optional(),
});

const permissionRows = z.object({
  orgId: z.string(),
  object: z.enum(['ObjectPermissions', 'FieldPermissions', 'SetupEntityAccess', 'PermissionSetAssignment']),
  ids: z.array(z.string()).optional(),
  parentId: z.string().optional(),
  permissionSetName: z.string().optional(),
  sobjectType: z.string().optional(),
  field: z.string().optional(),
  setupEntityId: z.string().optional(),
  assigneeId: z.string().optional(),
});

const userTarget = z.object({
  orgId: z.string().optional(),
  userId: z.string().optional(),
  username: z.string().optional(),
});

type ControlHandler = (control: EmulatorControl, body: unknown) => unknown;

function route(methods: string[], pattern: string, handler: ControlHandler): Route<ControlHandler> {
  return { methods, pattern, data: handler };
}

const ok = { ok: true };

const CONTROL_ROUTES: Route<ControlHandler>[] = [
  route(['POST'], '/reset', (c) => (c.reset(), ok)),
  route(['GET'], '/orgs', (c) => c.orgs()),
  route(['POST'], '/orgs/refresh-sandbox', (c, b) => c.refreshSandbox(z.object({ orgId: z.string() }).parse(b).orgId)),
  route(['POST'], '/faults', (c, b) => {
    const fault = c.addFault(faultSpec.parse(b));
    return { id: fault.id, remaining: fault.remaining };
  }),
  route(['GET'], '/faults', (c) => c.listFaults().map(({ matcher: _m, ...f }) => f)),
  route(['DELETE'], '/faults', (c) => (c.clearFaults(), ok)),
  route(['POST'], '/latency', (c, b) => (c.setLatency(z.object({ ms: z.number().nonnegative() }).parse(b).ms), ok)),
  route(['POST'], '/tokens/expire', (c, b) => ({ count: c.expireTokens(tokenTarget.parse(b)) })),
  route(['POST'], '/tokens/revoke', (c, b) => ({ count: c.revokeTokens(tokenTarget.parse(b)) })),
  route(['POST'], '/tokens/issue', (c, b) =>
    c.issueToken(
      z
        .object({
          username: z.string().min(1),
          clientId: z.string().optional(),
          scopes: z.array(z.string()).optional(),
        })
        .parse(b),
    ),
  ),
  route(['POST'], '/allowance/spend', (c, b) => {
    const { orgId, remaining } = z.object({ orgId: z.string(), remaining: z.number().int().nonnegative() }).parse(b);
    c.spendAllowance(orgId, remaining);
    return ok;
  }),
  route(
    ['POST'],
    '/clock/advance',
    (c, b) => (c.advanceClock(z.object({ ms: z.number().positive() }).parse(b).ms), ok),
  ),
  route(['GET'], '/stats', (c) => c.stats()),
  route(['POST'], '/client-apps', (c, b) => (c.registerClientApp(clientApp.parse(b)), ok)),
  route(['POST'], '/data/custom-object', (c, b) => {
    const { orgId, ...spec } = customObject.parse(b);
    const object = c.addCustomObject(orgId, spec);
    return { name: object.name, keyPrefix: object.keyPrefix, fields: object.fields.map((f) => f.name) };
  }),
  route(['POST'], '/data/custom-fields', (c, b) => {
    const input = z
      .object({
        orgId: z.string(),
        objectName: z.string(),
        count: z.number().int().positive().max(5000).optional(),
        fields: z.array(customField).optional(),
        grantProfiles: z.array(z.string()).optional(),
      })
      .parse(b);
    return c.addCustomFields(input.orgId, input.objectName, input).map((f) => ({ name: f.name, type: f.type }));
  }),
  route(['POST'], '/data/permission-rows/delete', (c, b) => {
    const { orgId, ...filter } = permissionRows.parse(b);
    return { deleted: c.deletePermissionRows(orgId, filter) };
  }),
  route(['POST'], '/package/install', (c, b) =>
    c.installPackage(
      z
        .object({
          orgIds: z.array(z.string().min(1)).min(1),
          metadataDir: z.string().min(1),
          packageName: z.string().min(1).optional(),
        })
        .parse(b),
    ),
  ),
  route(['POST'], '/data/user-active', (c, b) => {
    const { active, ...target } = userTarget.extend({ active: z.boolean() }).parse(b);
    c.setUserActive(target, active);
    return ok;
  }),
];

function describeZodError(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
}

/** Handles a call under /__emulator/. */
export function handleControl(control: EmulatorControl, call: IncomingCall): HttpResult {
  const path = call.path.slice('/__emulator'.length) || '/';
  const lookup = lookupRoute(CONTROL_ROUTES, call.method, path);
  if (lookup.kind !== 'match') {
    const paths = CONTROL_ROUTES.map((r) => `${r.methods.join('|')} /__emulator${r.pattern}`).join(', ');
    return jsonResult(404, { error: `No control endpoint ${call.method} ${call.path}. Available: ${paths}.` });
  }
  try {
    const body = call.body.isEmpty ? {} : call.body.json();
    return jsonResult(200, lookup.match.route.data(control, body) ?? ok);
  } catch (error) {
    if (error instanceof z.ZodError)
      return jsonResult(400, { error: `Invalid request body: ${describeZodError(error)}` });
    // Data edits refuse bad input (a duplicate object, an unknown field type) with the model's own message.
    if (error instanceof ControlError || error instanceof Error) return jsonResult(400, { error: error.message });
    throw error;
  }
}
