// npm run ledger:check: verifies the ledger invariant on the configured database (PGlite data
// directory or DATABASE_URL). Exit code 1 when it does not hold.
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { checkLedgerInvariant } from '../modules/ledger/index.ts';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrate(database);
  const report = await checkLedgerInvariant(database.db);
  console.log(`ledger (${database.engine}): ${report.accounts} accounts, ${report.journals} journals, ${report.postings} postings`);
  if (report.ok) console.log('invariant holds: every journal sums to zero, no restricted account is negative, cached balances equal their postings, quota and coupon rows add up to their accounts');
  else for (const p of report.problems) console.log(`  VIOLATION ${p}`);
  process.exitCode = report.ok ? 0 : 1;
} finally {
  await database.close();
}
