// Scale-out on one machine: several API processes against one PostgreSQL behind one port
// (Node's cluster module shares the listening socket). The primary prepares the database once,
// then forks the workers and replaces any that dies. No process holds state another needs.
//   npm run start:cluster -- --workers 3
import cluster from 'node:cluster';
import { parseArgs } from 'node:util';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { prepare, serve } from './startup.ts';

const config = loadConfig();

if (cluster.isPrimary) {
  const { values } = parseArgs({ options: { workers: { type: 'string', default: '3' } }, strict: false });
  const workers = Number(values.workers);
  if (!config.databaseUrl) {
    console.error('start:cluster needs DATABASE_URL=postgres://...: the embedded database serves one process only.');
    process.exit(2);
  }
  const database = await openDatabase({ databaseUrl: config.databaseUrl });
  await prepare(config, database);
  await database.close();

  let stopping = false;
  const fork = () => cluster.fork({ HUOBAN_CLUSTER_WORKER: '1' });
  for (let i = 0; i < workers; i++) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    console.log(`worker ${worker.process.pid} ended (${signal ?? code}); starting another`);
    fork();
  });
  const stop = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  console.log(`Huoban Partner Center: ${workers} API processes on http://localhost:${config.port}/ (primary ${process.pid})`);
} else {
  await serve(config, { prepared: true });
}
