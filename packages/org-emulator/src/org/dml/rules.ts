/**
 * The shape of per-object save rules ("triggers" of the emulator): checks and derived values before a save, and
 * follow-up writes after it (cascades, group recalculation, profile mirrors). Rules run as the running user for their
 * checks and in system mode for their follow-up writes.
 */
import type { SfRecord } from '../types';
import type { OrgCore } from '../core';
import type { UserView } from '../access/userView';

/** What a rule sees: the org internals, the running user's view, and the acting user id for audit fields. */
export interface WriteContext {
  core: OrgCore;
  view: UserView;
  actorId: string;
}

/** Rules of one object; every hook is optional. Hooks abort a save by throwing SaveFailure. */
export interface ObjectRules {
  /** May add derived fields to `row` (which has no Id yet). */
  beforeInsert?(w: WriteContext, row: Record<string, unknown>): void;
  afterInsert?(w: WriteContext, row: SfRecord): void;
  /** `next` is the full record after the change; returning 'delete' deletes the record instead of saving it. */
  beforeUpdate?(w: WriteContext, previous: SfRecord, next: Record<string, unknown>): 'delete' | void;
  afterUpdate?(w: WriteContext, row: SfRecord, previous: SfRecord): void;
  beforeDelete?(w: WriteContext, row: SfRecord): void;
  afterDelete?(w: WriteContext, row: SfRecord): void;
}

/** Rules by object API name. */
export type RuleBook = Readonly<Record<string, ObjectRules>>;
