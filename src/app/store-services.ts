/** The store-backed services now live per area under ./services/; this name is kept for existing imports. */
export { createStoreServices, type StoreServicesDeps } from "./services/index.js";
