import { PAGE_STATES, connectOutcome, followJobs, pageStateOf, shouldRestoreAddress } from '../pageState';
import { StatusPoller } from '../statusPoller';
import freshInstall from './data/setupStateFreshInstall.json';
import afterUpgrade from './data/setupStateAfterUpgrade.json';
import unreachable from './data/setupStateUnreachable.json';
import notLinked from './data/setupStateNotLinked.json';
import linkRejected from './data/setupStateLinkRejected.json';
import credentialAccess from './data/setupStateCredentialAccess.json';
import statusConnected from './data/statusConnected.json';

const job = (id, state) => ({
  id,
  kind: 'scan',
  state,
  progress: null,
  startedAt: null,
  finishedAt: null,
  error: null,
});

describe('c-grax-setup page state', () => {
  it.each([
    ['nothing loaded yet', undefined, PAGE_STATES.ADDRESS_NOT_SET],
    ['a fresh install', freshInstall, PAGE_STATES.ADDRESS_NOT_SET],
    ['a service Salesforce cannot reach', unreachable, PAGE_STATES.UNREACHABLE],
    ['no stored link key', notLinked, PAGE_STATES.NOT_LINKED],
    ['a refused link key', linkRejected, PAGE_STATES.NOT_LINKED],
    ['a callout refused for lack of credential access', credentialAccess, PAGE_STATES.CREDENTIAL_ACCESS],
    [
      'another service error',
      { ...credentialAccess, serviceError: { code: 'NOT_CONNECTED', message: 'GRAX is not connected.', actions: [] } },
      PAGE_STATES.SERVICE_ERROR,
    ],
    ['a status', { ...notLinked, linked: true, status: statusConnected }, PAGE_STATES.READY],
  ])('shows %s as %s', (_, setupState, expected) => {
    expect(pageStateOf(setupState)).toBe(expected);
  });

  it('restores the saved address once, and only for someone who may edit named credentials', () => {
    expect(shouldRestoreAddress(afterUpgrade, false)).toBe(true);
    expect(shouldRestoreAddress(afterUpgrade, true)).toBe(false);
    expect(shouldRestoreAddress({ ...afterUpgrade, canEditNamedCredentials: false }, false)).toBe(false);
    expect(shouldRestoreAddress(freshInstall, false)).toBe(false);
  });

  it('follows a job until it ends, then whatever else the service is running', () => {
    expect(followJobs([job('a', 'running')], undefined)).toEqual({
      activeJob: job('a', 'running'),
      finishedJob: undefined,
    });
    expect(followJobs([job('a', 'succeeded'), job('b', 'queued')], job('a', 'running'))).toEqual({
      activeJob: job('b', 'queued'),
      finishedJob: job('a', 'succeeded'),
    });
    // A job the status does not list yet is still followed.
    expect(followJobs([], job('c', 'queued'))).toEqual({ activeJob: job('c', 'queued'), finishedJob: undefined });
  });

  it('stops waiting for a connection once it is connected or the connect link has expired', () => {
    const disconnected = { connection: { state: 'disconnected' } };
    expect(connectOutcome(disconnected, 1000, 999)).toBeNull();
    expect(connectOutcome(disconnected, 1000, 1001)).toBe('expired');
    expect(connectOutcome(statusConnected, 1000, 5000)).toBe('connected');
  });
});

describe('c-grax-setup status poller', () => {
  afterEach(() => jest.useRealTimers());

  it('polls once per schedule, and a new schedule replaces the pending one', () => {
    jest.useFakeTimers();
    const poll = jest.fn();
    const poller = new StatusPoller(poll, 3000);
    poller.schedule();
    jest.advanceTimersByTime(2000);
    poller.schedule();
    jest.advanceTimersByTime(2000);
    expect(poll).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1000);
    expect(poll).toHaveBeenCalledTimes(1);
    poller.schedule();
    poller.stop();
    jest.advanceTimersByTime(10000);
    expect(poll).toHaveBeenCalledTimes(1);
  });
});
