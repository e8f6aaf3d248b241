/**
 * Which objects the GRAX profile covers in this org, with what each supports. The authority on which objects can
 * carry object permissions at all is the restricted picklist ObjectPermissions.SobjectType (its describe lists every
 * such object, whatever the running user can see); describeGlobal adds what each object supports (createable,
 * updateable, deletable) for the objects the user can see.
 */
import type { DescribeGlobalResult, DescribeSObjectResult, GlobalSObject } from '../../salesforce/api/types';
import type { ObjectCapabilities } from '../profile';

/** An object the profile covers. */
export interface CatalogObject extends ObjectCapabilities {
  name: string;
  custom: boolean;
  /** Whether the running user can see it now (describeGlobal lists it); invisible objects get Read only until then. */
  visible: boolean;
}

/** Names that never carry object permissions of their own (they follow their parent object or are not data). */
const NOT_PERMISSIONABLE = /(__mdt|__e|__x|__b|__Share|__History|__Feed|ChangeEvent|Share|History|Feed)$/;

/** Picklist values of ObjectPermissions.SobjectType, or undefined when the describe does not list them. */
export function permissionableObjectNames(
  objectPermissionsDescribe: DescribeSObjectResult | undefined,
): string[] | undefined {
  const field = objectPermissionsDescribe?.fields.find((f) => f.name === 'SobjectType');
  const values = field?.picklistValues?.filter((v) => v.active !== false).map((v) => v.value) ?? [];
  return values.length > 0 ? values : undefined;
}

function fallbackCandidate(o: GlobalSObject): boolean {
  return o.queryable && o.customSetting !== true && !NOT_PERMISSIONABLE.test(o.name);
}

/**
 * The covered objects, sorted by name. Without the picklist (an org or emulator that does not list it), falls back
 * to the queryable, non-setting objects describeGlobal shows.
 */
export function buildCatalog(global: DescribeGlobalResult, permissionable: string[] | undefined): CatalogObject[] {
  const visible = new Map(global.sobjects.map((o) => [o.name.toLowerCase(), o]));
  const names = permissionable ?? global.sobjects.filter(fallbackCandidate).map((o) => o.name);
  const out: CatalogObject[] = [];
  for (const name of new Set(names)) {
    const o = visible.get(name.toLowerCase());
    out.push(
      o
        ? {
            name: o.name,
            custom: o.custom,
            visible: true,
            createable: o.createable,
            updateable: o.updateable,
            deletable: o.deletable,
          }
        : {
            name,
            custom: name.endsWith('__c'),
            visible: false,
            createable: false,
            updateable: false,
            deletable: false,
          },
    );
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
