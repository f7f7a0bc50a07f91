import { UserFacingError } from "../src/app/services.js";
import { type CompiledFilter, compileFilter, FilterError } from "../src/digest/filter.js";
import type { OptionSpec } from "./types.js";

/** `include:"climate OR energy"` and `exclude:"sports"`, shared by the /feeds subcommands that take a filter. */
export const FILTER_OPTIONS = [
  {
    name: "include",
    description: 'Keep only items matching: words (AND), OR, -word, "a phrase"; none to clear',
    type: "string",
    maxLength: 2000,
    namedOnly: true,
  },
  {
    name: "exclude",
    description: 'Drop items matching any of these words or "phrases"; none to clear',
    type: "string",
    maxLength: 2000,
    namedOnly: true,
  },
] as const satisfies readonly OptionSpec[];

/** The compiled filter, or a private error naming what is wrong and the syntax. */
export function filterOrExplain(include: string | undefined, exclude: string | undefined): CompiledFilter {
  try {
    return compileFilter({ include, exclude });
  } catch (err) {
    if (err instanceof FilterError)
      throw new UserFacingError(
        `The filter cannot be used: ${err.message}.`,
        'Example: include:"climate OR energy -sports" exclude:"transfer window"',
      );
    throw err;
  }
}
