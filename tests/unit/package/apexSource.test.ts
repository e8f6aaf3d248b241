// Offline checks of the package's Apex that need no org: every class has its tests, API versions match the
// project, and the security rules the code review relies on hold. Compiling and running the Apex needs a scratch
// org (scripts/scratch-org-test.sh).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  REPO_ROOT,
  apexStringConstant,
  componentNames,
  readMetadata,
  readSource,
  text,
} from '@test-support/packageFiles';

const sourceApiVersion = (
  JSON.parse(readFileSync(path.join(REPO_ROOT, 'sfdx-project.json'), 'utf8')) as { sourceApiVersion: string }
).sourceApiVersion;
const classNames = componentNames('classes', '.cls');
const isTestClass = (name: string) =>
  /^\s*(\/\/.*\n|\/\*[\s\S]*?\*\/\s*)*@IsTest/im.test(readSource(`classes/${name}.cls`));
const productionClasses = classNames.filter((name) => !isTestClass(name));

// The body of each `@AuraEnabled ... static ... name(...) {` method, up to its first statement.
function auraEnabledMethods(source: string): { name: string; firstStatement: string }[] {
  const pattern = /@AuraEnabled(?:\([^)]*\))?\s+public\s+static\s+[\w<>,\s.]+?\s(\w+)\s*\([^)]*\)\s*\{\s*([^;]*;)/g;
  return Array.from(source.matchAll(pattern), (match) => ({ name: match[1] ?? '', firstStatement: match[2] ?? '' }));
}

describe('package Apex', () => {
  it('has production classes and test classes', () => {
    expect(productionClasses.length).toBeGreaterThan(0);
    expect(classNames.length).toBeGreaterThan(productionClasses.length);
  });

  it.each(productionClasses)('%s has a matching _Tests class annotated @IsTest', (name) => {
    expect(classNames).toContain(`${name}_Tests`);
    expect(isTestClass(`${name}_Tests`)).toBe(true);
  });

  it.each(classNames)('%s is at the project API version and active', (name) => {
    const meta = readMetadata(`classes/${name}.cls-meta.xml`);
    expect(text(meta, 'apiVersion')).toBe(sourceApiVersion);
    expect(text(meta, 'status')).toBe('Active');
  });

  it.each(productionClasses)('%s declares its sharing and never branches on Test.isRunningTest()', (name) => {
    const source = readSource(`classes/${name}.cls`);
    expect(source).toMatch(/public\s+with\s+sharing\s+class/);
    expect(source).not.toMatch(/Test\.isRunningTest\s*\(/);
  });

  it.each(classNames)('%s runs every SOQL query in user mode', (name) => {
    const queries = readSource(`classes/${name}.cls`).match(/\[\s*SELECT[\s\S]*?\]/gi) ?? [];
    for (const query of queries) {
      expect(query).toMatch(/WITH\s+USER_MODE/i);
    }
  });

  it('checks the GRAX_Manage_Connection custom permission first in every @AuraEnabled method', () => {
    const methods = auraEnabledMethods(readSource('classes/GraxSetupController.cls'));
    expect(methods.map((method) => method.name).sort()).toEqual([
      'createConnectLink',
      'getSetupState',
      'getStatus',
      'saveLinkKey',
      'saveServiceAddress',
      'startJob',
    ]);
    for (const method of methods) {
      expect(`${method.name}: ${method.firstStatement.trim()}`).toBe(`${method.name}: requireManagePermission();`);
    }
  });

  it('calls out only from GraxServiceClient, and only through Named Credential GRAX_Service', () => {
    const callers = productionClasses.filter((name) =>
      /\bnew\s+Http\s*\(|setEndpoint\s*\(/.test(readSource(`classes/${name}.cls`)),
    );
    expect(callers).toEqual(['GraxServiceClient']);
    const namedCredential = apexStringConstant('GraxNamedCredentials', 'NAMED_CREDENTIAL');
    expect(apexStringConstant('GraxServiceClient', 'BASE_PATH')).toBe(`callout:${namedCredential}/api/org/v1`);
    expect(readSource('classes/GraxServiceClient.cls')).toMatch(/setEndpoint\(BASE_PATH \+ path\)/);
  });
});
