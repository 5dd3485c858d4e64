// Development and tests run the gateway's TypeScript through tsx, whose loader a worker thread does not inherit:
// register it on this thread, then load the worker (see sqlite-store-thread.ts).
import { register } from 'tsx/esm/api';

register();
await import(new URL('./sqlite-store-worker.ts', import.meta.url).href);
