// The "not linked" state and link-key rotation: a masked input whose value leaves the component only in the `save`
// event (detail {key}) and is cleared right after, so the key does not linger on the page. Save is offered once the
// text has the link-key format (c/graxRules, the rule Apex applies too), so a paste cut short is caught at once.
import { LightningElement, api } from 'lwc';
import { LABELS, format } from 'c/graxLabels';
import { isLinkKey } from 'c/graxRules';

export default class GraxLinkStep extends LightningElement {
  labels = LABELS;

  /** Whether the user may edit named credentials (storing the key needs it). */
  @api canEdit = false;
  /** True in the connected state: replacing a working key rather than linking for the first time. */
  @api rotating = false;
  /** The service's message when it refused the stored key (LINK_KEY_INVALID, ORG_MISMATCH, ...). */
  @api rejection;
  /** True while the page is saving or reloading. */
  @api busy = false;

  linkKey = '';

  get heading() {
    return this.rotating ? LABELS.rotateHeading : LABELS.linkHeading;
  }

  get intro() {
    return this.rotating ? LABELS.rotateIntro : LABELS.linkIntro;
  }

  get rejectionText() {
    return this.rejection ? format(LABELS.linkRejected, this.rejection) : '';
  }

  get saveDisabled() {
    return this.busy || !isLinkKey(this.linkKey.trim());
  }

  get formatHint() {
    const typed = this.linkKey.trim();
    return typed && !isLinkKey(typed) ? LABELS.linkKeyNotAKey : '';
  }

  handleKeyChange(event) {
    this.linkKey = event.target.value || '';
  }

  handleSave() {
    const key = this.linkKey.trim();
    this.linkKey = '';
    this.dispatchEvent(new CustomEvent('save', { detail: { key } }));
  }
}
