/**
 * What GRAX Setup reads and starts through the org API, against the emulator-backed service: the status document
 * before and after connecting, and Verify / Scan / Auto Fix as background jobs that status then shows running and
 * finished.
 */
import {
  ACME,
  ACME_SANDBOX,
  errorOf,
  INTEGRATION_USER,
  keyIdOf,
  startOrgApiWorld,
  type OrgApiWorld,
} from '@test-support/worlds/orgApiWorld';

interface StatusJson {
  service: { version: string; publicUrl: string };
  link: { orgId: string; keyId: string; createdAt: string };
  connection: Record<string, unknown> & { state: string };
  permissions: { state: string; lastScanAt: string | null; summary: Record<string, number>; findings: unknown[] };
  jobs: {
    id: string;
    kind: string;
    state: string;
    progress: unknown;
    startedAt: string | null;
    finishedAt: string | null;
    error: unknown;
  }[];
  apiUsage: {
    dailyApiRequests: { max: number; remaining: number } | null;
    serviceCallsLast24h: number;
    hourly: { hour: string; calls: number }[];
  };
}

describe('org API status and jobs', () => {
  let world: OrgApiWorld;
  let key: string;

  beforeAll(async () => {
    world = await startOrgApiWorld();
    key = await world.issueKey();
  });

  afterAll(async () => {
    await world.stop();
  });

  async function status(withKey = key, orgId = ACME.id): Promise<StatusJson> {
    const response = await world.api('/status', { key: withKey, orgId });
    expect(response.status).toBe(200);
    return (await response.json()) as StatusJson;
  }

  function start(kind: string, withKey = key, orgId = ACME.id): Promise<Response> {
    // What GraxServiceClient sends: POST, Content-Type application/json, no body.
    return world.api(`/${kind}`, { key: withKey, orgId, method: 'POST' });
  }

  async function waitForJob(jobId: string): Promise<StatusJson['jobs'][number]> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const job = (await status()).jobs.find((j) => j.id === jobId);
      if (job && (job.state === 'succeeded' || job.state === 'failed')) return job;
      if (Date.now() > deadline) throw new Error(`job ${jobId} did not finish: ${JSON.stringify(job)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('reports a disconnected org with the link, unknown permissions, no jobs and no API figures yet', async () => {
    const body = await status();
    expect(Object.keys(body).sort()).toEqual(['apiUsage', 'connection', 'jobs', 'link', 'permissions', 'service']);
    expect(body.service).toEqual({ version: '1.0.0', publicUrl: world.service.config.publicUrl });
    expect(body.link).toEqual({ orgId: ACME.id, keyId: keyIdOf(key), createdAt: expect.any(String) });
    expect(body.connection).toEqual({
      state: 'disconnected',
      orgId: null,
      orgName: null,
      environment: null,
      orgType: null,
      instanceUrl: null,
      username: null,
      userId: null,
      mode: null,
      connectedAt: null,
    });
    expect(body.permissions).toEqual({
      state: 'unknown',
      lastScanAt: null,
      summary: { error: 0, warning: 0, info: 0 },
      findings: [],
    });
    expect(body.jobs).toEqual([]);
    expect(body.apiUsage.dailyApiRequests).toBeNull();
    expect(body.apiUsage.serviceCallsLast24h).toBe(0);
    expect(body.apiUsage.hourly).toHaveLength(24);
  });

  it('refuses Verify, Scan and Auto Fix with NOT_CONNECTED while GRAX is not connected', async () => {
    for (const kind of ['verify', 'scan', 'autofix']) {
      const response = await start(kind);
      expect(response.status).toBe(409);
      const error = await errorOf(response);
      expect(error.code).toBe('NOT_CONNECTED');
      expect(error.message).toContain('not connected to this org');
    }
  });

  it('shows the connection once the integration user is connected', async () => {
    const connection = await world.connectIntegrationUser('manual');
    const body = await status();
    expect(body.connection).toEqual({
      state: 'connected',
      orgId: ACME.id,
      orgName: ACME.name,
      environment: 'production',
      orgType: 'production',
      instanceUrl: connection.instanceUrl,
      username: INTEGRATION_USER.username,
      userId: connection.userId,
      mode: 'manual',
      connectedAt: connection.connectedAt.toISOString(),
    });
  });

  it('starts Verify at once (202), refuses a second Verify while it runs, and reports it running and then finished', async () => {
    world.emulator.control.setLatency(150);
    try {
      const response = await start('verify');
      expect(response.status).toBe(202);
      const started = (await response.json()) as { jobId: string; kind: string; state: string };
      expect(started).toEqual({ jobId: expect.stringMatching(/^job_/), kind: 'verify', state: 'queued' });

      const duplicate = await start('verify');
      expect(duplicate.status).toBe(409);
      const error = await errorOf(duplicate);
      expect(error.code).toBe('JOB_RUNNING');
      expect(error.jobId).toBe(started.jobId);

      const deadline = Date.now() + 30_000;
      let seenRunning = false;
      while (!seenRunning && Date.now() < deadline) {
        const job = (await status()).jobs.find((j) => j.id === started.jobId);
        seenRunning = job?.state === 'running';
        if (!seenRunning) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(seenRunning).toBe(true);
    } finally {
      world.emulator.control.setLatency(0);
    }
    const verify = (await status()).jobs.find((j) => j.kind === 'verify');
    if (!verify) throw new Error('no verify job in status');
    const finished = await waitForJob(verify.id);
    expect(finished).toMatchObject({ kind: 'verify', state: 'succeeded', error: null });
    expect(finished.finishedAt).not.toBeNull();
    const body = await status();
    expect(['ok', 'findings']).toContain(body.permissions.state);
    expect(body.apiUsage.serviceCallsLast24h).toBeGreaterThan(0);
  });

  it('runs Scan Now and Auto Fix through the same calls', async () => {
    for (const kind of ['scan', 'autofix']) {
      const response = await start(kind);
      expect(response.status).toBe(202);
      const { jobId } = (await response.json()) as { jobId: string };
      const finished = await waitForJob(jobId);
      expect(finished).toMatchObject({ kind, state: 'succeeded' });
    }
    const body = await status();
    expect(body.permissions.lastScanAt).not.toBeNull();
    expect(body.jobs.map((j) => j.kind)).toEqual(expect.arrayContaining(['verify', 'scan', 'autofix']));
    expect(body.apiUsage.dailyApiRequests).toEqual({ max: ACME.dailyApiRequestsMax, remaining: expect.any(Number) });
    const audit = await world.service.store.audit.list({ limit: 100 });
    for (const kind of ['verify', 'scan', 'autofix']) {
      expect(audit.some((e) => e.action === `orgApi.${kind}` && e.target === keyIdOf(key))).toBe(true);
    }
  });

  it('shows another org nothing of the connected org, and refuses its jobs', async () => {
    const sandboxKey = await world.issueKey(ACME_SANDBOX.id);
    const body = await status(sandboxKey, ACME_SANDBOX.id);
    expect(body.connection).toMatchObject({ state: 'disconnected', orgId: null, username: null });
    expect(body.jobs).toEqual([]);
    const response = await start('verify', sandboxKey, ACME_SANDBOX.id);
    expect(response.status).toBe(409);
    expect(await errorOf(response)).toMatchObject({
      code: 'NOT_CONNECTED',
      message: expect.stringContaining('connected to a different org'),
    });
  });

  it('reports reauthorization required, and refuses jobs until GRAX is reconnected', async () => {
    const active = await world.service.store.connections.getActive();
    if (!active) throw new Error('no active connection');
    await world.service.store.connections.update(active.id, { state: 'reauthorization_required' });
    expect((await status()).connection.state).toBe('reauthorization_required');
    const response = await start('scan');
    expect(response.status).toBe(409);
    expect(await errorOf(response)).toMatchObject({
      code: 'NOT_CONNECTED',
      message: expect.stringContaining('can no longer use its connection'),
    });
  });
});
