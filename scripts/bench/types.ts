/** One section of `npm run bench`; prints its own result lines. */
export interface BenchSection {
  name: string;
  run(ctx: BenchContext): Promise<void>;
}

export interface BenchContext {
  /** ../shared/eval when present (some benches read its sets), else undefined. */
  evalDir?: string;
  /** Only run sections whose name contains this (`npm run bench -- --only brief`). */
  only?: string;
  log(line: string): void;
}
