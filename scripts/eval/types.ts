/** One section of `npm run eval`: prints its own lines; returns whether its targets were met. */
export interface EvalSection {
  name: string;
  /** Runs when `../shared/eval` exists; `evalDir` is its absolute path. */
  run(ctx: EvalContext): Promise<void>;
}

export interface EvalContext {
  evalDir: string;
  /** Limit items per set (for quick runs): `npm run eval -- --limit 100`. */
  limit?: number;
  /** `--llm`: also evaluate the LLM engine when one is configured. */
  llm: boolean;
  /** Only run sections whose name contains this (`--only quotes`). */
  only?: string;
  log(line: string): void;
}
