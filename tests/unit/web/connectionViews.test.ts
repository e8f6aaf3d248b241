/**
 * What the connection views say: job progress, the connection banner per state and audience, the sign-in notice, the
 * notice of what a connect did, and the connect page after Reset.
 */
import {
  connectedNotice,
  connectionBanner,
  connectionDoneNotice,
  connectionDoneOf,
} from '@service/web/views/connectBanner';
import { connectPageBody } from '@service/web/views/connectPage';
import { jobProgressCard, jobView } from '@service/web/views/homeJobProgress';
import type { Job } from '@service/domain/jobs';

function job(overrides: Partial<Job>): Job {
  return {
    id: 'job_1',
    kind: 'autoconfig',
    state: 'queued',
    trigger: { kind: 'setup', id: 'setup-token', name: 'Setup token' },
    orgId: '00D5g0000004CSwEAM',
    progress: null,
    steps: [],
    apiCalls: 0,
    result: null,
    error: null,
    createdAt: new Date(),
    startedAt: null,
    finishedAt: null,
    leaseOwner: null,
    leaseExpiresAt: null,
    attempts: 0,
    ...overrides,
  };
}

describe('jobView', () => {
  it('describes a queued, running, finished and failed job', () => {
    expect(jobView(job({}))).toMatchObject({ percent: 0, finished: false, status: 'Auto Config is waiting to start.' });
    expect(
      jobView(job({ state: 'running', kind: 'verify', progress: { done: 3, total: 4, step: 'Objects' } })),
    ).toMatchObject({ percent: 75, status: 'Verify is running: Objects (75%).' });
    expect(jobView(job({ state: 'succeeded' }))).toMatchObject({ percent: 100, finished: true });
    expect(
      jobView(
        job({ state: 'failed', error: { code: 'X', message: 'The user cannot create permission sets.', actions: [] } }),
      ),
    ).toMatchObject({ finished: true, status: 'Auto Config failed: The user cannot create permission sets.' });
  });

  it('never shows 100% before the job has finished', () => {
    expect(jobView(job({ state: 'running', progress: { done: 10, total: 10, step: null } })).percent).toBe(99);
  });

  it('renders an accessible progress bar that works without JavaScript', () => {
    const html = jobProgressCard(
      jobView(job({ state: 'running', progress: { done: 1, total: 2, step: null } })),
      '/web',
    ).toString();
    expect(html).toMatch(/<progress[^>]*max="100"[^>]*value="50"[^>]*role="progressbar"/);
    expect(html).toContain('aria-valuenow="50"');
    expect(html).toContain('aria-label="Auto Config progress"');
    expect(html).toContain('role="status"');
    expect(html).toContain('<a href="/web" data-job-refresh>Refresh to see progress</a>');
    expect(html).toContain('data-job-poll="/web/jobs/job_1"');
  });
});

describe('connectionBanner', () => {
  it('offers Reconnect to signed-in users when reauthorization is required', () => {
    expect(connectionBanner('reauthorization_required')).toMatchObject({
      kind: 'error',
      action: { label: 'Reconnect', href: '/web/connect?reconnect=1' },
    });
  });

  it('tells the sign-in page that a local admin can reconnect', () => {
    const banner = connectionBanner('reauthorization_required', 'sign_in_page');
    expect(String(banner?.message)).toContain('A local admin can sign in with credentials and reconnect');
    expect(banner?.action).toBeUndefined();
    expect(String(connectionBanner('disconnected', 'sign_in_page')?.message)).toContain(
      'Local users can still sign in',
    );
  });

  it('shows nothing while GRAX works or was never connected', () => {
    expect(connectionBanner('connected')).toBeNull();
    expect(connectionBanner(null)).toBeNull();
  });

  it('has a notice for the sign-in page after connecting', () => {
    expect(connectedNotice('1')?.kind).toBe('success');
    expect(connectedNotice(undefined)).toBeNull();
  });
});

describe('connectionDoneNotice', () => {
  const connection = { orgName: 'Acme Production', username: 'grax.integration@acme.example' };

  it('confirms an Update, a reconnect, a first connection and an org change in words naming the org and user', () => {
    const notice = (action: string) => connectionDoneNotice(connectionDoneOf(action), connection);
    expect(notice('connection.updated')).toEqual({
      kind: 'success',
      message: 'Connection updated: GRAX uses grax.integration@acme.example in Acme Production.',
    });
    expect(notice('connection.reconnected')?.message).toBe(
      'GRAX is reconnected to Acme Production as grax.integration@acme.example.',
    );
    expect(notice('connection.connected')?.message).toBe(
      'GRAX is connected to Acme Production as grax.integration@acme.example.',
    );
    expect(notice('connection.org_changed')?.message).toBe(
      'GRAX is now connected to Acme Production as grax.integration@acme.example.',
    );
  });

  it('says nothing for a missing or unknown value', () => {
    expect(connectionDoneOf('connection.reset')).toBeNull();
    expect(connectionDoneNotice(undefined, connection)).toBeNull();
    expect(connectionDoneNotice('<script>', connection)).toBeNull();
    expect(connectionDoneNotice(['updated'], connection)).toBeNull();
  });
});

describe('connectPageBody after Reset', () => {
  const options = {
    csrfToken: 'csrf',
    purpose: 'connect' as const,
    values: { environment: 'production', myDomain: '' },
    errors: [],
    setupTokenRequired: false,
    recovery: null,
    unfinishedAttemptAt: null,
    canConnect: true,
    current: null,
  };

  it('tells the admin which org GRAX was disconnected from, and offers to connect again', () => {
    const page = String(connectPageBody({ ...options, disconnectedFrom: 'Acme Production' }));
    expect(page).toContain('GRAX is disconnected from <strong>Acme Production</strong>');
    expect(page).toContain('Connect with Auto Config');
  });

  it('asks a visitor for a setup token from the operator when no local admin is active', () => {
    const page = String(connectPageBody({ ...options, recovery: { localAdminExists: false } }));
    const text = page.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('no local admin is active, so connecting again needs a setup token');
    expect(text).toContain('Ask the operator of the GRAX Connect server to run npm run setup-token on the server');
    expect(page).toContain('name="setupToken"');
    expect(page).toContain('href="/login/first-admin"');
    expect(text).not.toContain('sign in with a local admin');
  });

  it('offers the local admin sign-in next to the setup token when a local admin is active', () => {
    const page = String(connectPageBody({ ...options, recovery: { localAdminExists: true } }));
    expect(page).toContain('<a href="/login">sign in</a>');
    expect(page).toContain('name="setupToken"');
    expect(page).not.toContain('/login/first-admin');
  });

  it('keeps the first-run wording when GRAX was never connected', () => {
    const page = String(connectPageBody(options));
    expect(page).not.toContain('disconnected');
    expect(page).toContain('GRAX reaches your org through a dedicated integration user.');
  });
});
