/**
 * The layer rule of docs/architecture.md is enforced by `npm run lint`: each case below is a file a developer might
 * write, linted with the repository's own ESLint config. A forbidden import must fail with the layer's message; an
 * allowed one must pass, so the rule is neither missing nor so broad that it blocks the right shape.
 */
import { lintAt } from '@test-support/eslintProbe';

const RESTRICTED = 'import/no-restricted-paths';

it('refuses imports against the layers and accepts the ones along them', () => {
  const results = lintAt({
    // Forbidden.
    'service/src/connection/layerProbe.ts':
      "import { renderPage } from '../http/render';\nexport const x = renderPage;\n",
    'service/src/permissions/layerProbe.ts': "import { html } from '../web/html';\nexport const x = html;\n",
    'service/src/store/layerProbe.ts':
      "import type { ConnectionFlows } from '../connection/flows';\nexport type X = ConnectionFlows;\n",
    'service/src/salesforce/layerProbe.ts': "import { createApp } from '../app';\nexport const x = createApp;\n",
    'service/src/domain/layerProbe.ts': "import type { Store } from '../store/types';\nexport type X = Store;\n",
    'service/src/web/layerProbe.ts': "import { renderPage } from '../http/render';\nexport const x = renderPage;\n",
    'service/src/auth/layerProbe.ts':
      "import { DEMO_USERS } from '../../../packages/org-emulator/src/org/demoCatalog';\nexport const x = DEMO_USERS;\n",
    'service/src/orgApi/packageProbe.ts':
      "import { startEmulator } from '@grax-connect/org-emulator';\nexport const x = startEmulator;\n",
    // Allowed.
    'service/src/http/allowedProbe.ts':
      "import type { ConnectionFlows } from '../connection/flows';\nexport type X = ConnectionFlows;\n",
    'service/src/permissions/allowedProbe.ts':
      "import type { Store } from '../store/types';\nimport type { Job } from '../domain/jobs';\nexport type X = [Store, Job];\n",
    'service/src/store/allowedProbe.ts':
      "import type { Connection } from '../domain/connection';\nexport type X = Connection;\n",
  });
  for (const file of Object.keys(results).filter((f) => f.includes('layerProbe'))) {
    expect({ file, rules: results[file] }).toEqual({ file, rules: [RESTRICTED] });
  }
  expect(results['service/src/orgApi/packageProbe.ts']).toEqual(['no-restricted-imports']);
  for (const file of Object.keys(results).filter((f) => f.includes('allowedProbe'))) {
    expect({ file, rules: results[file] }).toEqual({ file, rules: [] });
  }
});
