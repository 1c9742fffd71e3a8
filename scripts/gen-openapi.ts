// Writes openapi/admin.json from the admin route definitions (src/admin/routes/). Never edit that
// file by hand: test/admin/openapi.test.ts fails when it differs from what this writes.
import { writeFileSync } from 'node:fs';
import { renderOpenApi } from '../src/admin/openapi.js';
import { ADMIN_ROUTES } from '../src/admin/routes.js';

const target = new URL('../../openapi/admin.json', import.meta.url);
writeFileSync(target, renderOpenApi(ADMIN_ROUTES));
console.log(`wrote ${target.pathname}`);
