/**
 * The drift alert: what a scan sends when access broke since the last good state, as JSON for the webhook and as
 * plain text for email. It names the problems and what to do; it never carries a token or key.
 */
import type { Finding } from '../permissions/verify/finding';

/** One drift alert. */
export interface DriftAlert {
  orgId: string;
  orgName: string | null;
  detectedAt: Date;
  /** The findings that are new since the last good state. */
  findings: Finding[];
  /** Where the admin reviews and fixes them. */
  reviewUrl: string;
}

/** Findings listed in an alert; the rest are counted. */
const LISTED = 20;

/** The webhook's JSON body. */
export function alertJson(alert: DriftAlert): Record<string, unknown> {
  return {
    event: 'grax.permissions.drift',
    orgId: alert.orgId,
    orgName: alert.orgName,
    detectedAt: alert.detectedAt.toISOString(),
    count: alert.findings.length,
    findings: alert.findings.slice(0, LISTED),
    reviewUrl: alert.reviewUrl,
  };
}

/** The email's subject and text body. */
export function alertEmail(alert: DriftAlert): { subject: string; text: string } {
  const org = alert.orgName ?? alert.orgId;
  const n = alert.findings.length;
  const lines = alert.findings
    .slice(0, LISTED)
    .map((f) => `- [${f.severity}] ${f.subject}: ${f.message}\n  Fix: ${f.remediation}`);
  const more = n > LISTED ? [`...and ${n - LISTED} more.`] : [];
  return {
    subject: `GRAX: ${n} permission problem${n === 1 ? '' : 's'} found in ${org}`,
    text: [
      `GRAX Connect's permission scan found ${n} new problem${n === 1 ? '' : 's'} in ${org} (${alert.orgId}) at ${alert.detectedAt.toISOString()}.`,
      'Until they are fixed, backups may miss data or restores may fail.',
      '',
      ...lines,
      ...more,
      '',
      `Review and run Auto Fix: ${alert.reviewUrl}`,
    ].join('\n'),
  };
}
