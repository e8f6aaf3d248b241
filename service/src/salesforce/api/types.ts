/**
 * Shapes of the Salesforce REST responses the service reads. Only the attributes we use are typed; Salesforce sends
 * more, and unknown attributes are ignored.
 */

/** A record as the REST API returns it (attributes + fields). */
export type SfRecord = Record<string, unknown> & { attributes?: { type: string; url?: string } };

/** A page of query results (`/query`, `/queryAll`, `/tooling/query`, Query More). */
export interface QueryResult<T = SfRecord> {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: T[];
}

/** One entry of describeGlobal's `sobjects`. */
export interface GlobalSObject {
  name: string;
  label: string;
  custom: boolean;
  customSetting?: boolean;
  queryable: boolean;
  retrieveable?: boolean;
  createable: boolean;
  updateable: boolean;
  deletable: boolean;
  keyPrefix: string | null;
}

/** describeGlobal's body. */
export interface DescribeGlobalResult {
  encoding?: string;
  maxBatchSize?: number;
  sobjects: GlobalSObject[];
}

/** One field of an sObject describe. */
export interface DescribeField {
  name: string;
  label?: string;
  type: string;
  permissionable?: boolean;
  calculated?: boolean;
  autoNumber?: boolean;
  createable?: boolean;
  updateable?: boolean;
  nillable?: boolean;
  defaultedOnCreate?: boolean;
  referenceTo?: string[];
  relationshipName?: string | null;
  cascadeDelete?: boolean;
  picklistValues?: { value: string; label?: string; active?: boolean }[];
}

/** An sObject describe (`/sobjects/{T}/describe`). */
export interface DescribeSObjectResult {
  name: string;
  label?: string;
  custom?: boolean;
  customSetting?: boolean;
  createable?: boolean;
  updateable?: boolean;
  deletable?: boolean;
  queryable?: boolean;
  fields: DescribeField[];
}

/** Per-record result of sObject Collections and single-record saves. */
export interface SaveResult {
  id: string | null;
  success: boolean;
  created?: boolean;
  errors: { statusCode: string; message: string; fields?: string[] }[];
}

/** One subrequest of a composite request. */
export interface CompositeSubrequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  referenceId: string;
  body?: unknown;
  httpHeaders?: Record<string, string>;
}

/** One subresponse of a composite response. */
export interface CompositeSubresponse {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

/** `/limits` entries the service reads. */
export interface OrgLimits {
  DailyApiRequests?: { Max: number; Remaining: number };
  [name: string]: { Max: number; Remaining: number } | undefined;
}
