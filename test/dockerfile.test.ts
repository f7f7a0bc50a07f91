import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// No Docker engine runs here, so this checks the Dockerfile against the files the build needs.
const root = new URL("../", import.meta.url);
const dockerfile = readFileSync(new URL("Dockerfile", root), "utf8");
const tsconfigBuild = JSON.parse(readFileSync(new URL("tsconfig.build.json", root), "utf8")) as {
  include: string[];
};
const pkg = JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as {
  bin: Record<string, string>;
};

const copied = [...dockerfile.matchAll(/^COPY (?:--from=\S+ )?(.+) \S+$/gm)].flatMap((m) =>
  m[1].split(/\s+/),
);

describe("Dockerfile", () => {
  it("is multi-stage on a current Node LTS slim image", () => {
    const froms = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const image of froms) expect(image).toMatch(/^node:(2[2-9]|[3-9]\d)-slim$/);
  });

  it("copies every folder the TypeScript build compiles and the lock file", () => {
    for (const dir of tsconfigBuild.include) expect(copied).toContain(dir);
    expect(copied).toContain("package-lock.json");
    expect(copied).toContain("tsconfig.build.json");
  });

  it("copies files that exist in the repository", () => {
    for (const path of copied.filter((p) => !p.startsWith("/app"))) {
      expect(existsSync(new URL(path, root)), path).toBe(true);
    }
  });

  it("ships only production dependencies and compiled code, and runs as a non-root user", () => {
    expect(dockerfile).toMatch(/npm prune --omit=dev|npm ci --omit=dev/);
    expect(dockerfile).toMatch(/COPY --from=build \/app\/dist/);
    expect(dockerfile).toMatch(/^USER (?!root)\S+/m);
    expect(dockerfile).toMatch(/NEWSDESK_USE_DIST=1/);
  });

  it("starts the bot through the package's bin", () => {
    expect(dockerfile).toContain(`CMD ["node", "${pkg.bin.newsdesk}", "start"]`);
  });
});
