/**
 * Generated orgs: fills a schema with custom objects until it holds the requested number of objects and of
 * permissionable fields, deterministically from a seed. Fields cycle through the common types, with lookups, formulas,
 * a required field now and then, and master-detail children, so that generated orgs exercise the same rules as the
 * hand-written demo schema.
 */
import type { FieldDef, FieldType } from '../types';
import type { Schema } from './schema';
import { buildCustomObject } from './customObjects';
import { field, formula, lookup, picklist, required } from './fieldFactory';

/** Org sizes: small is the hand-written demo schema; the others are totals for the whole org. */
export type OrgSize = 'small' | 'medium' | 'large' | 'xl';

/** Target totals (objects in the org, permissionable fields of data objects) per size. */
export const ORG_SIZE_TARGETS: Readonly<
  Record<Exclude<OrgSize, 'small'>, { objects: number; permissionableFields: number }>
> = {
  medium: { objects: 200, permissionableFields: 20_000 },
  large: { objects: 2_000, permissionableFields: 200_000 },
  xl: { objects: 5_000, permissionableFields: 500_000 },
};

/** Deterministic PRNG (mulberry32): same seed, same org. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOUNS = [
  'Shipment',
  'Warehouse',
  'Invoice',
  'Claim',
  'Policy',
  'Vehicle',
  'Ticket',
  'Survey',
  'Booking',
  'Contract',
  'Device',
  'Visit',
  'Lesson',
  'Patient',
  'Supplier',
  'Parcel',
  'Route',
  'Meter',
  'Permit',
  'Grant',
];
const WORDS = [
  'Amount',
  'Code',
  'Status',
  'Region',
  'Score',
  'Notes',
  'Date',
  'Level',
  'Owner',
  'Channel',
  'Weight',
  'Rate',
  'Segment',
  'Reference',
  'Priority',
  'Volume',
  'Margin',
  'Source',
  'Stage',
  'Flag',
];
const TYPES: readonly FieldType[] = [
  'string',
  'string',
  'double',
  'date',
  'boolean',
  'picklist',
  'currency',
  'email',
  'phone',
  'url',
  'textarea',
  'datetime',
  'percent',
  'int',
];

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}

function generatedField(
  index: number,
  random: () => number,
  lookupTargets: readonly string[],
  objectBase: string,
): FieldDef {
  const word = pick(WORDS, random);
  const name = `${word}_${index}__c`;
  const label = `${word} ${index}`;
  const roll = random();
  if (roll < 0.06 && lookupTargets.length > 0) {
    const target = pick(lookupTargets, random);
    return lookup(name, label, [target], `${word}_${index}__r`, { childRelationshipName: `${objectBase}_${index}__r` });
  }
  if (roll < 0.1) return formula(name, label, 'double', `${word}_${index - 1}__c * 2`);
  const type = pick(TYPES, random);
  if (type === 'picklist') return picklist(name, label, ['Alpha', 'Beta', 'Gamma']);
  if (type === 'currency' || type === 'double' || type === 'percent')
    return field(name, label, type, { precision: 16, scale: 2 });
  if (type === 'int') return field(name, label, type, { digits: 9 });
  if (type === 'string') return field(name, label, type, { length: 80 });
  return field(name, label, type);
}

/** Adds generated custom objects to `schema` until it reaches the size's totals. */
export function generateObjects(schema: Schema, size: Exclude<OrgSize, 'small'>, seed: number): void {
  const target = ORG_SIZE_TARGETS[size];
  const current = schema.size();
  const objectCount = target.objects - current.objects;
  const fieldBudget = target.permissionableFields - current.permissionableFields;
  if (objectCount <= 0 || fieldBudget < objectCount) return;
  const random = createRandom(seed);
  const lookupTargets: string[] = ['Account'];
  let previous: { name: string; isDetail: boolean } | undefined;
  for (let i = 0; i < objectCount; i++) {
    const noun = pick(NOUNS, random);
    const base = `${noun}_${String(i + 1).padStart(4, '0')}`;
    const fieldCount = Math.floor(fieldBudget / objectCount) + (i < fieldBudget % objectCount ? 1 : 0);
    const fields: FieldDef[] = [];
    for (let j = 1; j <= fieldCount; j++) fields.push(generatedField(j, random, lookupTargets, base));
    const master = i % 25 === 24 && previous && !previous.isDetail ? previous.name : undefined;
    if (master) {
      fields.push(
        lookup(`Master_${base}__c`, `${noun} Master`, [master], `Master_${base}__r`, {
          masterDetail: true,
          childRelationshipName: `${base}s__r`,
        }),
      );
    }
    if (i % 7 === 3)
      fields.push(
        required(field(`External_Key__c`, 'External Key', 'string', { length: 40, externalId: true, idLookup: true })),
      );
    const name = `${base}__c`;
    schema.addObject(
      buildCustomObject(schema, {
        name,
        label: `${noun} ${i + 1}`,
        fields,
        ...(master ? { masterObject: master } : {}),
      }),
    );
    if (lookupTargets.length < 50) lookupTargets.push(name);
    previous = { name, isDetail: Boolean(master) };
  }
}
