/**
 * The emulated Salesforce world: the seeded orgs (Acme Production, Acme Sandbox, Globex) sharing one clock, with
 * look-ups by org id and by username (usernames are unique across all orgs, as in Salesforce), and reset() back to
 * the seeded state. `orgSize` applies to Acme Production's schema; the other orgs keep the demo schema.
 */
import type { Clock, SfRecord } from './types';
import { createSystemClock } from './clock';
import { DEMO_CLIENT_APP, DEMO_ORGS, type DemoOrgKey } from './demoCatalog';
import { toId18 } from './ids';
import { OrgModel } from './orgModel';
import type { OrgSize } from './schema/generatedObjects';
import { DEFAULT_ORG_SHAPE, type OrgShape } from './permissions/dependencies';

/** Options of createWorld(). */
export interface WorldOptions {
  /**
   * Size of Acme Production's schema: small (demo), medium (~200 objects), large (2,000 objects, 200,000 fields),
   * xl (5,000 objects, 500,000 fields).
   */
  orgSize?: OrgSize;
  /** Seed of generated schemas and id counters (same seed, same world). */
  seed?: number;
  /** Time source; defaults to real time that advance() can move forward. */
  clock?: Clock;
  /**
   * Org shapes by catalog key: whether PermissionDependency lists Modify All Data's requirements, whether Forecasts is
   * enabled. Unset: rows unlisted, no Forecasts (DEFAULT_ORG_SHAPE).
   */
  orgShapes?: OrgShapes;
}

/** Org shapes by catalog key (see WorldOptions). */
export type OrgShapes = Partial<Record<DemoOrgKey, Partial<OrgShape>>>;

/** Every seeded org and the shared clock. */
export class World {
  readonly orgs: OrgModel[] = [];

  constructor(
    readonly clock: Clock,
    options: { orgSize: OrgSize; seed: number; orgShapes?: OrgShapes },
  ) {
    const usernameTaken = (username: string, exceptOrgId: string): boolean =>
      this.orgs.some((o) => o.id !== exceptOrgId && o.findUserByUsername(username) !== undefined);
    for (const org of Object.values(DEMO_ORGS)) {
      this.orgs.push(
        new OrgModel({
          org,
          size: org.key === 'acmeProduction' ? options.orgSize : 'small',
          seed: options.seed,
          clock,
          installedClientAppIds: (DEMO_CLIENT_APP.installedInOrgIds as readonly string[]).includes(org.id)
            ? [DEMO_CLIENT_APP.clientId]
            : [],
          usernameTaken,
          shape: { ...DEFAULT_ORG_SHAPE, ...options.orgShapes?.[org.key] },
        }),
      );
    }
  }

  /** An org by id (15 or 18 characters). */
  findOrgById(id: string): OrgModel | undefined {
    const id18 = toId18(id);
    return this.orgs.find((o) => o.id === id18);
  }

  /** A seeded org by catalog key. */
  org(key: DemoOrgKey): OrgModel {
    const org = this.findOrgById(DEMO_ORGS[key].id);
    if (!org) throw new Error(`The world has no ${key} org.`);
    return org;
  }

  /** The org and user of a username (any case), across all orgs. */
  findOrgByUsername(username: string): { org: OrgModel; user: SfRecord } | undefined {
    for (const org of this.orgs) {
      const user = org.findUserByUsername(username);
      if (user) return { org, user };
    }
    return undefined;
  }

  /** Back to the seeded state (same OrgModel instances, so references held elsewhere stay valid). */
  reset(): void {
    for (const org of this.orgs) org.reset();
  }
}

/** Creates the seeded world. */
export function createWorld(options: WorldOptions = {}): World {
  return new World(options.clock ?? createSystemClock(), {
    orgSize: options.orgSize ?? 'small',
    seed: options.seed ?? 1,
    orgShapes: options.orgShapes,
  });
}
