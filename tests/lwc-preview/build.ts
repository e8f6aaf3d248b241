// Builds a local preview of the GRAX Setup page into tests/lwc-preview/build/ (git-ignored): c-grax-setup and its
// children from force-app (namespace c), the real lightning base components, synthetic shadow and the SLDS
// stylesheet. `@salesforce/apex/GraxSetupController.<method>` resolves to apex/graxSetupController.ts, which does
// what the Apex does against the real GRAX service; `@salesforce/label/c.<name>` resolves to the label's text in the
// package's Custom Labels (an unknown label fails the build, as it fails a deploy). Run `npx tsx tests/lwc-preview/build.ts`, then serve the folder
// with renderPreview() or previewServer.ts.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import replace from '@rollup/plugin-replace';
import { XMLParser } from 'fast-xml-parser';
import { rollup, type Plugin } from 'rollup';
import ts from 'typescript';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const LWC_DIR = path.join(REPO_ROOT, 'force-app', 'main', 'default', 'lwc');
const APEX_SHIM = path.join(__dirname, 'apex', 'graxSetupController.ts');
const SLDS_CSS =
  require.resolve('@salesforce-ux/design-system/assets/styles/salesforce-lightning-design-system.min.css');
const APEX_PREFIX = '@salesforce/apex/GraxSetupController.';
const LABEL_PREFIX = '@salesforce/label/c.';
const CUSTOM_LABELS = path.join(REPO_ROOT, 'force-app', 'main', 'default', 'labels', 'CustomLabels.labels-meta.xml');
const ENTRY_ID = '\0grax-preview-entry';

/** Where the preview is built by default. */
export const BUILD_DIR = path.join(__dirname, 'build');

const ENTRY_SOURCE = `
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import GraxSetup from 'c/graxSetup';

document.getElementById('app').appendChild(createElement('c-grax-setup', { is: GraxSetup }));
`;

const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>GRAX Setup (local preview)</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="assets/styles/salesforce-lightning-design-system.min.css" />
  </head>
  <body class="slds-scope">
    <main id="app" class="slds-p-around_medium"></main>
    <script type="module" src="main.js"></script>
  </body>
</html>
`;

/** Builds the preview into outDir (emptied first) and returns outDir. */
export async function buildPreview(outDir: string = BUILD_DIR): Promise<string> {
  rmSync(outDir, { recursive: true, force: true });
  // The LWC plugin is published as an ES module only.
  const { default: lwc } = await import('@lwc/rollup-plugin');
  const bundle = await rollup({
    input: ENTRY_ID,
    plugins: [
      previewModules(),
      replace({
        preventAssignment: true,
        values: {
          'process.env.NODE_ENV': JSON.stringify('development'),
          'process.env.SSR': 'false',
          'import.meta.env.SSR': 'false',
        },
      }),
      lwc({
        rootDir: REPO_ROOT,
        modules: [...namespacedAsC(LWC_DIR), { npm: 'lightning-base-components' }],
      }),
    ],
    onwarn(warning, warn) {
      // lightning-base-components' own templates trip compiler checks meant for customer code.
      if (warning.plugin === 'rollup-plugin-lwc-compiler' && warning.id?.includes('lightning-base-components')) {
        return;
      }
      warn(warning);
    },
  });
  try {
    // The base components load their icon templates on demand, so the build has several chunks.
    await bundle.write({
      dir: outDir,
      format: 'esm',
      entryFileNames: 'main.js',
      chunkFileNames: 'chunks/[name]-[hash].js',
    });
  } finally {
    await bundle.close();
  }
  const stylesDir = path.join(outDir, 'assets', 'styles');
  mkdirSync(stylesDir, { recursive: true });
  copyFileSync(SLDS_CSS, path.join(stylesDir, path.basename(SLDS_CSS)));
  writeFileSync(path.join(outDir, 'index.html'), INDEX_HTML);
  return outDir;
}

// Salesforce serves every bundle of force-app/main/default/lwc as c/<name>; the module resolver expects a folder
// per namespace, so each bundle is registered under its c/ name instead.
function namespacedAsC(lwcDir: string): { name: string; path: string }[] {
  return readdirSync(lwcDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(lwcDir, entry.name, `${entry.name}.js`)))
    .map((entry) => ({ name: `c/${entry.name}`, path: path.join(lwcDir, entry.name, `${entry.name}.js`) }));
}

/** The package's Custom Labels: name -> text. */
export function customLabels(file: string = CUSTOM_LABELS): Map<string, string> {
  const parsed = new XMLParser({ parseTagValue: false, isArray: (name) => name === 'labels' }).parse(
    readFileSync(file, 'utf8'),
  ) as { CustomLabels: { labels: { fullName: string; value: string }[] } };
  return new Map(parsed.CustomLabels.labels.map((label) => [label.fullName, String(label.value)]));
}

// The preview's own modules: the entry, the Apex and label imports, TypeScript for the Apex stand-in, and `lwc` pinned
// to the engine that matches the compiler (the hoisted @lwc/engine-dom belongs to sfdx-lwc-jest and is older).
const SERVICE_ALIAS = '@service/';

function previewModules(): Plugin {
  const engine = require.resolve('@lwc/engine-dom', { paths: [path.dirname(require.resolve('lwc'))] });
  const labels = customLabels();
  return {
    name: 'grax-preview-modules',
    resolveId(source, importer) {
      if (source === ENTRY_ID) {
        return ENTRY_ID;
      }
      if (source.startsWith(APEX_PREFIX) || source.startsWith(LABEL_PREFIX)) {
        return `\0${source}`;
      }
      if (source === 'lwc') {
        return engine;
      }
      if (importer?.endsWith('.ts') && source.startsWith('.')) {
        return path.resolve(path.dirname(importer), `${source}.ts`);
      }
      // The tests' path alias (tsconfig.json): the Apex stand-in imports the service's shared rules through it.
      if (source.startsWith(SERVICE_ALIAS)) {
        return path.join(REPO_ROOT, 'service', 'src', `${source.slice(SERVICE_ALIAS.length)}.ts`);
      }
      return null;
    },
    load(id) {
      if (id === ENTRY_ID) {
        return ENTRY_SOURCE;
      }
      if (id.startsWith(`\0${APEX_PREFIX}`)) {
        const method = id.slice(APEX_PREFIX.length + 1);
        return `export { ${method} as default } from ${JSON.stringify(APEX_SHIM)};`;
      }
      if (id.startsWith(`\0${LABEL_PREFIX}`)) {
        const name = id.slice(LABEL_PREFIX.length + 1);
        const text = labels.get(name);
        if (text === undefined) {
          this.error(`Custom Label ${name} is not in ${path.relative(REPO_ROOT, CUSTOM_LABELS)}`);
        }
        return `export default ${JSON.stringify(text)};`;
      }
      return null;
    },
    transform(code, id) {
      if (!id.endsWith('.ts')) {
        return null;
      }
      const output = ts.transpileModule(code, {
        fileName: id,
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, sourceMap: true },
      });
      return { code: output.outputText, map: output.sourceMapText ?? null };
    },
  };
}

if (require.main === module) {
  buildPreview()
    .then((outDir) => console.log(`GRAX Setup preview built in ${path.relative(process.cwd(), outDir)}`))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
