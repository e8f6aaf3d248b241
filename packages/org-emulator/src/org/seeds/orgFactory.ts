/**
 * Builds a seeded org from its catalog entry: schema (setup, standard, demo custom objects, and generated objects
 * for medium/large), the Organization record, licenses, then the org's own seed. Deterministic: the same org, size
 * and seed give the same ids, dates and records.
 */
import type { Clock } from '../types';
import { OrgCore } from '../core';
import { IdFactory } from '../ids';
import { DEMO_USERS, type DemoOrg } from '../demoCatalog';
import { Schema } from '../schema/schema';
import { setupObjects } from '../schema/setupObjects';
import { standardObjects } from '../schema/standardObjects';
import { buildCustomObject, demoCustomObjectSpecs } from '../schema/customObjects';
import { generateObjects, type OrgSize } from '../schema/generatedObjects';
import { seedAcmeOrg, type SeededUsers } from './acmeOrg';
import { seedGlobexOrg } from './globexOrg';
import { SeedWriter } from './seedWriter';
import { DEFAULT_ORG_SHAPE, type OrgShape } from '../permissions/dependencies';

/** When every seeded record was created. */
export const SEED_TIME = '2025-11-03T09:00:00.000+0000';

/** A built org: its internals and the seeded users by persona. */
export interface BuiltOrg {
  core: OrgCore;
  users: SeededUsers;
}

/** The schema of an org of the given size. */
export function buildSchema(size: OrgSize, seed: number): Schema {
  const schema = new Schema();
  for (const obj of [...setupObjects(), ...standardObjects()]) schema.addObject(obj);
  for (const spec of demoCustomObjectSpecs()) schema.addObject(buildCustomObject(schema, spec));
  if (size !== 'small') generateObjects(schema, size, seed);
  return schema;
}

/** Builds one seeded org. */
export function buildOrg(
  org: DemoOrg,
  size: OrgSize,
  seed: number,
  clock: Clock,
  shape: OrgShape = DEFAULT_ORG_SHAPE,
): BuiltOrg {
  const schema = buildSchema(size, seed);
  const ids = new IdFactory(org.idInstance, 4096 + (Math.abs(Math.trunc(seed)) % 4096));
  const core = new OrgCore(org.id, schema, ids, clock, shape);
  // Derived writes (profile assignments, group recalculation) read the time too: all of the seed happens at SEED_TIME.
  core.fixedTime = SEED_TIME;
  const w = new SeedWriter(core, SEED_TIME, ids.next('005'));
  w.insert(
    'Organization',
    {
      Name: org.name,
      Division: null,
      City: org.key === 'globex' ? 'Springfield' : 'San Francisco',
      Country: 'United States',
      Phone: null,
      OrganizationType: org.organizationType,
      InstanceName: org.instanceName,
      IsSandbox: org.isSandbox,
      TrialExpirationDate: null,
      NamespacePrefix: null,
      IsReadOnly: false,
      DefaultLocaleSidKey: 'en_US',
      LanguageLocaleKey: 'en_US',
      TimeZoneSidKey: 'America/Los_Angeles',
    },
    org.id,
  );
  w.createLicenses();
  const loginUrl = `https://${org.myDomain}.${org.isSandbox ? 'sandbox.' : ''}my.salesforce.com`;
  const users =
    org.key === 'globex'
      ? seedGlobexOrg(w)
      : seedAcmeOrg(w, org.key === 'acmeSandbox' ? DEMO_USERS.acmeSandbox : DEMO_USERS.acmeProduction, loginUrl);
  core.fixedTime = undefined;
  return { core, users };
}
