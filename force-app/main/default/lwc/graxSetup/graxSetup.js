// GRAX Setup: loads the setup state in one Apex call, picks the page state (address not set, not reachable, not
// linked, not connected, reauthorization required, connected) and runs the admin's actions. Every write (address,
// link key) is its own server call and the state is reloaded afterwards in another, because Salesforce refuses a
// callout after a ConnectApi write in the same transaction. Jobs and pending connections are followed by polling
// the service's status every few seconds until they end.
import { LightningElement } from 'lwc';
import getSetupState from '@salesforce/apex/GraxSetupController.getSetupState';
import saveServiceAddress from '@salesforce/apex/GraxSetupController.saveServiceAddress';
import saveLinkKey from '@salesforce/apex/GraxSetupController.saveLinkKey';
import getStatus from '@salesforce/apex/GraxSetupController.getStatus';
import startJob from '@salesforce/apex/GraxSetupController.startJob';
import createConnectLink from '@salesforce/apex/GraxSetupController.createConnectLink';
import { LABELS, format } from 'c/graxLabels';
import { messageOf } from 'c/graxErrors';

const POLL_INTERVAL_MS = 3000;
// A connect link expires after 10 minutes: waiting longer for the connection cannot succeed.
const CONNECT_WAIT_MS = 10 * 60 * 1000;

const UNREACHABLE_CODES = ['UNREACHABLE', 'TIMEOUT'];
const LINK_CODES = ['LINK_KEY_MISSING', 'LINK_KEY_INVALID', 'ORG_MISMATCH'];
const ACTIVE_JOB_STATES = ['queued', 'running'];

export default class GraxSetup extends LightningElement {
  labels = LABELS;

  setupState;
  isLoading = true;
  loadError;
  actionError;
  notice;
  busy = false;
  activeJob;
  finishedJob;
  connectFallbackUrl;
  connectDeadline;
  restoreAttempted = false;
  pollTimer;

  connectedCallback() {
    this.load();
  }

  disconnectedCallback() {
    this.stopPolling();
  }

  // ---- page state -------------------------------------------------------------------------------------------

  get serviceError() {
    return this.setupState && this.setupState.serviceError;
  }

  get status() {
    return this.setupState && this.setupState.status;
  }

  get connection() {
    return this.status && this.status.connection;
  }

  get isAddressNotSet() {
    return !this.setupState || !this.setupState.addressSet;
  }

  get isUnreachable() {
    return Boolean(this.serviceError && UNREACHABLE_CODES.includes(this.serviceError.code));
  }

  get isNotLinked() {
    return (
      !this.setupState ||
      !this.setupState.linked ||
      Boolean(this.serviceError && LINK_CODES.includes(this.serviceError.code))
    );
  }

  get isServiceError() {
    return Boolean(this.serviceError) || !this.status;
  }

  get isConnected() {
    return Boolean(this.connection && this.connection.state === 'connected');
  }

  get serviceErrorMessage() {
    return this.serviceError ? this.serviceError.message : '';
  }

  get serviceErrorActions() {
    return (this.serviceError && this.serviceError.actions) || [];
  }

  get hasServiceErrorActions() {
    return this.serviceErrorActions.length > 0;
  }

  get linkRejection() {
    return this.serviceError && LINK_CODES.includes(this.serviceError.code) ? this.serviceError.message : '';
  }

  get graxUrl() {
    const publicUrl = this.status && this.status.service && this.status.service.publicUrl;
    return publicUrl ? `${publicUrl.replace(/\/$/, '')}/web` : '';
  }

  get refreshDisabled() {
    return this.isLoading || this.busy;
  }

  // ---- loading ----------------------------------------------------------------------------------------------

  async load() {
    this.stopPolling();
    this.isLoading = true;
    this.loadError = undefined;
    try {
      let state = await getSetupState();
      if (this.shouldRestoreAddress(state)) {
        state = await this.restoreAddress(state);
      }
      this.setupState = state;
      if (state.status) {
        this.followStatus(state.status);
      }
    } catch (error) {
      this.loadError = messageOf(error);
    } finally {
      this.isLoading = false;
    }
  }

  // An upgrade resets the Named Credential to the packaged placeholder; the address kept in the custom setting is
  // put back once per page load, by users who may edit named credentials.
  shouldRestoreAddress(state) {
    return (
      !state.addressSet && Boolean(state.savedServiceUrl) && state.canEditNamedCredentials && !this.restoreAttempted
    );
  }

  async restoreAddress(state) {
    this.restoreAttempted = true;
    try {
      const restored = await saveServiceAddress({ url: state.savedServiceUrl });
      this.notice = format(LABELS.addressRestored, restored);
      return await getSetupState();
    } catch (error) {
      this.actionError = format(LABELS.restoreFailed, messageOf(error));
      return state;
    }
  }

  handleRefresh() {
    this.notice = undefined;
    this.actionError = undefined;
    this.load();
  }

  // ---- writes -----------------------------------------------------------------------------------------------

  async handleSaveAddress(event) {
    await this.runWrite(async () => {
      const saved = await saveServiceAddress({ url: event.detail.url });
      return format(LABELS.addressSaved, saved);
    });
  }

  async handleSaveLinkKey(event) {
    await this.runWrite(async () => {
      await saveLinkKey({ key: event.detail.key });
      return LABELS.linkKeySaved;
    });
  }

  // Runs one write, then reloads in a separate server call (a callout may not follow the write's transaction).
  async runWrite(write) {
    this.busy = true;
    this.actionError = undefined;
    this.notice = undefined;
    try {
      this.notice = await write();
    } catch (error) {
      this.actionError = messageOf(error);
      return;
    } finally {
      this.busy = false;
    }
    await this.load();
  }

  // ---- connect ----------------------------------------------------------------------------------------------

  // Pop-up blockers allow a tab only while the click is being handled, so it is opened now and pointed at the
  // one-time URL once Apex returns it.
  handleConnect(event) {
    const { environment, mode } = event.detail;
    const tab = window.open('', '_blank');
    this.busy = true;
    this.actionError = undefined;
    this.connectFallbackUrl = undefined;
    createConnectLink({ environment, mode })
      .then((link) => {
        if (tab && !tab.closed) {
          tab.opener = null;
          tab.location.href = link.url;
        } else {
          this.connectFallbackUrl = link.url;
        }
        this.notice = LABELS.connectStarted;
        this.connectDeadline = Date.now() + CONNECT_WAIT_MS;
        this.schedulePoll();
      })
      .catch((error) => {
        if (tab && !tab.closed) {
          tab.close();
        }
        this.actionError = messageOf(error);
      })
      .finally(() => {
        this.busy = false;
      });
  }

  // ---- jobs and polling -------------------------------------------------------------------------------------

  async handleStartJob(event) {
    const kind = event.detail.kind;
    this.busy = true;
    this.actionError = undefined;
    this.notice = undefined;
    this.finishedJob = undefined;
    try {
      const started = await startJob({ kind });
      this.activeJob = { id: started.jobId, kind: started.kind || kind, state: started.state };
      if (started.alreadyRunning) {
        this.notice = format(LABELS.jobAlreadyRunning, LABELS.jobKinds[this.activeJob.kind]);
      }
      this.schedulePoll();
    } catch (error) {
      this.actionError = messageOf(error);
    } finally {
      this.busy = false;
    }
  }

  schedulePoll() {
    this.stopPolling();
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.pollTimer = setTimeout(() => this.poll(), POLL_INTERVAL_MS);
  }

  stopPolling() {
    if (this.pollTimer) {
      clearTimeout(this.pollTimer);
      this.pollTimer = undefined;
    }
  }

  async poll() {
    this.pollTimer = undefined;
    try {
      const status = await getStatus();
      this.setupState = { ...this.setupState, status, serviceError: undefined };
      this.followStatus(status);
    } catch (error) {
      this.actionError = messageOf(error);
      this.activeJob = undefined;
      this.connectDeadline = undefined;
    }
  }

  // Keeps following what is still going on: the job the page started (or any job the service is running, such as
  // the Auto Config that follows a connection) and a connection the admin is completing in another tab.
  followStatus(status) {
    const jobs = status.jobs || [];
    if (this.activeJob) {
      const current = jobs.find((job) => job.id === this.activeJob.id);
      if (current && !ACTIVE_JOB_STATES.includes(current.state)) {
        this.finishedJob = current;
        this.activeJob = undefined;
      } else if (current) {
        this.activeJob = current;
      }
    }
    if (!this.activeJob) {
      this.activeJob = jobs.find((job) => ACTIVE_JOB_STATES.includes(job.state));
    }
    if (this.connectDeadline) {
      const connected = status.connection && status.connection.state === 'connected';
      if (connected) {
        this.notice = LABELS.connectedNotice;
      }
      if (connected || Date.now() > this.connectDeadline) {
        this.connectDeadline = undefined;
      }
    }
    if (this.activeJob || this.connectDeadline) {
      this.schedulePoll();
    }
  }
}
