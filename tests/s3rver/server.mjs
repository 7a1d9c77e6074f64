// A real S3-compatible server (s3rver: S3's REST API over HTTP, objects as files under a folder) for the evidence
// store tests. Usage: node server.mjs <port> <folder> <bucket>. Prints READY once it accepts requests.
// It accepts the access key S3RVER (secret S3RVER); it checks V2 signatures, not V4 ones (see its README).
import S3rver from 's3rver';

const port = parseInt(process.argv[2] ?? '4569', 10);
const directory = process.argv[3];
const bucket = process.argv[4] ?? 'evidence';
const server = new S3rver({ port, address: '127.0.0.1', directory, silent: true, configureBuckets: [{ name: bucket }] });
await server.run();
console.log('READY');
const stop = async () => { await server.close(); process.exit(0); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
