/**
 * The permission status of an org, kept in the settings store: the state docs/org-api.md reports (`unknown`, `ok`,
 * `findings`, `drift`), the latest findings, and the keys of findings the admin has already been told about, so that
 * a scan alerts once per new problem (a new field without access, a removed grant) instead of every six hours.
 */
import type { SettingsRepository } from '../store/types';
import type { JsonValue } from '../domain/json';
import { findingKey, summarize, type Finding, type Severity } from './verify/finding';
import { DEFAULT_FEATURES, FEATURES, type Feature } from './profile';

/** The state of an org's permissions. */
export type PermissionState = 'unknown' | 'ok' | 'findings' | 'drift';

/** What is stored per org. */
export interface StoredStatus {
  state: PermissionState;
  /** Last Verify, Auto Config, Auto Fix or scan. */
  checkedAt: string | null;
  lastScanAt: string | null;
  summary: Record<Severity, number>;
  /** The findings, at most MAX_STORED (summary counts all of them). */
  findings: Finding[];
  /** Keys of findings present after the last Verify / Auto Config / Auto Fix: scans report only what is new. */
  baseline: string[];
  /** Keys already alerted about since the baseline. */
  alerted: string[];
  /** Keys of the findings that make the state `drift`. */
  drift: string[];
}

/** Stored findings per org (the summary always counts all). */
const MAX_STORED = 500;

const EMPTY: StoredStatus = {
  state: 'unknown',
  checkedAt: null,
  lastScanAt: null,
  summary: { error: 0, warning: 0, info: 0 },
  findings: [],
  baseline: [],
  alerted: [],
  drift: [],
};

const statusKey = (orgId: string): string => `permissions.status.${orgId}`;
const featuresKey = (orgId: string): string => `permissions.features.${orgId}`;
/** Setting: run Auto Fix automatically after a scan that found drift (off by default). */
const AUTO_FIX_AFTER_SCAN_KEY = 'permissions.autoFixAfterScan';

/** Reads and writes permission status and per-org permission settings. */
export class PermissionStatusStore {
  constructor(private readonly settings: SettingsRepository) {}

  /** The stored status of an org (unknown when never checked). */
  async get(orgId: string): Promise<StoredStatus> {
    const value = await this.settings.get(statusKey(orgId));
    return value && typeof value === 'object' && !Array.isArray(value)
      ? { ...EMPTY, ...(value as unknown as StoredStatus) }
      : { ...EMPTY };
  }

  /** Records a full check (Verify, Auto Config, Auto Fix): its findings become the new baseline. */
  async recordCheck(orgId: string, findings: Finding[], at: Date): Promise<StoredStatus> {
    const status: StoredStatus = {
      ...(await this.get(orgId)),
      state: findings.length > 0 ? 'findings' : 'ok',
      checkedAt: at.toISOString(),
      summary: summarize(findings),
      findings: findings.slice(0, MAX_STORED),
      baseline: findings.map(findingKey),
      alerted: [],
      drift: [],
    };
    await this.save(orgId, status);
    return status;
  }

  /**
   * Records a scan. Findings not in the baseline are drift; `newlyDrifted` holds those not alerted about yet (the
   * caller raises the banner, audit event and alerts for them).
   */
  async recordScan(
    orgId: string,
    findings: Finding[],
    at: Date,
  ): Promise<{ status: StoredStatus; newlyDrifted: Finding[] }> {
    const previous = await this.get(orgId);
    const baseline = new Set(previous.baseline);
    const alerted = new Set(previous.alerted);
    const drifted = findings.filter((f) => !baseline.has(findingKey(f)));
    const newlyDrifted = drifted.filter((f) => !alerted.has(findingKey(f)));
    const status: StoredStatus = {
      ...previous,
      state: drifted.length > 0 ? 'drift' : findings.length > 0 ? 'findings' : 'ok',
      checkedAt: at.toISOString(),
      lastScanAt: at.toISOString(),
      summary: summarize(findings),
      findings: findings.slice(0, MAX_STORED),
      alerted: [...new Set([...alerted, ...newlyDrifted.map(findingKey)])],
      drift: drifted.map(findingKey),
    };
    await this.save(orgId, status);
    return { status, newlyDrifted };
  }

  /** The features chosen for an org (all by default). */
  async features(orgId: string): Promise<Feature[]> {
    const value = await this.settings.get(featuresKey(orgId));
    if (!Array.isArray(value)) return [...DEFAULT_FEATURES];
    const chosen = value.filter(
      (v): v is Feature => typeof v === 'string' && (FEATURES as readonly string[]).includes(v),
    );
    return chosen.length > 0 ? chosen : [...DEFAULT_FEATURES];
  }

  /** Stores the features chosen for an org. */
  async setFeatures(orgId: string, features: readonly Feature[]): Promise<void> {
    await this.settings.set(featuresKey(orgId), [...features]);
  }

  /** Whether Auto Fix runs after a scan that found drift. */
  async autoFixAfterScan(): Promise<boolean> {
    return (await this.settings.get(AUTO_FIX_AFTER_SCAN_KEY)) === true;
  }

  /** Turns Auto Fix after scans on or off. */
  async setAutoFixAfterScan(enabled: boolean): Promise<void> {
    await this.settings.set(AUTO_FIX_AFTER_SCAN_KEY, enabled);
  }

  private async save(orgId: string, status: StoredStatus): Promise<void> {
    await this.settings.set(statusKey(orgId), status as unknown as JsonValue);
  }
}
