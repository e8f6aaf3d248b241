/**
 * The org API contract (docs/org-api/): JSON Schemas (draft 2020-12) for every /api/org/v1 body, and the OpenAPI 3.1
 * index that says which schema each method, path and status answers with. The service's integration tests, the check
 * of the LWC fixtures and the check of the Apex test bodies all validate through here, so a change on one side fails
 * the others' tests. ajv is a devDependency: the service itself does not load the contract at run time.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { REPO_ROOT } from '@test-support/repoRoot';

export { REPO_ROOT };
export const CONTRACT_DIR = path.join(REPO_ROOT, 'docs', 'org-api');
const SCHEMA_DIR = path.join(CONTRACT_DIR, 'schemas');
const SCHEMA_SUFFIX = '.schema.json';

/** The name of a schema: its file name in docs/org-api/schemas without `.schema.json`. */
export type SchemaName = string;

interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>>;
  components: { responses: Record<string, unknown> };
}

/** Every schema name in docs/org-api/schemas. */
export function schemaNames(): SchemaName[] {
  return readdirSync(SCHEMA_DIR)
    .filter((file) => file.endsWith(SCHEMA_SUFFIX))
    .map((file) => file.slice(0, -SCHEMA_SUFFIX.length))
    .sort();
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8')) as unknown;
}

/** Validates JSON values against the contract's schemas. */
export class OrgApiContract {
  private readonly ajv: Ajv2020;
  private readonly ids = new Map<SchemaName, string>();
  private readonly openApi: OpenApiDocument;

  constructor() {
    this.ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    addFormats(this.ajv);
    for (const name of schemaNames()) {
      const schema = readJson(path.join(SCHEMA_DIR, `${name}${SCHEMA_SUFFIX}`)) as { $id: string };
      this.ajv.addSchema(schema);
      this.ids.set(name, schema.$id);
    }
    // Compile every schema now, so a schema that strict mode refuses fails every test that loads the contract.
    for (const id of this.ids.values()) this.ajv.getSchema(id);
    this.openApi = readJson(path.join(CONTRACT_DIR, 'openapi.json')) as OpenApiDocument;
  }

  /** What is wrong with value as a `schema` body, one readable line per problem; empty when it conforms. */
  problems(schema: SchemaName, value: unknown): string[] {
    const id = this.ids.get(schema);
    if (!id) throw new Error(`docs/org-api/schemas has no ${schema}${SCHEMA_SUFFIX}`);
    const validate = this.ajv.getSchema(id);
    if (!validate) throw new Error(`ajv did not compile ${schema}`);
    return validate(value) ? [] : (validate.errors ?? []).map(describe);
  }

  /** Throws, naming every problem, unless value conforms to `schema`. */
  assertConforms(schema: SchemaName, value: unknown, what: string): void {
    const problems = this.problems(schema, value);
    if (problems.length > 0) {
      throw new Error(`${what} does not conform to ${schema}${SCHEMA_SUFFIX}:\n  ${problems.join('\n  ')}`);
    }
  }

  /** The schema of an answer to `method pathname` with this status (`/status`, 200), from openapi.json. */
  responseSchema(method: string, pathname: string, status: number): SchemaName {
    const operation = this.openApi.paths[pathname]?.[method.toLowerCase()];
    // Unknown paths and methods are answered by the error middleware, as every refusal is.
    const response = operation ? (operation.responses[String(status)] ?? operation.responses.default) : null;
    const resolved = response ? this.resolve(response) : null;
    if (status >= 400 || !resolved) {
      if (status < 400) throw new Error(`openapi.json describes no ${status} answer to ${method} ${pathname}`);
      return 'error.response';
    }
    return resolved;
  }

  /** The request body schema of `method pathname`, or null when it takes none. */
  requestSchema(method: string, pathname: string): SchemaName | null {
    const body = this.openApi.paths[pathname]?.[method.toLowerCase()]?.requestBody;
    return body ? this.resolve(body) : null;
  }

  // Follows `#/components/responses/x` and reads the JSON schema file a body points at.
  private resolve(node: unknown): SchemaName | null {
    const ref = (node as { $ref?: string }).$ref;
    if (ref?.startsWith('#/components/responses/')) {
      return this.resolve(this.openApi.components.responses[ref.split('/').pop() ?? '']);
    }
    const schemaRef = (node as { content?: Record<string, { schema?: { $ref?: string } }> }).content?.[
      'application/json'
    ]?.schema?.$ref;
    if (!schemaRef) return null;
    return path.basename(schemaRef).slice(0, -SCHEMA_SUFFIX.length);
  }
}

function describe(error: ErrorObject): string {
  const where = error.instancePath || '(body)';
  const detail = error.keyword === 'additionalProperties' ? ` (${String(error.params.additionalProperty)})` : '';
  return `${where} ${error.message ?? error.keyword}${detail}`;
}

let shared: OrgApiContract | undefined;

/** One contract per test file: compiling the schemas takes a moment. */
export function orgApiContract(): OrgApiContract {
  shared ??= new OrgApiContract();
  return shared;
}
