// GRAX Setup: loads the setup state in one Apex call, shows the state pageState.js picks for it (address not set, not
// reachable, not linked, service error, ready) and runs the admin's actions. Every write (address, link key) is its
// own server call and the state is reloaded afterwards in another, because Salesforce refuses a callout after a
// ConnectApi write in the same transaction. Jobs and pending connections are followed by polling the service's status
// (statusPoller.js) until they end; the one-time connect URL is a link the admin opens in a new tab.
import { LightningElement } from 'lwc';
import getSetupState from '@salesforce/apex/GraxSetupController.getSetupState';
import saveServiceAddress from '@salesforce/apex/GraxSetupController.saveServiceAddress';
import saveLinkKey from '@salesforce/apex/GraxSetupController.saveLinkKey';
import getStatus from '@salesforce/apex/GraxSetupController.getStatus';
import startJob from '@salesforce/apex/GraxSetupController.startJob';
import createConnectLink from '@salesforce/apex/GraxSetupController.createConnectLink';
import { LABELS, format } from 'c/graxLabels';
import { messageOf } from 'c/graxErrors';
import {
  PAGE_STATES,
  connectOutcome,
  followJobs,
  graxUrlOf,
  linkRejectionOf,
  pageStateOf,
  shouldRestoreAddress,
} from './pageState';
import { StatusPoller } from './statusPoller';

// A connect link expires after 10 minutes: waiting longer for the connection cannot succeed.
const CONNECT_WAIT_MS = 10 * 60 * 1000;

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
  connectUrl;
  connectDeadline;
  restoreAttempted = false;
  poller = new StatusPoller(() => this.poll());

  connectedCallback() {
    this.load();
  }

  disconnectedCallback() {
    this.poller.stop();
  }

  // ---- what the template shows --------------------------------------------------------------------------------

  get pageState() {
    return pageStateOf(this.setupState);
  }

  get isAddressNotSet() {
    return this.pageState === PAGE_STATES.ADDRESS_NOT_SET;
  }

  get isCredentialAccess() {
    return this.pageState === PAGE_STATES.CREDENTIAL_ACCESS;
  }

  get isUnreachable() {
    return this.pageState === PAGE_STATES.UNREACHABLE;
  }

  get isNotLinked() {
    return this.pageState === PAGE_STATES.NOT_LINKED;
  }

  get isServiceError() {
    return this.pageState === PAGE_STATES.SERVICE_ERROR;
  }

  get status() {
    return this.setupState && this.setupState.status;
  }

  get connection() {
    return this.status && this.status.connection;
  }

  get isConnected() {
    return Boolean(this.connection && this.connection.state === 'connected');
  }

  get serviceErrorMessage() {
    return this.setupState && this.setupState.serviceError ? this.setupState.serviceError.message : '';
  }

  get serviceErrorActions() {
    return (this.setupState && this.setupState.serviceError && this.setupState.serviceError.actions) || [];
  }

  get hasServiceErrorActions() {
    return this.serviceErrorActions.length > 0;
  }

  get linkRejection() {
    return linkRejectionOf(this.setupState);
  }

  get graxUrl() {
    return graxUrlOf(this.status);
  }

  get refreshDisabled() {
    return this.isLoading || this.busy;
  }

  // ---- loading ------------------------------------------------------------------------------------------------

  async load() {
    this.poller.stop();
    this.isLoading = true;
    this.loadError = undefined;
    try {
      let state = await getSetupState();
      if (shouldRestoreAddress(state, this.restoreAttempted)) {
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

  // ---- writes -------------------------------------------------------------------------------------------------

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

  // ---- connect ------------------------------------------------------------------------------------------------

  // The one-time connect URL becomes a link the admin opens (target _blank, rel noopener noreferrer). The page never
  // calls window.open or writes to another tab's location or opener: Lightning Web Security replaces the window
  // window.open returns, and a link the admin clicks is never stopped by a pop-up blocker (docs/package.md, ADR 10).
  async handleConnect(event) {
    const { environment, mode } = event.detail;
    this.busy = true;
    this.actionError = undefined;
    this.notice = undefined;
    this.connectUrl = undefined;
    try {
      const link = await createConnectLink({ environment, mode });
      this.connectUrl = link.url;
      this.connectDeadline = Date.now() + CONNECT_WAIT_MS;
      this.poller.schedule();
    } catch (error) {
      this.actionError = messageOf(error);
    } finally {
      this.busy = false;
    }
  }

  // ---- jobs and polling ---------------------------------------------------------------------------------------

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
      this.poller.schedule();
    } catch (error) {
      this.actionError = messageOf(error);
    } finally {
      this.busy = false;
    }
  }

  async poll() {
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

  // Keeps following what is still going on: jobs (pageState.followJobs) and a connection the admin is completing in
  // another tab; polls again while either is under way.
  followStatus(status) {
    const { activeJob, finishedJob } = followJobs(status.jobs, this.activeJob);
    this.activeJob = activeJob;
    if (finishedJob) {
      this.finishedJob = finishedJob;
    }
    if (this.connectDeadline) {
      const outcome = connectOutcome(status, this.connectDeadline, Date.now());
      if (outcome) {
        // Connected, or the link expired unused: either way it is withdrawn.
        this.notice = outcome === 'connected' ? LABELS.connectedNotice : LABELS.connectExpired;
        this.connectDeadline = undefined;
        this.connectUrl = undefined;
      }
    }
    if (this.activeJob || this.connectDeadline) {
      this.poller.schedule();
    }
  }
}
