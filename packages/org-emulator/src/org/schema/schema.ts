/**
 * One org's schema: its objects and fields, looked up case-insensitively, with child relationships kept in step as
 * objects and fields are added (seeding, generated orgs, and the control API's addCustomObject/addCustomField).
 */
import type { ChildRelationshipDef, FieldDef, ObjectDef } from '../types';
import { keyPrefixOf } from '../ids';
import { childRelationshipNameOf } from './fieldFactory';
import { CustomPrefixAllocator } from './keyPrefixes';

interface PendingChild {
  targetLower: string;
  relationship: ChildRelationshipDef;
}

/** Objects and fields of one org. */
export class Schema {
  private readonly objects = new Map<string, ObjectDef>();
  private readonly fieldIndex = new Map<ObjectDef, Map<string, FieldDef>>();
  private readonly relationshipIndex = new Map<ObjectDef, Map<string, FieldDef>>();
  private readonly prefixes = new Map<string, ObjectDef>();
  private readonly pending: PendingChild[] = [];
  /** Hands out a0X / m0X prefixes for custom objects added to this org. */
  readonly customPrefixes = new CustomPrefixAllocator();

  /** Adds an object (and links lookups that point at it or from it). */
  addObject(def: ObjectDef): ObjectDef {
    const lower = def.name.toLowerCase();
    if (this.objects.has(lower)) throw new Error(`Object ${def.name} already exists in this org.`);
    this.objects.set(lower, def);
    this.fieldIndex.set(def, new Map());
    this.relationshipIndex.set(def, new Map());
    if (def.keyPrefix) this.prefixes.set(def.keyPrefix, def);
    for (const f of def.fields) this.indexField(def, f);
    for (let i = this.pending.length - 1; i >= 0; i--) {
      const p = this.pending[i];
      if (p && p.targetLower === lower) {
        def.childRelationships.push(p.relationship);
        this.pending.splice(i, 1);
      }
    }
    return def;
  }

  /** Adds a field to an existing object. */
  addField(objectName: string, def: FieldDef): FieldDef {
    const obj = this.getObject(objectName);
    if (!obj) throw new Error(`Object ${objectName} does not exist in this org.`);
    if (this.getField(obj.name, def.name)) throw new Error(`Field ${obj.name}.${def.name} already exists.`);
    obj.fields.push(def);
    this.indexField(obj, def);
    return def;
  }

  /** An object by API name, any case. */
  getObject(name: string): ObjectDef | undefined {
    return this.objects.get(name.toLowerCase());
  }

  /** A field by API name, any case. */
  getField(objectName: string, fieldName: string): FieldDef | undefined {
    const obj = this.getObject(objectName);
    return obj ? this.fieldIndex.get(obj)?.get(fieldName.toLowerCase()) : undefined;
  }

  /** A lookup field by its relationship name (Contact.Account -> AccountId), any case. */
  getFieldByRelationship(objectName: string, relationshipName: string): FieldDef | undefined {
    const obj = this.getObject(objectName);
    return obj ? this.relationshipIndex.get(obj)?.get(relationshipName.toLowerCase()) : undefined;
  }

  /** Every object, in insertion order. */
  listObjects(): ObjectDef[] {
    return [...this.objects.values()];
  }

  /** The object whose key prefix starts the id, or undefined. */
  objectForId(id: string): ObjectDef | undefined {
    return this.prefixes.get(keyPrefixOf(id));
  }

  /**
   * Number of objects the REST API lists (Tooling-only objects such as PermissionDependency are not in describeGlobal)
   * and of permissionable fields of data objects: the size of a generated org.
   */
  size(): { objects: number; permissionableFields: number } {
    let objects = 0;
    let permissionableFields = 0;
    for (const obj of this.objects.values()) {
      if (!obj.toolingOnly) objects++;
      if (obj.accessModel !== 'data') continue;
      for (const f of obj.fields) if (f.permissionable) permissionableFields++;
    }
    return { objects, permissionableFields };
  }

  private indexField(obj: ObjectDef, f: FieldDef): void {
    this.fieldIndex.get(obj)?.set(f.name.toLowerCase(), f);
    if (f.relationshipName) this.relationshipIndex.get(obj)?.set(f.relationshipName.toLowerCase(), f);
    const childName = childRelationshipNameOf(f);
    if (f.type !== 'reference' || !childName) return;
    for (const target of f.referenceTo) {
      const relationship: ChildRelationshipDef = {
        childSObject: obj.name,
        field: f.name,
        relationshipName: childName,
        cascadeDelete: f.cascadeDelete,
      };
      const parent = this.getObject(target);
      if (parent) parent.childRelationships.push(relationship);
      else this.pending.push({ targetLower: target.toLowerCase(), relationship });
    }
  }
}
