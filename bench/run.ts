// npm run bench: every module's benchmark, one table of throughput, p50/p99 latency and each
// ratio to its same-run baseline, for PostgreSQL and PGlite, plus the scale-out gain.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { fundsBench, printTable } from './funds.bench.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '15' }, clients: { type: 'string', default: '16' } } });
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; ${values.seconds} s per measurement\n`);
const funds = await fundsBench(Number(values.seconds), Number(values.clients));
printTable(funds.rows, funds.scaleOut);
