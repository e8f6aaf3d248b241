// Copies the non-TypeScript files the service reads at run time (SQL migrations, static web assets) next to the
// compiled JavaScript, so `node dist/service/src/main.js` finds them where `__dirname` says.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const folders = ['service/src/store/migrations', 'service/src/web/static'];
for (const folder of folders) {
  const from = path.join(root, folder);
  const to = path.join(root, 'dist', folder);
  fs.cpSync(from, to, { recursive: true });
  console.log(`copied ${folder} -> dist/${folder}`);
}
