// Worker threads do not inherit the parent's TypeScript loader: from the sources (tests under tsx),
// register tsx here, then run the TypeScript worker named in workerData.entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
