/**
 * Dependencies Salesforce enforces but does not list. A real org's Tooling PermissionDependency may have no rows for
 * Modify All Data's requirements (orgs with Forecasts require even more), yet saving Modify All Data without them
 * fails with FIELD_INTEGRITY_EXCEPTION "Permission Modify All Data depends on permission(s): View All Data, Edit
 * Tasks" (labels, not API names; several permissions' clauses joined by '; '). The engine learns from that answer:
 * it parses every clause, maps the labels to API names with the PermissionSet describe it already read, adds what is
 * missing and saves again; what it learnt is remembered per org, so later plans and Preview changes include it.
 */
import type { SettingsRepository } from '../store/types';
import type { JsonValue } from '../domain/json';
import { RunRefusal } from './run/adminErrors';

/** One clause: the permission Salesforce refused and the labels it requires. */
export interface DependencyClause {
  permission: string;
  requires: string[];
}

const CLAUSE = /^Permission\s+(.+?)\s+depends on permission\(s\):\s*(.+)$/i;

/** Whether a save error is Salesforce refusing missing requirements. */
export function isDependencyRefusal(errorCode: string, message: string): boolean {
  return errorCode === 'FIELD_INTEGRITY_EXCEPTION' && /depends on permission\(s\)/i.test(message);
}

/** Every "Permission X depends on permission(s): Y, Z" clause of a message (clauses joined by '; '). */
export function parseDependencyMessage(message: string): DependencyClause[] {
  const out: DependencyClause[] = [];
  for (const part of message.split(/;\s*(?=Permission\s)/i)) {
    const m = CLAUSE.exec(part.trim().replace(/\.$/, ''));
    if (!m?.[1] || !m[2]) continue;
    out.push({
      permission: m[1].trim(),
      requires: m[2]
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    });
  }
  return out;
}

/** A requirement learnt from Salesforce: `name` (API name) is required by `requiredBy` (API name). */
export interface LearnedRequirement {
  requiredBy: string;
  requiredByLabel: string;
  name: string;
  label: string;
}

/** Why a learnt permission is in a plan, in the admin's words. */
export function requirementReason(r: Pick<LearnedRequirement, 'requiredByLabel'>): string {
  return `required by Salesforce for ${r.requiredByLabel}`;
}

/** The outcome of mapping a message's labels: requirements, or the labels no describe field carries. */
export type LabelMapping =
  { ok: true; requirements: LearnedRequirement[] } | { ok: false; unknown: { label: string; requiredBy: string }[] };

/**
 * Maps each clause's labels to API names with `labels` (lower-case field label -> API name without `Permissions`).
 * A label with a comma in it arrives split: pieces are joined back when the joined label is known.
 */
export function mapClauses(clauses: readonly DependencyClause[], labels: ReadonlyMap<string, string>): LabelMapping {
  const requirements: LearnedRequirement[] = [];
  const unknown: { label: string; requiredBy: string }[] = [];
  for (const clause of clauses) {
    const requiredBy = labels.get(clause.permission.toLowerCase());
    if (!requiredBy) {
      unknown.push({ label: clause.permission, requiredBy: clause.permission });
      continue;
    }
    for (let i = 0; i < clause.requires.length; i++) {
      let label = clause.requires[i] ?? '';
      let name = labels.get(label.toLowerCase());
      for (let j = i + 1; !name && j < clause.requires.length; j++) {
        const joined = clause.requires.slice(i, j + 1).join(', ');
        const found = labels.get(joined.toLowerCase());
        if (found) {
          name = found;
          label = joined;
          i = j;
        }
      }
      if (name) requirements.push({ requiredBy, requiredByLabel: clause.permission, name, label });
      else unknown.push({ label, requiredBy: clause.permission });
    }
  }
  return unknown.length > 0 ? { ok: false, unknown } : { ok: true, requirements };
}

/**
 * Stops the run when Salesforce names a permission no PermissionSet field carries (a newer or translated label): the
 * admin enables it in Setup, where the label is what they see.
 */
export function unknownRequirementRefusal(
  setLabel: string,
  unknown: readonly { label: string; requiredBy: string }[],
  message: string,
): RunRefusal {
  const names = unknown.map((u) => u.label).join(', ');
  const forWhat = [...new Set(unknown.map((u) => u.requiredBy))].join(', ');
  return new RunRefusal(
    'DEPENDENCY_UNKNOWN',
    `Auto Config stopped: Salesforce requires ${names} for ${forWhat} on the permission set ${setLabel}, and GRAX found no permission of that name in this org's permission set fields (Salesforce answered: ${message}).`,
    [
      `In Setup > Permission Sets > ${setLabel}, enable ${names} (Salesforce requires it for ${forWhat}), then run Auto Config again.`,
    ],
  );
}

/** Learnt requirements of `permissions` (transitively), e.g. everything Modify All Data needed last time. */
export function knownRequirementsOf(
  permissions: Iterable<string>,
  known: readonly LearnedRequirement[],
): LearnedRequirement[] {
  const out: LearnedRequirement[] = [];
  const seen = new Set<string>();
  const queue = [...permissions];
  for (let p = queue.shift(); p !== undefined; p = queue.shift()) {
    for (const r of known) {
      if (r.requiredBy !== p || seen.has(r.name)) continue;
      seen.add(r.name);
      out.push(r);
      queue.push(r.name);
    }
  }
  return out;
}

/** Adds requirements to a list, once each (by permission and requirement). */
export function mergeRequirements(
  into: readonly LearnedRequirement[],
  more: readonly LearnedRequirement[],
): LearnedRequirement[] {
  const out = [...into];
  for (const r of more) {
    if (!out.some((o) => o.requiredBy === r.requiredBy && o.name === r.name)) out.push(r);
  }
  return out;
}

const settingsKey = (orgId: string): string => `permissions.learnedDependencies.${orgId}`;

function isRequirement(value: unknown): value is LearnedRequirement {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return ['requiredBy', 'requiredByLabel', 'name', 'label'].every((k) => typeof v[k] === 'string');
}

/** What the engine learnt per org, kept in the settings store. */
export class LearnedDependencyStore {
  constructor(private readonly settings: Pick<SettingsRepository, 'get' | 'set'>) {}

  async load(orgId: string): Promise<LearnedRequirement[]> {
    const value = await this.settings.get(settingsKey(orgId));
    return Array.isArray(value) ? (value as unknown[]).filter(isRequirement) : [];
  }

  /** Adds what a run learnt to what the org's earlier runs learnt. */
  async remember(orgId: string, learnt: readonly LearnedRequirement[]): Promise<void> {
    if (learnt.length === 0) return;
    const merged = mergeRequirements(await this.load(orgId), learnt);
    await this.settings.set(settingsKey(orgId), merged as unknown as JsonValue);
  }
}
