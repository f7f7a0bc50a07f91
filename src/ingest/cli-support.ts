import { type Config, ConfigError } from "../config.js";
import { AllowListError } from "./fetch/allow-list.js";
import { createFetcher, type Fetcher, fetcherOptionsFromConfig } from "./fetch/fetcher.js";

/** A fetcher from the validated config; a bad FETCH_ALLOW_HOSTS entry becomes a config message. */
export function fetcherFromConfig(config: Config): Fetcher {
  try {
    return createFetcher(fetcherOptionsFromConfig(config));
  } catch (err) {
    if (err instanceof AllowListError) throw new ConfigError([err.message]);
    throw err;
  }
}
