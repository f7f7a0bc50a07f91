import type { CliCommand } from "./types.js";
import { UserError } from "./types.js";

// Placeholder until its issue lands; exits 2 so nobody mistakes it for a result.
export const startCommand: CliCommand = {
  name: "start",
  summary: "(not built yet)",
  usage: "newsdesk start: not built yet",
  async run() {
    throw new UserError("this command is not built yet", 2);
  },
};
