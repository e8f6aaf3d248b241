// What every check of `npm run check:salesforce` reports: findings with a file, a position when the tool gives one,
// the rule or category that found it and a message, printed one per line as `file:line:column [rule] message`.

/** One defect found by a check. `file` is relative to the checked project. */
export interface Finding {
  file: string;
  line?: number;
  column?: number;
  rule: string;
  message: string;
}

/** What one check found, plus notes (suppressed known gaps, tool versions) that are shown but do not fail it. */
export interface CheckResult {
  name: string;
  findings: Finding[];
  notes: string[];
}

/** A finding as one line: `file:line:column [rule] message`. */
export function formatFinding(finding: Finding): string {
  const position = [finding.file, finding.line, finding.column].filter((part) => part !== undefined).join(':');
  return `${position} [${finding.rule}] ${finding.message}`;
}

/** Findings sorted by file, then line, then column, so the output is stable between runs. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
}
