// The "service address not set" and "service not reachable" states: explains why, shows the address in use, and
// lets an admin who may edit named credentials enter a new address (event `save`, detail {url}).
import { LightningElement, api } from 'lwc';
import { LABELS, format } from 'c/graxLabels';

export default class GraxServiceAddressStep extends LightningElement {
  labels = LABELS;

  /** The URL currently on Named Credential GRAX_Service. */
  @api namedCredentialUrl;
  /** The last address kept in GRAX_Settings__c, if any. */
  @api savedServiceUrl;
  /** Whether the user may edit named credentials. */
  @api canEdit = false;
  /** Where in Setup the Named Credential is edited by hand. */
  @api setupPath;
  /** Set when the service could not be reached: the message Salesforce's callout produced. */
  @api unreachableMessage;
  /** What to do next, from the service client. */
  @api actions = [];
  /** True while the page is saving or reloading. */
  @api busy = false;

  address = '';

  connectedCallback() {
    this.address = this.savedServiceUrl || '';
  }

  get heading() {
    return this.unreachable ? LABELS.unreachableHeading : LABELS.addressHeading;
  }

  get unreachable() {
    return Boolean(this.unreachableMessage);
  }

  get hasActions() {
    return Array.isArray(this.actions) && this.actions.length > 0;
  }

  get savedAddressText() {
    return this.savedServiceUrl ? format(LABELS.addressAfterUpgrade, this.savedServiceUrl) : '';
  }

  get noEditText() {
    return format(LABELS.addressNoEdit, this.setupPath);
  }

  get saveDisabled() {
    return this.busy || !this.address.trim();
  }

  handleAddressChange(event) {
    this.address = event.target.value || '';
  }

  // The server validates the address (public https) and explains any refusal.
  handleSave() {
    this.dispatchEvent(new CustomEvent('save', { detail: { url: this.address.trim() } }));
  }

  handleRetry() {
    this.dispatchEvent(new CustomEvent('retry'));
  }
}
