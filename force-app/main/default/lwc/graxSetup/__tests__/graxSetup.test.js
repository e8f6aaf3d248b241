import GraxSetup from 'c/graxSetup';
import getSetupState from '@salesforce/apex/GraxSetupController.getSetupState';
import saveServiceAddress from '@salesforce/apex/GraxSetupController.saveServiceAddress';
import saveLinkKey from '@salesforce/apex/GraxSetupController.saveLinkKey';
import getStatus from '@salesforce/apex/GraxSetupController.getStatus';
import startJob from '@salesforce/apex/GraxSetupController.startJob';
import createConnectLink from '@salesforce/apex/GraxSetupController.createConnectLink';
import {
  mount,
  resetDom,
  flushPromises,
  shadowQuery,
  shadowQueryAll,
  textOf,
  typeInto,
} from '../../../../../test/jest-utils/lwcTestUtils';
import freshInstall from './data/setupStateFreshInstall.json';
import afterUpgrade from './data/setupStateAfterUpgrade.json';
import unreachable from './data/setupStateUnreachable.json';
import timedOut from './data/setupStateTimedOut.json';
import notLinked from './data/setupStateNotLinked.json';
import linkRejected from './data/setupStateLinkRejected.json';
import credentialAccess from './data/setupStateCredentialAccess.json';
import statusConnected from './data/statusConnected.json';
import statusDisconnected from './data/statusDisconnected.json';
import statusReauthorizationRequired from './data/statusReauthorizationRequired.json';
import connectLinkIssued from './data/connectLinkIssued.json';
import startedJobScan from './data/startedJobScan.json';
import startedJobAlreadyRunning from './data/startedJobAlreadyRunning.json';

jest.mock('@salesforce/apex/GraxSetupController.getSetupState', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/GraxSetupController.saveServiceAddress', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/GraxSetupController.saveLinkKey', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/GraxSetupController.getStatus', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/GraxSetupController.startJob', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/GraxSetupController.createConnectLink', () => ({ default: jest.fn() }), {
  virtual: true,
});

const LINK_KEY = 'gxk_AbCdEfGhIjKlMnOpQrStUv_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG';
const CONNECT_URL = connectLinkIssued.url;

// A linked org whose service answered with the given status.
function linkedWith(status) {
  return { ...notLinked, linked: true, status };
}

function withJobs(status, jobs) {
  return { ...status, jobs };
}

function scanJob(state, done) {
  return {
    id: 'job_scan_1',
    kind: 'scan',
    state,
    progress: { done, total: 7, step: 'Reading field permissions' },
    startedAt: '2026-11-28T10:20:00.000Z',
    finishedAt: state === 'succeeded' ? '2026-11-28T10:20:40.000Z' : null,
    error: null,
  };
}

function apexError(message) {
  return { body: { message }, status: 500 };
}

async function renderPage() {
  const element = mount('c-grax-setup', GraxSetup);
  await flushPromises();
  return element;
}

describe('c-grax-setup', () => {
  afterEach(() => {
    resetDom();
    jest.clearAllMocks();
    jest.useRealTimers();
  });

  it('shows a spinner while the setup state loads', async () => {
    getSetupState.mockReturnValue(new Promise(() => {}));
    const element = mount('c-grax-setup', GraxSetup);
    await flushPromises();

    expect(shadowQuery(element, 'lightning-spinner').alternativeText).toBe('Loading GRAX Setup');
    expect(shadowQuery(element, 'c-grax-service-address-step')).toBeNull();
    await expect(element).toBeAccessible();
  });

  describe('service address not set', () => {
    it('asks for the address on a fresh install', async () => {
      getSetupState.mockResolvedValue(freshInstall);
      const element = await renderPage();

      const step = shadowQuery(element, 'c-grax-service-address-step');
      expect(step.canEdit).toBe(true);
      expect(step.unreachableMessage).toBeFalsy();
      expect(textOf(shadowQuery(step, 'h2'))).toBe('Set the GRAX service address');
      expect(saveServiceAddress).not.toHaveBeenCalled();
      await expect(element).toBeAccessible();
    });

    it('restores the last address after an upgrade reset the Named Credential, then reloads', async () => {
      getSetupState.mockResolvedValueOnce(afterUpgrade).mockResolvedValueOnce(linkedWith(statusConnected));
      saveServiceAddress.mockResolvedValue('https://grax.acme.example');
      const element = await renderPage();

      expect(saveServiceAddress).toHaveBeenCalledWith({ url: 'https://grax.acme.example' });
      expect(getSetupState).toHaveBeenCalledTimes(2);
      expect(textOf(shadowQuery(element, '.notice'))).toBe(
        'The package upgrade had reset the service address. GRAX Setup restored https://grax.acme.example.',
      );
      expect(shadowQuery(element, 'c-grax-connection-card')).not.toBeNull();
    });

    it('says where in Setup to restore it when the admin may not edit named credentials', async () => {
      getSetupState.mockResolvedValue({ ...afterUpgrade, canEditNamedCredentials: false });
      const element = await renderPage();

      expect(saveServiceAddress).not.toHaveBeenCalled();
      const step = shadowQuery(element, 'c-grax-service-address-step');
      expect(textOf(shadowQuery(step, '.no-edit'))).toContain('Setup > Security > Named Credentials > GRAX_Service');
      expect(textOf(shadowQuery(step, '.saved-address'))).toContain('https://grax.acme.example');
      await expect(element).toBeAccessible();
    });

    it('shows why a restore failed and still offers the form', async () => {
      getSetupState.mockResolvedValue(afterUpgrade);
      saveServiceAddress.mockRejectedValue(apexError('Salesforce refused to update Named Credential GRAX_Service.'));
      const element = await renderPage();

      expect(textOf(shadowQuery(element, '.action-error'))).toBe(
        'GRAX Setup could not restore the service address: Salesforce refused to update Named Credential GRAX_Service.',
      );
      expect(shadowQuery(element, 'c-grax-service-address-step', 'lightning-input.address-input')).not.toBeNull();
    });

    it('saves a typed address in one call and reloads the state in another', async () => {
      getSetupState.mockResolvedValueOnce(freshInstall).mockResolvedValueOnce(notLinked);
      saveServiceAddress.mockResolvedValue('https://grax.acme.example');
      const element = await renderPage();

      typeInto(
        shadowQuery(element, 'c-grax-service-address-step', 'lightning-input.address-input'),
        'https://grax.acme.example/',
      );
      await flushPromises();
      shadowQuery(element, 'c-grax-service-address-step', 'lightning-button.save-address').click();
      await flushPromises();

      expect(saveServiceAddress).toHaveBeenCalledWith({ url: 'https://grax.acme.example/' });
      expect(getSetupState).toHaveBeenCalledTimes(2);
      expect(textOf(shadowQuery(element, '.notice'))).toBe('Service address saved: https://grax.acme.example.');
      expect(shadowQuery(element, 'c-grax-link-step')).not.toBeNull();
    });

    it('keeps the form and shows the refusal when the address is rejected', async () => {
      getSetupState.mockResolvedValue(freshInstall);
      saveServiceAddress.mockRejectedValue(
        apexError(
          'The service address must start with https://. Salesforce only calls services over HTTPS with a trusted certificate.',
        ),
      );
      const element = await renderPage();

      typeInto(
        shadowQuery(element, 'c-grax-service-address-step', 'lightning-input.address-input'),
        'http://grax.acme.example',
      );
      await flushPromises();
      shadowQuery(element, 'c-grax-service-address-step', 'lightning-button.save-address').click();
      await flushPromises();

      expect(textOf(shadowQuery(element, '.action-error'))).toContain('must start with https://');
      expect(getSetupState).toHaveBeenCalledTimes(1);
      expect(shadowQuery(element, 'c-grax-service-address-step')).not.toBeNull();
      await expect(element).toBeAccessible();
    });
  });

  describe('service not reachable', () => {
    it('explains public HTTPS with a trusted certificate and shows the address in use', async () => {
      getSetupState.mockResolvedValue(unreachable);
      const element = await renderPage();

      const step = shadowQuery(element, 'c-grax-service-address-step');
      expect(textOf(shadowQuery(step, 'h2'))).toBe('The GRAX service is not reachable');
      expect(textOf(shadowQuery(step, '.address-in-use'))).toBe('https://grax.acme.example');
      expect(textOf(shadowQuery(step, '[role="alert"]'))).toContain('public HTTPS address with a certificate');
      expect(shadowQueryAll(step, '.next-steps li')).toHaveLength(2);
      await expect(element).toBeAccessible();
    });

    it('treats a status call that timed out as not reachable, with the same explanation', async () => {
      getSetupState.mockResolvedValue(timedOut);
      const element = await renderPage();

      const step = shadowQuery(element, 'c-grax-service-address-step');
      expect(textOf(shadowQuery(step, 'h2'))).toBe('The GRAX service is not reachable');
      expect(textOf(shadowQuery(step, '[role="alert"]'))).toContain('did not answer in time (Read timed out)');
      expect(textOf(shadowQuery(step, '[role="alert"]'))).toContain('public HTTPS address with a certificate');
      expect(shadowQueryAll(step, '.next-steps li').map(textOf)).toEqual(timedOut.serviceError.actions);
      expect(shadowQuery(element, '.service-error')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('checks again when the admin selects Try again', async () => {
      getSetupState.mockResolvedValueOnce(unreachable).mockResolvedValueOnce(linkedWith(statusConnected));
      const element = await renderPage();

      shadowQuery(element, 'c-grax-service-address-step', 'lightning-button.retry').click();
      await flushPromises();

      expect(getSetupState).toHaveBeenCalledTimes(2);
      expect(shadowQuery(element, 'c-grax-permission-checklist')).not.toBeNull();
    });
  });

  describe('not linked', () => {
    it('asks for the link key and stores it in its own call before reloading', async () => {
      getSetupState.mockResolvedValueOnce(notLinked).mockResolvedValueOnce(linkedWith(statusDisconnected));
      saveLinkKey.mockResolvedValue(undefined);
      const element = await renderPage();

      const step = shadowQuery(element, 'c-grax-link-step');
      expect(step.rotating).toBeFalsy();
      typeInto(shadowQuery(step, 'lightning-input.link-key-input'), LINK_KEY);
      await flushPromises();
      shadowQuery(step, 'lightning-button.save-link-key').click();
      await flushPromises();

      expect(saveLinkKey).toHaveBeenCalledWith({ key: LINK_KEY });
      expect(getSetupState).toHaveBeenCalledTimes(2);
      expect(textOf(shadowQuery(element, '.notice'))).toBe('Link key saved.');
      expect(shadowQuery(element, 'c-grax-connection-card')).not.toBeNull();
    });

    it('shows why the service refused the stored link key', async () => {
      getSetupState.mockResolvedValue(linkRejected);
      const element = await renderPage();

      expect(shadowQuery(element, 'c-grax-link-step').rejection).toBe('The link key is unknown, revoked or expired.');
      await expect(element).toBeAccessible();
    });

    it('shows the error when the key cannot be stored', async () => {
      getSetupState.mockResolvedValue(notLinked);
      saveLinkKey.mockRejectedValue(apexError('Salesforce refused to store the link key.'));
      const element = await renderPage();

      typeInto(shadowQuery(element, 'c-grax-link-step', 'lightning-input.link-key-input'), LINK_KEY);
      await flushPromises();
      shadowQuery(element, 'c-grax-link-step', 'lightning-button.save-link-key').click();
      await flushPromises();

      expect(textOf(shadowQuery(element, '.action-error'))).toBe('Salesforce refused to store the link key.');
      expect(getSetupState).toHaveBeenCalledTimes(1);
    });
  });

  describe('not connected', () => {
    it('asks for the one-time connect URL and offers it as a link, without opening or scripting a window', async () => {
      getSetupState.mockResolvedValue(linkedWith(statusDisconnected));
      let resolveLink;
      createConnectLink.mockReturnValue(
        new Promise((resolve) => {
          resolveLink = resolve;
        }),
      );
      const open = jest.spyOn(window, 'open');
      const element = await renderPage();

      shadowQuery(element, 'c-grax-connection-card', 'lightning-button.connect-auto-config').click();
      await flushPromises();

      expect(createConnectLink).toHaveBeenCalledWith({ environment: 'production', mode: 'auto_config' });
      expect(shadowQuery(element, 'c-grax-connection-card').busy).toBe(true);
      expect(shadowQuery(element, 'c-grax-connection-card', '.connect-link')).toBeNull();

      resolveLink(connectLinkIssued);
      await flushPromises();

      const link = shadowQuery(element, 'c-grax-connection-card', '.connect-link a');
      expect(link.href).toBe(CONNECT_URL);
      expect(link.rel).toBe('noopener noreferrer');
      expect(shadowQuery(element, 'c-grax-connection-card').busy).toBe(false);
      expect(open).not.toHaveBeenCalled();
      await expect(element).toBeAccessible();
      open.mockRestore();
    });

    it('passes the chosen mode and shows the error when no connect link can be made', async () => {
      getSetupState.mockResolvedValue(linkedWith(statusDisconnected));
      createConnectLink.mockRejectedValue(apexError('The GRAX service did not answer in time (Read timed out).'));
      const element = await renderPage();

      shadowQuery(element, 'c-grax-connection-card', 'lightning-button.connect-manual').click();
      await flushPromises();

      expect(createConnectLink).toHaveBeenCalledWith({ environment: 'production', mode: 'manual' });
      expect(textOf(shadowQuery(element, '.action-error'))).toBe(
        'The GRAX service did not answer in time (Read timed out).',
      );
      expect(shadowQuery(element, 'c-grax-connection-card', '.connect-link')).toBeNull();
    });

    it('notices when the connection completes in the other tab and stops waiting', async () => {
      jest.useFakeTimers();
      getSetupState.mockResolvedValue(linkedWith(statusDisconnected));
      createConnectLink.mockResolvedValue(connectLinkIssued);
      getStatus.mockResolvedValueOnce(statusDisconnected).mockResolvedValueOnce(statusConnected);
      const element = await renderPage();

      shadowQuery(element, 'c-grax-connection-card', 'lightning-button.connect-auto-config').click();
      await flushPromises();
      jest.advanceTimersByTime(3000);
      await flushPromises();
      expect(getStatus).toHaveBeenCalledTimes(1);
      jest.advanceTimersByTime(3000);
      await flushPromises();

      expect(getStatus).toHaveBeenCalledTimes(2);
      expect(textOf(shadowQuery(element, '.notice'))).toBe('GRAX is connected to this org.');
      expect(shadowQuery(element, 'c-grax-permission-checklist')).not.toBeNull();
      jest.advanceTimersByTime(30000);
      await flushPromises();
      expect(getStatus).toHaveBeenCalledTimes(2);
    });

    it('withdraws the link and stops waiting when the connect link expires unused', async () => {
      jest.useFakeTimers();
      getSetupState.mockResolvedValue(linkedWith(statusDisconnected));
      createConnectLink.mockResolvedValue(connectLinkIssued);
      getStatus.mockResolvedValue(statusDisconnected);
      const element = await renderPage();

      shadowQuery(element, 'c-grax-connection-card', 'lightning-button.connect-auto-config').click();
      await flushPromises();
      expect(shadowQuery(element, 'c-grax-connection-card', '.connect-link a')).not.toBeNull();
      jest.setSystemTime(Date.now() + 10 * 60 * 1000 + 1);
      jest.advanceTimersByTime(3000);
      await flushPromises();

      expect(textOf(shadowQuery(element, '.notice'))).toBe(
        'The connection page expired after 10 minutes. Choose how to connect again for a new one.',
      );
      expect(shadowQuery(element, 'c-grax-connection-card', '.connect-link')).toBeNull();
      const calls = getStatus.mock.calls.length;
      jest.advanceTimersByTime(30000);
      await flushPromises();
      expect(getStatus).toHaveBeenCalledTimes(calls);
    });
  });

  describe('connected', () => {
    it('shows the connection, the findings, the API usage, the job buttons and a link to GRAX', async () => {
      getSetupState.mockResolvedValue(linkedWith(statusConnected));
      const element = await renderPage();

      expect(shadowQuery(element, 'c-grax-connection-card').connection.orgName).toBe('Acme Production');
      expect(shadowQuery(element, 'c-grax-permission-checklist').permissions.findings).toHaveLength(3);
      expect(shadowQuery(element, 'c-grax-api-usage').apiUsage.serviceCallsLast24h).toBe(110);
      expect(shadowQuery(element, 'c-grax-job-panel')).not.toBeNull();
      expect(shadowQuery(element, 'c-grax-link-step').rotating).toBe(true);
      expect(shadowQuery(element, 'a.open-grax').href).toBe('https://grax.acme.example/web');
      await expect(element).toBeAccessible();
    });

    it('runs Scan Now as a background job and polls its progress until it ends', async () => {
      jest.useFakeTimers();
      getSetupState.mockResolvedValue(linkedWith(statusConnected));
      startJob.mockResolvedValue(startedJobScan);
      getStatus
        .mockResolvedValueOnce(withJobs(statusConnected, [scanJob('running', 3)]))
        .mockResolvedValueOnce(withJobs(statusConnected, [scanJob('succeeded', 7)]));
      const element = await renderPage();

      shadowQuery(element, 'c-grax-job-panel', 'lightning-button.job-scan').click();
      await flushPromises();
      expect(startJob).toHaveBeenCalledWith({ kind: 'scan' });
      expect(textOf(shadowQuery(element, 'c-grax-job-panel', '.job-status'))).toBe('Scan is waiting to start.');
      expect(getStatus).not.toHaveBeenCalled();

      jest.advanceTimersByTime(3000);
      await flushPromises();
      expect(getStatus).toHaveBeenCalledTimes(1);
      const bar = shadowQuery(element, 'c-grax-job-panel', 'lightning-progress-bar');
      expect(bar.value).toBe(43);
      expect(shadowQuery(element, 'c-grax-job-panel', 'lightning-button.job-verify').disabled).toBe(true);

      jest.advanceTimersByTime(3000);
      await flushPromises();
      expect(getStatus).toHaveBeenCalledTimes(2);
      expect(textOf(shadowQuery(element, 'c-grax-job-panel', '.job-outcome'))).toBe('Scan finished.');
      expect(shadowQuery(element, 'c-grax-job-panel', 'lightning-progress-bar')).toBeNull();

      jest.advanceTimersByTime(60000);
      await flushPromises();
      expect(getStatus).toHaveBeenCalledTimes(2);
    });

    it('follows a job that was already running instead of failing', async () => {
      getSetupState.mockResolvedValue(linkedWith(statusConnected));
      startJob.mockResolvedValue(startedJobAlreadyRunning);
      const element = await renderPage();

      shadowQuery(element, 'c-grax-job-panel', 'lightning-button.job-autofix').click();
      await flushPromises();

      expect(textOf(shadowQuery(element, '.notice'))).toBe('Auto Fix was already running: following it.');
      expect(shadowQuery(element, 'c-grax-job-panel').activeJob.id).toBe('job_fix_4');
    });

    it('follows the Auto Config the service is already running when the page opens', async () => {
      jest.useFakeTimers();
      const autoConfig = {
        ...statusConnected.jobs[0],
        state: 'running',
        progress: { done: 2, total: 7, step: 'Assigning permission sets' },
      };
      getSetupState.mockResolvedValue(linkedWith(withJobs(statusConnected, [autoConfig])));
      getStatus.mockResolvedValue(
        withJobs(statusConnected, [
          {
            ...autoConfig,
            state: 'failed',
            error: {
              code: 'INSUFFICIENT_ACCESS',
              message: 'The connected user cannot assign permission sets.',
              actions: ['Connect as a user with Assign Permission Sets, or choose Skip Auto Config.'],
            },
          },
        ]),
      );
      const element = await renderPage();

      expect(textOf(shadowQuery(element, 'c-grax-job-panel', '.job-status'))).toBe(
        'Auto Config is running: Assigning permission sets (2 of 7)',
      );
      jest.advanceTimersByTime(3000);
      await flushPromises();

      expect(textOf(shadowQuery(element, 'c-grax-job-panel', '.job-outcome'))).toBe(
        'Auto Config failed: The connected user cannot assign permission sets.',
      );
    });

    it('stops polling and shows the error when the status cannot be read', async () => {
      jest.useFakeTimers();
      getSetupState.mockResolvedValue(linkedWith(statusConnected));
      startJob.mockResolvedValue(startedJobScan);
      getStatus.mockRejectedValue(apexError('Salesforce could not reach the GRAX service (Read timed out).'));
      const element = await renderPage();

      shadowQuery(element, 'c-grax-job-panel', 'lightning-button.job-scan').click();
      await flushPromises();
      jest.advanceTimersByTime(3000);
      await flushPromises();
      jest.advanceTimersByTime(30000);
      await flushPromises();

      expect(getStatus).toHaveBeenCalledTimes(1);
      expect(textOf(shadowQuery(element, '.action-error'))).toContain('could not reach the GRAX service');
    });

    it('shows why a job could not start', async () => {
      getSetupState.mockResolvedValue(linkedWith(statusConnected));
      startJob.mockRejectedValue(apexError('GRAX is not connected to Salesforce. Connect first.'));
      const element = await renderPage();

      shadowQuery(element, 'c-grax-job-panel', 'lightning-button.job-verify').click();
      await flushPromises();

      expect(textOf(shadowQuery(element, '.action-error'))).toBe('GRAX is not connected to Salesforce. Connect first.');
    });
  });

  describe('reauthorization required', () => {
    it('shows the reconnect banner with the connect form', async () => {
      getSetupState.mockResolvedValue(linkedWith(statusReauthorizationRequired));
      const element = await renderPage();

      const card = shadowQuery(element, 'c-grax-connection-card');
      expect(textOf(shadowQuery(card, '.reauth-banner'))).toContain('Reconnect as the integration user.');
      expect(shadowQuery(card, 'lightning-button.connect-auto-config')).not.toBeNull();
      expect(shadowQuery(element, 'c-grax-job-panel')).toBeNull();
      await expect(element).toBeAccessible();
    });
  });

  describe('errors', () => {
    it('says a refused callout is missing access to External Credential GRAX_Service, with the exact Setup steps', async () => {
      getSetupState.mockResolvedValue(credentialAccess);
      const element = await renderPage();

      expect(textOf(shadowQuery(element, '.credential-access h2'))).toBe(
        'GRAX Setup cannot call the GRAX service for you',
      );
      expect(textOf(shadowQuery(element, '.credential-access p'))).toContain(
        'you do not have access to External Credential GRAX_Service. Installing the package does not grant everything a callout needs.',
      );
      expect(shadowQueryAll(element, '.credential-steps li').map(textOf)).toEqual([
        'Setup > Permission Sets > GRAX Setup Admin > Manage Assignments: assign the permission set to you.',
        'Setup > Permission Sets > GRAX Setup Admin > External Credential Principal Access > Edit: enable GRAX_Service - Link, then Save.',
        'Setup > Permission Sets > GRAX Setup Admin > Object Settings > User External Credentials > Edit: select Read, then Save.',
      ]);
      // Salesforce's own words, as the CalloutException gives them.
      expect(textOf(shadowQuery(element, '.service-error'))).toBe(
        'We couldn\'t access the credential(s). You might not have the required permissions, or the external credential "GRAX_Service" might not exist.',
      );
      expect(shadowQuery(element, 'c-grax-link-step')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('shows a refused load and loads again on Try again', async () => {
      getSetupState
        .mockRejectedValueOnce(
          apexError(
            'You need the GRAX: Manage Connection custom permission to use GRAX Setup. Ask your Salesforce admin to assign you permission set GRAX Setup Admin.',
          ),
        )
        .mockResolvedValueOnce(freshInstall);
      const element = await renderPage();

      expect(textOf(shadowQuery(element, '.load-error'))).toContain('GRAX: Manage Connection');
      await expect(element).toBeAccessible();

      shadowQuery(element, 'lightning-button.retry').click();
      await flushPromises();
      expect(shadowQuery(element, 'c-grax-service-address-step')).not.toBeNull();
    });

    it('reloads everything from the refresh button', async () => {
      getSetupState.mockResolvedValueOnce(notLinked).mockResolvedValueOnce(linkedWith(statusConnected));
      const element = await renderPage();

      const refresh = shadowQuery(element, 'lightning-button-icon.refresh');
      expect(refresh.alternativeText).toBe('Refresh');
      refresh.click();
      await flushPromises();

      expect(getSetupState).toHaveBeenCalledTimes(2);
      expect(shadowQuery(element, 'c-grax-job-panel')).not.toBeNull();
    });
  });
});
