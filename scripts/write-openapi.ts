// npm run openapi: writes openapi/openapi.json and the console's generated API types.
import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { openapiDocument } from './openapi-document.ts';

writeFileSync('openapi/openapi.json', await openapiDocument());
execFileSync('npx', ['openapi-typescript', 'openapi/openapi.json', '-o', 'console/src/api/schema.d.ts'], { stdio: 'inherit' });
console.log('wrote openapi/openapi.json and console/src/api/schema.d.ts');
