import { afterAll, beforeAll, beforeEach } from "vitest";
import { type StandIn, startStandIn } from "./stand-in.js";

/**
 * One OpenAI-compatible stand-in for a test file: started before its tests, closed after them, and
 * reset (recorded requests, structured-output support) before each test. Returns a getter, since
 * the server exists only once the file's tests start.
 */
export function useStandIn(): () => StandIn {
  let standIn: StandIn | undefined;
  beforeAll(async () => {
    standIn = await startStandIn();
  });
  afterAll(async () => {
    await standIn?.close();
  });
  beforeEach(() => {
    if (!standIn) return;
    standIn.requests.length = 0;
    standIn.rejectJsonSchema = false;
  });
  return () => {
    if (!standIn) throw new Error("the stand-in starts with the file's tests");
    return standIn;
  };
}
