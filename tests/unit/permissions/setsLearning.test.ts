/**
 * The sets step against a Salesforce that refuses Modify All Data for requirements it names: it saves again with them,
 * at most MAX_LEARNING_ROUNDS more times, and stops with the admin's next step on a label no field carries.
 */
import type { SalesforceClient } from '@service/salesforce/apiClient';
import type { CompositeSubrequest, CompositeSubresponse } from '@service/salesforce/api/types';
import type { PermissionConnection } from '@service/permissions/connection';
import { FEATURES } from '@service/permissions/profile';
import { RunRefusal } from '@service/permissions/run/adminErrors';
import { createRunContext } from '@service/permissions/run/createRunContext';
import { applySets, decideSets, MAX_LEARNING_ROUNDS } from '@service/permissions/steps/setsStep';
import { access } from '@test-support/accessBuilder';

const CONNECTION = { orgId: '00D000000000001AAA', userId: '005000000000001AAA', username: 'grax@acme.example' };

/** A composite endpoint that refuses a set with Modify All Data until `requires(body)` answers nothing. */
function fakeSalesforce(requires: (body: Record<string, unknown>) => string | undefined): {
  client: SalesforceClient;
  calls: CompositeSubrequest[][];
} {
  const calls: CompositeSubrequest[][] = [];
  const client = {
    dataPath: '/services/data/v62.0',
    calls: 0,
    composite: async (subrequests: CompositeSubrequest[]): Promise<CompositeSubresponse[]> => {
      calls.push(subrequests);
      const refused = new Set<string>();
      return subrequests.map((s) => {
        const body = (s.body ?? {}) as Record<string, unknown>;
        const message = s.referenceId.startsWith('set_') ? requires(body) : undefined;
        if (message) {
          refused.add(s.referenceId.replace('set_', ''));
          return {
            referenceId: s.referenceId,
            httpStatusCode: 400,
            httpHeaders: {},
            body: [{ errorCode: 'FIELD_INTEGRITY_EXCEPTION', message, fields: [] }],
          };
        }
        if (s.referenceId.startsWith('assign_') && refused.has(s.referenceId.replace('assign_', ''))) {
          return {
            referenceId: s.referenceId,
            httpStatusCode: 400,
            httpHeaders: {},
            body: [{ errorCode: 'PROCESSING_HALTED', message: 'Invalid reference specified', fields: [] }],
          };
        }
        return {
          referenceId: s.referenceId,
          httpStatusCode: 201,
          httpHeaders: {},
          body: { id: `0PS${s.referenceId}` },
        };
      });
    },
  } as unknown as SalesforceClient;
  return { client, calls };
}

function run(requires: (body: Record<string, unknown>) => string | undefined, extra: string[] = []) {
  const a = access();
  for (const name of ['EditTask', ...extra]) a.availablePermissions.add(name);
  a.permissionLabels.set('edit tasks', 'EditTask');
  for (const name of extra) a.permissionLabels.set(`${name.toLowerCase()} label`, name);
  a.systemPermissions.add('ManageProfilesPermissionsets');
  a.systemPermissions.add('AssignPermissionSets');
  const sf = fakeSalesforce(requires);
  const ctx = createRunContext({
    client: sf.client,
    connection: CONNECTION as unknown as PermissionConnection,
    features: FEATURES,
  });
  ctx.cache.access = a;
  return { ctx, plan: decideSets(FEATURES, a, undefined), calls: sf.calls };
}

describe('the sets step learns what Salesforce requires', () => {
  it('adds what the refusal names and saves that set and its assignment again, once', async () => {
    const { ctx, plan, calls } = run((body) =>
      body.PermissionsModifyAllData === true && body.PermissionsEditTask !== true
        ? 'Permission Modify All Data depends on permission(s): Edit Tasks'
        : undefined,
    );
    await applySets(ctx, plan);
    expect(calls).toHaveLength(2);
    // The template set carries Modify All Data here: only it and its assignment are sent again.
    expect(calls[1]?.map((s) => s.referenceId).sort()).toEqual(['assign_template', 'set_template']);
    expect(calls[1]?.[0]?.body).toMatchObject({ PermissionsModifyAllData: true, PermissionsEditTask: true });
    expect(ctx.failures).toEqual([]);
    expect(ctx.cache.dependencyAdditions?.map((a) => [a.name, a.reason])).toEqual([
      ['EditTask', 'required by Salesforce for Modify All Data'],
    ]);
    expect(ctx.cache.learnt?.map((r) => r.name)).toEqual(['EditTask']);
  });

  it('stops after MAX_LEARNING_ROUNDS more saves and reports the refusal with the next step', async () => {
    // Each answer names one more requirement than the last save had.
    const extra = Array.from({ length: 10 }, (_, i) => `Extra${i}`);
    const { ctx, plan, calls } = run((body) => {
      const missing = extra.find((p) => body[`Permissions${p}`] !== true);
      return body.PermissionsModifyAllData === true && missing
        ? `Permission Modify All Data depends on permission(s): ${missing} label`
        : undefined;
    }, extra);
    await applySets(ctx, plan);
    expect(calls).toHaveLength(1 + MAX_LEARNING_ROUNDS);
    expect(ctx.failures).toEqual([
      expect.objectContaining({
        errorCode: 'FIELD_INTEGRITY_EXCEPTION',
        nextStep: expect.stringContaining('Enable the permissions Salesforce names'),
      }),
    ]);
    expect(ctx.cache.dependencyAdditions).toEqual([]);
  });

  it('does not save again when the refusal names nothing the set lacks', async () => {
    const { ctx, plan, calls } = run((body) =>
      body.PermissionsModifyAllData === true
        ? 'Permission Modify All Data depends on permission(s): Edit Tasks'
        : undefined,
    );
    await applySets(ctx, plan);
    expect(calls).toHaveLength(2);
    expect(ctx.failures).toHaveLength(1);
  });

  it('stops the run with the next step when a label matches no permission set field', async () => {
    const { ctx, plan } = run((body) =>
      body.PermissionsModifyAllData === true
        ? 'Permission Modify All Data depends on permission(s): Gérer les quotas'
        : undefined,
    );
    const failure = applySets(ctx, plan);
    await expect(failure).rejects.toBeInstanceOf(RunRefusal);
    await expect(failure).rejects.toMatchObject({
      code: 'DEPENDENCY_UNKNOWN',
      actions: [expect.stringContaining('enable Gérer les quotas (Salesforce requires it for Modify All Data)')],
    });
  });
});
