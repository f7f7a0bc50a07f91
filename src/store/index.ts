export {
  createStore,
  openPostgres,
  openSqlite,
  StoreOpenError,
  type StoreOptions,
  sqliteFileFor,
} from "./open.js";
export { briefContentHash } from "./repo-story.js";
export { digestNonce } from "./repo-worker.js";
export type * from "./types.js";
