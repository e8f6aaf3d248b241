// Copies the non-TypeScript files the service reads at run time (SQL migrations, static web assets) next to the
// compiled JavaScript, so `node dist/service/src/main.js` finds them where `__dirname` says. An argument names another
// output folder than dist/ (the production-install test builds into a temporary one).
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const outDir = path.resolve(root, process.argv[2] ?? 'dist');
const folders = ['service/src/store/migrations', 'service/src/web/static'];
for (const folder of folders) {
  const from = path.join(root, folder);
  const to = path.join(outDir, folder);
  fs.cpSync(from, to, { recursive: true });
  console.log(`copied ${folder} -> ${path.relative(root, to)}`);
}
