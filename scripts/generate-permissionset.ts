/**
 * `npm run generate:permissionset`: writes the deployable template GRAX_Integration_User (integration-user/, outside
 * the package directory) from the permission profile
 * (service/src/permissions/profile.ts), formatted with the repository's Prettier settings so the committed file passes
 * `prettier --check`. `--check` only compares and exits 1 when the committed file differs (the drift test runs the
 * same comparison through `formatTemplate`).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as prettier from 'prettier';
import { renderTemplateXml, TEMPLATE_PATH } from '../service/src/permissions/metadata/template';

/** The template XML exactly as it must be committed. */
async function formatTemplate(repositoryRoot: string): Promise<string> {
  const filepath = path.join(repositoryRoot, TEMPLATE_PATH);
  const options = (await prettier.resolveConfig(filepath)) ?? {};
  return prettier.format(renderTemplateXml(), { ...options, filepath });
}

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const target = path.join(root, TEMPLATE_PATH);
  const generated = await formatTemplate(root);
  const current = await readFile(target, 'utf8').catch(() => '');
  if (process.argv.includes('--check')) {
    if (current !== generated) {
      console.error(`${TEMPLATE_PATH} differs from the permission profile: run npm run generate:permissionset`);
      process.exit(1);
    }
    console.log(`${TEMPLATE_PATH} matches the permission profile.`);
    return;
  }
  await writeFile(target, generated);
  console.log(current === generated ? `${TEMPLATE_PATH} is up to date.` : `Wrote ${TEMPLATE_PATH}.`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
