// The Salesforce connection as the service reports it: details when connected, the connect form when disconnected,
// and a reconnect banner plus the form when reauthorization is required. Connecting is the parent's job: this
// component only says which environment and mode were chosen (event `connect`, detail {environment, mode}) and
// then shows the one-time connect URL the parent got as a link that opens it in a new tab.
import { LightningElement, api } from 'lwc';
import { LABELS } from 'c/graxLabels';

export default class GraxConnectionCard extends LightningElement {
  labels = LABELS;

  /** status.connection from the service: {state, orgName, environment, username, connectedAt, mode, ...}. */
  @api connection;
  /** True while a connect link is being created or the page reloads. */
  @api busy = false;
  /** The one-time connect URL, shown as a link once the parent has it. */
  @api connectUrl;

  environment = 'production';

  connectedCallback() {
    if (this.connection && this.connection.environment === 'sandbox') {
      this.environment = 'sandbox';
    }
  }

  get state() {
    return this.connection ? this.connection.state : 'disconnected';
  }

  get isDisconnected() {
    return this.state === 'disconnected';
  }

  get needsReauthorization() {
    return this.state === 'reauthorization_required';
  }

  get showConnectForm() {
    return this.state !== 'connected';
  }

  get hasDetails() {
    return this.state !== 'disconnected' && Boolean(this.connection && this.connection.orgName);
  }

  get heading() {
    return this.needsReauthorization ? LABELS.reauthHeading : LABELS.connectionHeading;
  }

  get environmentOptions() {
    return [
      { label: LABELS.environmentProduction, value: 'production' },
      { label: LABELS.environmentSandbox, value: 'sandbox' },
    ];
  }

  get environmentText() {
    return this.connection && this.connection.environment === 'sandbox'
      ? LABELS.environmentSandbox
      : LABELS.environmentProduction;
  }

  get modeText() {
    return this.connection && this.connection.mode === 'manual' ? LABELS.modeManual : LABELS.modeAutoConfig;
  }

  handleEnvironmentChange(event) {
    this.environment = event.detail.value;
  }

  handleConnect(event) {
    const mode = event.currentTarget.dataset.mode;
    this.dispatchEvent(new CustomEvent('connect', { detail: { environment: this.environment, mode } }));
  }
}
