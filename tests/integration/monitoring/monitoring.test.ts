/**
 * Monitoring: a scan after the org gained 20 custom fields finds drift, raises the banner, an audit event, a webhook
 * call (to a local receiver) and an email (to a local SMTP server); Auto Fix applies the missing grants and the next
 * scan is clean. Also: Auto Fix after scan, and the API usage the service reports.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ScanScheduler } from '@service/jobs/scanScheduler';
import { createAlertSender } from '@service/monitoring/alertSender';
import { permissionDriftBanner } from '@service/web/views/permissions/driftBanner';
import { DEMO_USERS } from '@grax-connect/org-emulator';
import { ACME, runJob, startHarness, TEST_ACTOR, type Harness } from '@test-support/engine/harness';
import { graxSets, jsforceAs, queryAll } from '@test-support/engine/orgQueries';
import { startSmtpReceiver, type SmtpReceiver } from '@test-support/smtpReceiver';

let h: Harness;
let webhook: http.Server;
let smtp: SmtpReceiver;
const hooks: Record<string, unknown>[] = [];

beforeEach(async () => {
  hooks.length = 0;
  webhook = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      hooks.push(JSON.parse(body) as Record<string, unknown>);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
  smtp = await startSmtpReceiver();
  const webhookPort = (webhook.address() as AddressInfo).port;
  h = await startHarness({
    engine: {
      alerts: createAlertSender({
        webhookUrl: `http://127.0.0.1:${webhookPort}/grax-alerts`,
        smtpUrl: smtp.url,
        adminEmails: ['it-admins@acme.example'],
        from: 'grax-connect@grax.example',
      }),
    },
  });
});

afterEach(async () => {
  await h.close();
  await new Promise<void>((resolve) => webhook.close(() => resolve()));
  await smtp.close();
});

async function job(started: Promise<{ jobId: string }>): Promise<Record<string, unknown>> {
  const finished = await runJob(h, (await started).jobId);
  expect(finished.state).toBe('succeeded');
  return finished.result as Record<string, unknown>;
}

it('alerts on drift after 20 new fields, and Auto Fix makes the next scan clean', async () => {
  const connection = h.connect('integration');
  await job(h.engine.startAutoConfig({ connection, trigger: TEST_ACTOR }));
  await job(h.engine.startScan({ orgId: ACME.id, trigger: TEST_ACTOR }));
  expect((await h.engine.getPermissionStatus(ACME.id)).permissions.state).toBe('ok');
  expect(hooks).toEqual([]);

  h.emulator.control.addCustomFields(ACME.id, 'Account', { count: 20 });
  const scan = await job(h.engine.startScan({ orgId: ACME.id, trigger: TEST_ACTOR }));
  expect(scan).toMatchObject({ state: 'drift', newFindings: 20 });
  const status = await h.engine.getPermissionStatus(ACME.id);
  expect(status.permissions.state).toBe('drift');
  const subjects = status.permissions.findings.map((f) => f.subject);
  expect(subjects).toHaveLength(20);
  expect(subjects.every((s) => /^Field: Account\.Emulator_Added_\d+__c$/.test(s))).toBe(true);

  const banner = permissionDriftBanner(status);
  expect(banner).toMatchObject({ kind: 'error', action: { label: 'Review and fix', href: '/web/permissions' } });
  expect(String(banner?.message)).toContain('Permission drift');

  expect(hooks).toHaveLength(1);
  expect(hooks[0]).toMatchObject({
    event: 'grax.permissions.drift',
    orgId: ACME.id,
    orgName: ACME.name,
    count: 20,
    reviewUrl: 'http://127.0.0.1:3000/web/permissions',
  });
  expect(JSON.stringify(hooks[0])).not.toMatch(/00D[A-Za-z0-9]{12,15}![A-Za-z0-9._]+/);
  expect(smtp.mails).toHaveLength(1);
  expect(smtp.mails[0]?.to).toEqual(['it-admins@acme.example']);
  expect(smtp.mails[0]?.raw).toContain('Subject: GRAX: 20 permission problems found in Acme Production');
  expect(smtp.mails[0]?.raw).toContain('Account.Emulator_Added_1__c');
  const audit = await h.store.audit.list({ action: 'permissions.drift' });
  expect(audit).toHaveLength(1);
  expect(audit[0]?.details).toMatchObject({ newFindings: 20 });

  // The same drift is not alerted twice.
  await job(h.engine.startScan({ orgId: ACME.id, trigger: TEST_ACTOR }));
  expect(hooks).toHaveLength(1);
  expect(smtp.mails).toHaveLength(1);

  const fix = await job(h.engine.startAutoFix({ orgId: ACME.id, trigger: TEST_ACTOR }));
  expect(fix).toMatchObject({ writes: 20, failureCount: 0, summary: { error: 0, warning: 0, info: 0 } });
  const clean = await job(h.engine.startScan({ orgId: ACME.id, trigger: TEST_ACTOR }));
  expect(clean).toMatchObject({ state: 'ok', newFindings: 0 });
  expect(permissionDriftBanner(await h.engine.getPermissionStatus(ACME.id))).toBeNull();
  expect(hooks).toHaveLength(1);
});

it('calls a new object and an unassigned set drift, and Auto Fix grants and assigns them again', async () => {
  const connection = h.connect('integration');
  await job(h.engine.startAutoConfig({ connection, trigger: TEST_ACTOR }));
  const admin = jsforceAs(h.emulator, DEMO_USERS.acmeProduction.ssoAdmin.username, ACME.id);
  const accessId = String((await graxSets(admin)).get('GRAX_Integration_User_Access')?.Id);
  const assignmentsOfAccess = (): Promise<Record<string, unknown>[]> =>
    queryAll(
      admin,
      `SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '${connection.userId}' AND PermissionSetId = '${accessId}'`,
    );
  const [assignment] = await assignmentsOfAccess();
  await admin.sobject('PermissionSetAssignment').destroy(String(assignment?.Id));
  h.emulator.control.addCustomObject(ACME.id, { name: 'Shipment__c', label: 'Shipment', labelPlural: 'Shipments' });

  const scan = await job(h.engine.startScan({ orgId: ACME.id, trigger: TEST_ACTOR }));
  expect(scan).toMatchObject({ state: 'drift' });
  const findings = (await h.engine.getPermissionStatus(ACME.id)).permissions.findings;
  expect(findings).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        code: 'PERMISSION_SET_NOT_ASSIGNED',
        severity: 'error',
        subject: 'Permission set: GRAX Integration User - Org Access',
      }),
      expect.objectContaining({
        code: 'OBJECT_ACCESS_MISSING',
        subject: 'Object: Shipment__c',
        remediation: expect.stringContaining('Object Settings > Shipment__c'),
      }),
    ]),
  );
  expect(hooks).toHaveLength(1);
  expect(smtp.mails).toHaveLength(1);

  await job(h.engine.startAutoFix({ orgId: ACME.id, trigger: TEST_ACTOR }));
  expect(await assignmentsOfAccess()).toHaveLength(1);
  const clean = await job(h.engine.startScan({ orgId: ACME.id, trigger: TEST_ACTOR }));
  expect(clean).toMatchObject({ state: 'ok' });
  expect((await h.engine.getPermissionStatus(ACME.id)).permissions.findings).toEqual([]);
});

it('runs Auto Fix by itself after a drifting scan when the setting is on (off by default)', async () => {
  const connection = h.connect('integration');
  await job(h.engine.startAutoConfig({ connection, trigger: TEST_ACTOR }));
  expect(await h.engine.autoFixAfterScan()).toBe(false);
  await h.engine.setAutoFixAfterScan(true, TEST_ACTOR);
  h.emulator.control.addCustomFields(ACME.id, 'Contact', { count: 5 });
  const scan = await job(h.engine.startScan({ orgId: ACME.id, trigger: TEST_ACTOR }));
  expect(scan.autoFixJobId).toEqual(expect.any(String));
  await h.engine.drain();
  const fix = await h.store.jobs.get(String(scan.autoFixJobId));
  expect(fix).toMatchObject({
    kind: 'autofix',
    state: 'succeeded',
    trigger: { kind: 'system', id: 'auto-fix-after-scan', name: 'Auto Fix after scan' },
  });
  expect((await h.engine.getPermissionStatus(ACME.id)).permissions.state).toBe('ok');
});

it('reports DailyApiRequests and its own calls per hour, counted as Salesforce counts them', async () => {
  const connection = h.connect('integration');
  const result = await job(h.engine.startAutoConfig({ connection, trigger: TEST_ACTOR }));
  const used = h.emulator.control.stats().apiUsage[ACME.id]?.used;
  await new Promise((resolve) => setTimeout(resolve, 50));
  const usage = await h.engine.getApiUsage(ACME.id);
  expect(usage.serviceCallsLast24h).toBe(used);
  expect(usage.serviceCallsLast24h).toBe(result.apiCalls);
  expect(usage.hourly).toHaveLength(24);
  expect(usage.hourly.at(-1)?.calls).toBe(used);
  expect(usage.dailyApiRequests).toEqual({ max: 15000, remaining: 15000 - (used ?? 0) });
});

it('scans on schedule, one scheduler across replicas', async () => {
  h.connect('integration');
  expect(await h.engine.scheduler.tick()).toEqual([ACME.id]);
  // A second replica's scheduler with another owner does not get the lock while the first holds it.
  const replica = new ScanScheduler({
    store: h.store,
    owner: 'replica-2',
    intervalMs: 6 * 3600_000,
    orgs: async () => [ACME.id],
    enqueueScan: async () => {
      throw new Error('the second replica must not enqueue');
    },
    now: () => new Date(),
  });
  expect(await replica.tick()).toEqual([]);
  await h.engine.drain();
  // The scan just ran: not due again for SCAN_INTERVAL_MS.
  expect(await h.engine.scheduler.tick()).toEqual([]);
  const scans = await h.store.jobs.list({ kind: 'scan' });
  expect(scans).toHaveLength(1);
  expect(scans[0]).toMatchObject({
    state: 'succeeded',
    trigger: { kind: 'system', id: 'scheduler', name: 'Scheduled scan' },
  });
});

it('queues no scheduled scan while Auto Config, Auto Fix or Verify for the org is queued or running', async () => {
  const connection = h.connect('integration');
  const started = await h.engine.startAutoConfig({ connection, trigger: TEST_ACTOR });
  expect(started.state).toBe('queued');
  expect(await h.engine.scheduler.tick()).toEqual([]);
  await h.engine.drain();
  expect((await h.store.jobs.get(started.jobId))?.state).toBe('succeeded');
  await h.engine.startVerify({ connection, trigger: TEST_ACTOR });
  expect(await h.engine.scheduler.tick()).toEqual([]);
  await h.engine.drain();
  // Nothing blocks it any more, and no scan ran yet: due now.
  expect(await h.engine.scheduler.tick()).toEqual([ACME.id]);
  expect((await h.store.jobs.list({ kind: 'scan' })).map((j) => j.trigger.id)).toEqual(['scheduler']);
});

it('reports a revoked connection as drift with the next step, and alerts', async () => {
  const connection = h.connect('integration');
  await job(h.engine.startAutoConfig({ connection, trigger: TEST_ACTOR }));
  h.emulator.control.revokeTokens({ orgId: ACME.id });
  const scan = await job(h.engine.startScan({ orgId: ACME.id, trigger: TEST_ACTOR }));
  expect(scan).toMatchObject({ state: 'drift', newFindings: 1 });
  const [finding] = (await h.engine.getPermissionStatus(ACME.id)).permissions.findings;
  expect(finding).toMatchObject({
    code: 'TOKEN_INVALID',
    severity: 'error',
    message: expect.stringContaining("GRAX's Salesforce session is no longer valid"),
    remediation: expect.stringContaining('Reconnect in Settings > Salesforce with Update.'),
  });
  expect(hooks).toHaveLength(1);
  expect(smtp.mails).toHaveLength(1);
});

it('says when the integration user was deactivated', async () => {
  const connection = h.connect('integration');
  await job(h.engine.startAutoConfig({ connection, trigger: TEST_ACTOR }));
  h.emulator.control.setUserActive({ orgId: ACME.id, userId: connection.userId }, false);
  await job(h.engine.startScan({ orgId: ACME.id, trigger: TEST_ACTOR }));
  const [finding] = (await h.engine.getPermissionStatus(ACME.id)).permissions.findings;
  expect(finding).toMatchObject({
    code: 'TOKEN_INVALID',
    message: expect.stringContaining('the integration user was deactivated'),
  });
});

it('says when the integration user may no longer use the API, and how to fix it', async () => {
  h.connect('apiDisabled');
  const scan = await job(h.engine.startScan({ orgId: ACME.id, trigger: TEST_ACTOR }));
  expect(scan).toMatchObject({ state: 'drift', newFindings: 1 });
  const [finding] = (await h.engine.getPermissionStatus(ACME.id)).permissions.findings;
  expect(finding).toMatchObject({
    code: 'TOKEN_INVALID',
    severity: 'error',
    message: 'The permission scan stopped: the integration user cannot use the Salesforce API (API Enabled is off).',
    remediation: expect.stringContaining('Enable API Enabled for the integration user (profile or permission set)'),
  });
  expect(hooks).toHaveLength(1);
});
