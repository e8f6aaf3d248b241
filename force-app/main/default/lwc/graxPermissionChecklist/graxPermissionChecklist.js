// The integration user's permission findings from the service (status.permissions), grouped by severity, errors
// first, each with the message and how to fix it.
import { LightningElement, api } from 'lwc';
import { LABELS, format } from 'c/graxLabels';

const SEVERITY_ORDER = ['error', 'warning', 'info'];
const STATE_TONES = {
  ok: 'slds-text-color_success',
  findings: 'slds-text-color_error',
  drift: 'slds-text-color_error',
  unknown: 'slds-text-color_weak',
};

export default class GraxPermissionChecklist extends LightningElement {
  labels = LABELS;

  /** status.permissions: {state, lastScanAt, summary, findings: [{severity, code, subject, message, remediation}]}. */
  @api permissions;

  get state() {
    return (this.permissions && this.permissions.state) || 'unknown';
  }

  get stateText() {
    return LABELS.permissionStates[this.state] || LABELS.permissionStates.unknown;
  }

  get stateClass() {
    return `permission-state ${STATE_TONES[this.state] || STATE_TONES.unknown}`;
  }

  get lastScanAt() {
    return this.permissions && this.permissions.lastScanAt;
  }

  get groups() {
    const findings = (this.permissions && this.permissions.findings) || [];
    return SEVERITY_ORDER.map((severity) => {
      const ofSeverity = findings
        .filter((finding) => finding.severity === severity)
        .map((finding, index) => ({
          ...finding,
          key: `${severity}-${finding.code}-${index}`,
          remediationText: finding.remediation ? format(LABELS.remediationText, finding.remediation) : '',
        }));
      return {
        severity,
        heading: format('{0} ({1})', LABELS.severityHeadings[severity], ofSeverity.length),
        findings: ofSeverity,
      };
    }).filter((group) => group.findings.length > 0);
  }
}
