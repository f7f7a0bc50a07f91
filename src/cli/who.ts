import type { CliCommand } from "./types.js";
import { UserError } from "./types.js";

// Placeholder until its issue lands; exits 2 so nobody mistakes it for a result.
export const whoCommand: CliCommand = {
  name: "who",
  summary: "(not built yet)",
  usage: "newsdesk who: not built yet",
  async run() {
    throw new UserError("this command is not built yet", 2);
  },
};
