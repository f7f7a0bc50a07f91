import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url).pathname;

/**
 * A checkout in miniature: the real bin/newsdesk.js and scripts/transpile.mjs, node_modules
 * linked to this one's (tsx, typescript), and a src/cli.ts that says where it ran from — so the
 * choice between dist/ and the sources is observed, not assumed.
 */
let dir: string;
const cliSource = (marker: string) =>
  `import { where } from "./where.js";\nexport async function main(argv: string[]): Promise<number> {\n  const label: string = "${marker}";\n  process.stdout.write(\`\${label} \${where(import.meta.url)} \${argv.join(" ")}\\n\`);\n  return 0;\n}\n`;

function run(env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [join(dir, "bin/newsdesk.js"), "hello"], {
    encoding: "utf8",
    env: { PATH: process.env.PATH, ...env },
  });
}
const past = (seconds: number) => new Date(Date.now() - seconds * 1000);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "newsdesk-bin-"));
  for (const sub of ["bin", "scripts", "src", "commands"]) mkdirSync(join(dir, sub));
  copyFileSync(join(root, "bin/newsdesk.js"), join(dir, "bin/newsdesk.js"));
  copyFileSync(join(root, "scripts/transpile.mjs"), join(dir, "scripts/transpile.mjs"));
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
  writeFileSync(join(dir, "package.json"), '{"type":"module"}\n');
  writeFileSync(join(dir, "src/cli.ts"), cliSource("v1"));
  writeFileSync(
    join(dir, "src/where.ts"),
    'export const where = (url: string): string => (url.includes("/dist/") ? "dist" : "source");\n',
  );
  writeFileSync(join(dir, "commands/registry.ts"), "export const commands: string[] = [];\n");
  for (const f of ["src/cli.ts", "src/where.ts", "commands/registry.ts", "src", "commands"])
    utimesSync(join(dir, f), past(60), past(60));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("bin/newsdesk.js chooses dist/ only while it is fresh", () => {
  it("runs the sources through tsx before anything was transpiled", () => {
    const r = run();
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("v1 source hello\n");
  });

  it("runs dist/ once the prepare script has transpiled it, with every type stripped", () => {
    const t = spawnSync(process.execPath, [join(dir, "scripts/transpile.mjs")], { encoding: "utf8" });
    expect(t.status, t.stderr).toBe(0);
    expect(t.stdout).toMatch(/transpiled 3 files/);
    expect(run().stdout).toBe("v1 dist hello\n");
    // The escape hatches: forced sources, and the image's forced dist.
    expect(run({ NEWSDESK_USE_SOURCE: "1" }).stdout).toBe("v1 source hello\n");
    expect(run({ NEWSDESK_USE_DIST: "1" }).stdout).toBe("v1 dist hello\n");
  });

  it("goes back to the sources as soon as one file is edited, until the next transpile", () => {
    writeFileSync(join(dir, "src/cli.ts"), cliSource("v2"));
    expect(run().stdout).toBe("v2 source hello\n");
    spawnSync(process.execPath, [join(dir, "scripts/transpile.mjs"), "--quiet"]);
    expect(run().stdout).toBe("v2 dist hello\n");
  });

  it("treats a file added in a nested folder as a change", () => {
    mkdirSync(join(dir, "commands/sub"));
    writeFileSync(join(dir, "commands/sub/new.ts"), "export {};\n");
    expect(run().stdout).toBe("v2 source hello\n");
  });
});
