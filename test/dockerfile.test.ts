import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configKeys, configSchema } from "../src/config.js";
import { parseYamlSubset, type YamlValue } from "./yaml-subset.js";

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

  it("runs the package's bin, so any subcommand replaces `start` (docker run … register-commands)", () => {
    expect(dockerfile).toContain(`ENTRYPOINT ["node", "${pkg.bin.newsdesk}"]`);
    expect(dockerfile).toMatch(/^CMD \["start"\]$/m);
    // The subcommand the image is documented to run exists in the compiled CLI's table.
    expect(readFileSync(new URL("src/cli.ts", root), "utf8")).toContain('"register-commands": {');
  });

  it("exposes the port it sets, and checks health on /healthz with Node (the image has no curl)", () => {
    const port = /^ENV .*\bPORT=(\d+)/m.exec(dockerfile)?.[1];
    expect(port).toBeDefined();
    expect(configSchema.shape.PORT.parse(port)).toBe(Number(port));
    expect(dockerfile).toMatch(new RegExp(`^EXPOSE ${port}$`, "m"));
    const health = /^HEALTHCHECK [\s\S]*?CMD (\[.*\])$/m.exec(dockerfile);
    expect(health).not.toBeNull();
    const command = JSON.parse(health![1]!) as string[];
    expect(command[0]).toBe("node");
    expect(command.join(" ")).toMatch(/fetch\(.*\/healthz/);
    expect(command.join(" ")).toContain(`process.env.PORT||${port}`);
    expect(dockerfile).not.toMatch(/^(RUN|CMD|HEALTHCHECK).*\b(curl|wget)\b/m);
  });
});

const dockerignore = readFileSync(new URL(".dockerignore", root), "utf8")
  .split("\n")
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith("#"));

describe(".dockerignore", () => {
  it("keeps dependencies, local data, secrets, git and build output out of the build context", () => {
    for (const entry of ["node_modules", "data/", ".env", ".git", "coverage/", "dist/"])
      expect(dockerignore).toContain(entry);
  });

  it("keeps in everything the Dockerfile copies from the context", () => {
    for (const path of copied.filter((p) => !p.startsWith("/app"))) {
      const top = path.replace(/^\.\//, "").split("/")[0]!;
      expect(
        dockerignore.filter((e) => e.replace(/\/$/, "") === top),
        path,
      ).toEqual([]);
    }
  });
});

const map = (v: YamlValue | undefined): Record<string, YamlValue> => {
  expect(v, "a YAML map").toBeTypeOf("object");
  expect(Array.isArray(v)).toBe(false);
  return v as Record<string, YamlValue>;
};
const compose = map(parseYamlSubset(readFileSync(new URL("compose.yaml", root), "utf8")));
const services = map(compose.services);
const bot = map(services.newsdesk);
const postgres = map(services.postgres);

describe("compose.yaml", () => {
  const port = /^ENV .*\bPORT=(\d+)/m.exec(dockerfile)?.[1];

  it("builds this repository and reads the bot's settings from .env", () => {
    expect(bot.build).toBe(".");
    expect(bot.env_file).toBe(".env");
    expect(existsSync(new URL(".env.example", root))).toBe(true);
  });

  it("sets only variables the config schema knows, with values it accepts", () => {
    const env = map(bot.environment);
    for (const key of Object.keys(env)) expect(configKeys as string[]).toContain(key);
    expect(env.PORT).toBe(port);
    expect(String(env.DATABASE_URL)).toMatch(/^postgres:\/\/[^@]+@postgres:5432\//);
    expect(env.DATA_DIR).toBe(/^ENV .*\bDATA_DIR=(\S+)/m.exec(dockerfile)?.[1]);
  });

  it("publishes the port the bot listens on", () => {
    expect(bot.ports).toEqual([`${port}:${port}`]);
  });

  it("starts the bot only once PostgreSQL is healthy, and keeps both in named volumes", () => {
    expect(map(map(bot.depends_on).postgres).condition).toBe("service_healthy");
    const check = map(postgres.healthcheck).test as string[];
    expect(check.join(" ")).toMatch(/pg_isready/);
    const volumes = Object.keys(map(compose.volumes));
    for (const service of [bot, postgres]) {
      const [name, mount] = String((service.volumes as string[])[0]).split(":");
      expect(volumes).toContain(name);
      expect(mount).toMatch(/^\//);
    }
    // The database name and user in the bot's URL are the ones PostgreSQL creates.
    const pgEnv = map(postgres.environment);
    const url = String(map(bot.environment).DATABASE_URL);
    expect(url).toContain(`//${pgEnv.POSTGRES_USER}:`);
    expect(url.endsWith(`/${pgEnv.POSTGRES_DB}`)).toBe(true);
  });
});
