import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";
import { nginxBinary } from "../support/nginx.js";

/** `moot proxy-config` prints what real nginx accepts (`nginx -t`), with and without kept pages. */
describe("moot proxy-config", () => {
  const dir = mkdtempSync(join(tmpdir(), "moot-proxy-config-"));
  chmodSync(dir, 0o755);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const nginxAccepts = (site: string, name: string) => {
    const conf = join(dir, `${name}.conf`);
    mkdirSync(join(dir, name, "cache"), { recursive: true });
    writeFileSync(
      conf,
      `worker_processes 1; pid ${dir}/${name}.pid; error_log stderr;
events { worker_connections 64; }
http { access_log off; proxy_temp_path ${dir}/${name}/tmp; client_body_temp_path ${dir}/${name}/body;
${site}}
`,
    );
    return spawnSync(nginxBinary(), ["-t", "-c", conf, "-p", dir], { encoding: "utf8" });
  };

  it("prints a configuration nginx accepts: pages kept by version, searches spread", async () => {
    const out = await runCli([
      "proxy-config",
      "--web",
      "127.0.0.1:3001",
      "127.0.0.1:3002",
      "--listen",
      "127.0.0.1:8089",
      "--server-name",
      "democracy.borchester.example",
      "--cache-dir",
      join(dir, "kept", "cache"),
    ]);
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("server 127.0.0.1:3002;");
    expect(out.stdout).toContain("server_name democracy.borchester.example;");
    expect(out.stdout).toContain("auth_request /_moot/cache-key;");
    const t = nginxAccepts(out.stdout, "kept");
    expect(t.stderr).toContain("test is successful");
    expect(t.status).toBe(0);
  });

  it("--no-cache keeps nothing in nginx", async () => {
    const out = await runCli(["proxy-config", "--web", "127.0.0.1:3001", "--no-cache", "--listen", "127.0.0.1:8090"]);
    expect(out.code).toBe(0);
    expect(out.stdout).not.toContain("proxy_cache");
    expect(out.stdout).not.toContain("auth_request");
    expect(nginxAccepts(out.stdout, "plain").status).toBe(0);
  });

  it("refuses a web process that is not host:port, printing why", async () => {
    const out = await runCli(["proxy-config", "--web", "localhost"]);
    expect(out.code).not.toBe(0);
    expect(out.stderr).toContain("--web localhost: expected host:port");
    expect(out.stdout).toBe("");
  });
});
