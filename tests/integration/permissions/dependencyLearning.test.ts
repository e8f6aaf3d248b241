/**
 * Auto Config in orgs whose PermissionDependency rows do not list what Modify All Data requires: the engine learns the
 * requirements from Salesforce's refusal, adds them, saves again, and says what it added and why in the job result,
 * the audit log and, once learnt, in Preview changes. Three org shapes: rows unlisted (the default), rows listed (the
 * documented case) and Forecasts enabled (more requirements). Over HTTP against the emulator.
 */
import { DEMO_ORGS, DEMO_USERS, type OrgShapes } from '@grax-connect/org-emulator';
import { LearnedDependencyStore } from '@service/permissions/learnedDependencies';
import { runJob, startHarness, TEST_ACTOR, type Harness } from '@test-support/engine/harness';
import { graxSets, jsforceAs, queryAll } from '@test-support/engine/orgQueries';

const GLOBEX = DEMO_ORGS.globex;
const REASON = 'required by Salesforce for Modify All Data';
/** API calls Auto Config spends on Globex up to and including the sets step's two saves (measured). */
const REMAINING_FOR_SETS = 7;

interface Addition {
  set: string;
  name: string;
  label: string;
  reason: string;
}
interface ApplyJobResult {
  writes: number;
  failures: unknown[];
  dependencyAdditions: Addition[];
  summary: { error: number; warning: number; info: number };
  apiCalls: number;
}

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function configure(orgShapes: OrgShapes): Promise<{ state: string; result: ApplyJobResult; jobId: string }> {
  h = await startHarness({ orgShapes });
  const connection = h.connect({ username: DEMO_USERS.globex.admin.username, orgId: GLOBEX.id });
  const started = await h.engine.startAutoConfig({ connection, trigger: TEST_ACTOR });
  const job = await runJob(h, started.jobId);
  return { state: job.state, result: job.result as unknown as ApplyJobResult, jobId: started.jobId };
}

async function templateFlags(harness: Harness): Promise<Record<string, unknown>> {
  const admin = jsforceAs(harness.emulator, DEMO_USERS.globex.admin.username, GLOBEX.id);
  const sets = await graxSets(admin);
  const rows = await queryAll(
    admin,
    `SELECT PermissionsModifyAllData, PermissionsEditTask, PermissionsTransferAnyLead, PermissionsManageQuotas FROM PermissionSet WHERE Id = '${String(sets.get('GRAX_Integration_User')?.Id)}'`,
  );
  return rows[0] ?? {};
}

describe('dependencies Salesforce does not list', () => {
  it('learns what Modify All Data requires from the refusal, adds it, and says so in the job result and the audit log', async () => {
    const run = await configure({});
    expect(run.state).toBe('succeeded');
    expect(run.result.failures).toEqual([]);
    expect(run.result.summary.error).toBe(0);
    expect(run.result.dependencyAdditions).toEqual(
      expect.arrayContaining([
        { set: 'GRAX Integration User', name: 'EditTask', label: 'Edit Tasks', reason: REASON },
        { set: 'GRAX Integration User', name: 'TransferAnyLead', label: 'Transfer Leads', reason: REASON },
      ]),
    );
    expect(run.result.dependencyAdditions.map((a) => a.label)).not.toContain('Manage Quotas');
    if (!h) throw new Error('no harness');
    expect(await templateFlags(h)).toMatchObject({
      PermissionsModifyAllData: true,
      PermissionsEditTask: true,
      PermissionsTransferAnyLead: true,
    });
    const [event] = await h.store.audit.list({ orgId: GLOBEX.id, action: 'permissions.autoconfig' });
    expect(event?.details.addedForSalesforce).toEqual(
      expect.arrayContaining([`Edit Tasks on GRAX Integration User (${REASON})`]),
    );
  });

  it('needs no learning where PermissionDependency lists the requirements, and learning costs at most 2 more calls', async () => {
    const listed = await configure({ globex: { dependencyRows: 'listed' } });
    expect(listed.state).toBe('succeeded');
    expect(listed.result.failures).toEqual([]);
    expect(listed.result.dependencyAdditions).toEqual([]);
    if (!h) throw new Error('no harness');
    expect(await templateFlags(h)).toMatchObject({ PermissionsModifyAllData: true, PermissionsEditTask: true });
    await h.close();
    const unlisted = await configure({});
    expect(unlisted.result.writes).toBe(listed.result.writes);
    expect(unlisted.result.apiCalls - listed.result.apiCalls).toBeLessThanOrEqual(2);
  });

  it('adds the forecast permissions in an org with Forecasts', async () => {
    const run = await configure({ globex: { forecasts: true } });
    expect(run.state).toBe('succeeded');
    expect(run.result.failures).toEqual([]);
    expect(run.result.dependencyAdditions.map((a) => a.label)).toEqual(
      expect.arrayContaining(['Manage Quotas', 'Override Forecasts', 'View All Forecasts', 'Edit Tasks']),
    );
    if (!h) throw new Error('no harness');
    expect(await templateFlags(h)).toMatchObject({ PermissionsModifyAllData: true, PermissionsManageQuotas: true });
  });

  it('with the package installed, learns on the Org Access set when the template lacks Modify All Data', async () => {
    // Acme Production has the package: its template arrived without user permissions (a package install drops them).
    h = await startHarness({});
    const run = await runJob(
      h,
      (await h.engine.startAutoConfig({ connection: h.connect('integration'), trigger: TEST_ACTOR })).jobId,
    );
    expect(run.state).toBe('succeeded');
    const result = run.result as unknown as ApplyJobResult;
    expect(result.failures).toEqual([]);
    expect(result.dependencyAdditions).toEqual(
      expect.arrayContaining([
        { set: 'GRAX Integration User - Org Access', name: 'EditTask', label: 'Edit Tasks', reason: REASON },
      ]),
    );
  });

  it('plans only what a set lacks: what it learnt and the set already holds is not added again', async () => {
    h = await startHarness({});
    const connection = h.connect('integration');
    const first = await runJob(h, (await h.engine.startAutoConfig({ connection, trigger: TEST_ACTOR })).jobId);
    expect(first.state).toBe('succeeded');
    // An administrator switches off one permission of the Org Access set that nothing else requires.
    const admin = jsforceAs(h.emulator, DEMO_USERS.acmeProduction.ssoAdmin.username, DEMO_ORGS.acmeProduction.id);
    const accessId = String((await graxSets(admin)).get('GRAX_Integration_User_Access')?.Id);
    const candidates = ['ViewEncryptedData', 'ManageNamedCredentials', 'UpdateWithInactiveOwner', 'CreateAuditFields'];
    const [flags] = await queryAll(
      admin,
      `SELECT ${candidates.map((c) => `Permissions${c}`).join(', ')} FROM PermissionSet WHERE Id = '${accessId}'`,
    );
    const removed = candidates.find((c) => flags?.[`Permissions${c}`] === true);
    if (!removed) throw new Error('the Org Access set holds none of the candidates');
    await admin.sobject('PermissionSet').update({ Id: accessId, [`Permissions${removed}`]: false });

    const preview = await h.engine.planAutoConfig({ connection });
    const access = preview.sets.find((s) => s.name === 'GRAX_Integration_User_Access');
    expect(access?.action).toBe('addPermissions');
    expect(access?.addPermissions.map((p) => p.name)).toEqual([removed]);
  });

  it('keeps what it learnt when a later step stops the run, and the next run writes it in its first save', async () => {
    h = await startHarness({});
    const connection = h.connect({ username: DEMO_USERS.globex.admin.username, orgId: GLOBEX.id });
    // Enough allowance to read, learn and save the sets, not enough to write the object permissions.
    h.emulator.control.spendAllowance(GLOBEX.id, REMAINING_FOR_SETS);
    const first = await runJob(h, (await h.engine.startAutoConfig({ connection, trigger: TEST_ACTOR })).jobId);
    expect(first.state).toBe('failed');
    expect(first.error).toMatchObject({ code: 'REQUEST_LIMIT_EXCEEDED' });
    const remembered = await new LearnedDependencyStore(h.store.settings).load(GLOBEX.id);
    expect(remembered.map((r) => r.label)).toEqual(expect.arrayContaining(['Edit Tasks', 'Transfer Leads']));
    h.emulator.control.spendAllowance(GLOBEX.id, 15000);
    const second = await runJob(h, (await h.engine.startAutoConfig({ connection, trigger: TEST_ACTOR })).jobId);
    expect(second.state).toBe('succeeded');
    expect((second.result as unknown as ApplyJobResult).failures).toEqual([]);
  });

  it('remembers what it learnt: Preview changes lists those permissions with the reason before the next write', async () => {
    const run = await configure({});
    expect(run.state).toBe('succeeded');
    if (!h) throw new Error('no harness');
    // An administrator deletes the GRAX Integration User set in Setup (its assignment goes first).
    const admin = jsforceAs(h.emulator, DEMO_USERS.globex.admin.username, GLOBEX.id);
    const accessId = String((await graxSets(admin)).get('GRAX_Integration_User')?.Id);
    const assignments = await queryAll(
      admin,
      `SELECT Id FROM PermissionSetAssignment WHERE PermissionSetId = '${accessId}'`,
    );
    for (const a of assignments) await admin.sobject('PermissionSetAssignment').destroy(String(a.Id));
    await admin.sobject('PermissionSet').destroy(accessId);

    const connection = h.connect({ username: DEMO_USERS.globex.admin.username, orgId: GLOBEX.id });
    const preview = await h.engine.planAutoConfig({ connection });
    const access = preview.sets.find((s) => s.name === 'GRAX_Integration_User');
    expect(access?.action).toBe('create');
    expect(access?.addPermissions).toEqual(
      expect.arrayContaining([
        { name: 'ModifyAllData', label: 'Modify All Data' },
        { name: 'EditTask', label: 'Edit Tasks', reason: REASON },
      ]),
    );

    const started = await h.engine.startAutoConfig({ connection, trigger: TEST_ACTOR });
    const again = await runJob(h, started.jobId);
    expect(again.state).toBe('succeeded');
    const result = again.result as unknown as ApplyJobResult;
    expect(result.failures).toEqual([]);
    expect(result.dependencyAdditions.map((a) => a.label)).toContain('Edit Tasks');
  });
});
