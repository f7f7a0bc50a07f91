// The worker pool's bootstrap when Newsdesk runs from its TypeScript sources (tsx, vitest): loader
// hooks do not reach worker threads, so this plain-JS file registers tsx here, then loads the
// worker. The compiled build (dist/, the Docker image) starts cpu-worker.js directly instead.
import { workerData } from "node:worker_threads";

const { register } = await import("tsx/esm/api");
register();
await import(workerData.entry);
