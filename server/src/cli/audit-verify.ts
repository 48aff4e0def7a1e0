// npm run audit:verify: recomputes every organization's audit hash chain; exits 1 when a chain
// is broken (a record altered, removed or reordered outside the product), 2 when it cannot run.
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { createAuditService } from '../modules/audit/index.ts';
import { systemClock } from '../shared/clock.ts';

const config = loadConfig();
try {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const { records, breaks } = await createAuditService({ clock: systemClock }).verify(database.db);
    for (const b of breaks) console.error(`BROKEN org=${b.org_id} seq=${b.seq}: ${b.reason}`);
    console.log(`${records} audit records checked (${database.engine}): ${breaks.length === 0 ? 'every chain is intact' : `${breaks.length} break(s)`}`);
    process.exitCode = breaks.length === 0 ? 0 : 1;
  } finally {
    await database.close();
  }
} catch (error) {
  console.error(error);
  process.exitCode = 2;
}
