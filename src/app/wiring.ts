import type { Config } from "../config.js";
import type { Logger } from "./logger.js";
import { createMemoryServices } from "./memory-services.js";
import type { Services } from "./services.js";

/**
 * Builds the Services the commands run on from the configuration. This is the one place that
 * knows the concrete store, ingest, QA and digest modules; each is adapted to the small
 * interfaces in ./services.ts.
 */
export async function createServices(config: Config, logger: Logger): Promise<Services> {
  logger.debug({ dataDir: config.DATA_DIR }, "services: in-memory stories with the extractive engine");
  return createMemoryServices();
}
