import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { nginxConfig } from "../../src/web/http/proxy-config.js";

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/**
 * nginx keeps the version answer for one second by its own clock, which counts whole seconds
 * (an answer kept at 10.0 s is fresh until 11.9 s), then may serve it one second more while it
 * asks again (stale-while-revalidate), and the web process answers from a read at most half a
 * second old. Past this, no request is answered under a version from before the write.
 */
export const VERSION_KEPT_AT_MOST_MS = 4_000;

export function nginxBinary(): string {
  for (const p of ["/usr/sbin/nginx", "/usr/bin/nginx"]) if (existsSync(p)) return p;
  throw new Error("nginx is not installed (apt-get install nginx)");
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * A real nginx, unprivileged, running what `moot proxy-config` prints in front of the given
 * web processes, with its cache in a temporary directory.
 */
export async function startNginx(
  upstreams: string[],
  opts: { keyServers?: string[] } = {},
): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), "moot-nginx-"));
  // Run as root, nginx's worker is another user (nobody): it must reach its cache and temp files.
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, "tmp"));
  mkdirSync(join(dir, "cache"));
  const port = await freePort();
  const site = nginxConfig({
    upstreams,
    listen: `127.0.0.1:${port}`,
    serverNames: [],
    cacheDir: join(dir, "cache"),
    cacheSize: "64m",
    ...opts,
  });
  writeFileSync(
    join(dir, "nginx.conf"),
    `worker_processes 1; daemon off; pid ${dir}/nginx.pid; error_log ${dir}/error.log;
events { worker_connections 256; }
http { access_log off; client_body_temp_path ${dir}/tmp; proxy_temp_path ${dir}/tmp; fastcgi_temp_path ${dir}/tmp; uwsgi_temp_path ${dir}/tmp; scgi_temp_path ${dir}/tmp;
${site}}
`,
  );
  const child: ChildProcess = spawn(nginxBinary(), ["-c", join(dir, "nginx.conf"), "-p", dir], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode != null) throw new Error(`nginx exited with ${child.exitCode}: ${stderr}`);
    if (
      await fetch(`${url}/_nginx_up`).then(
        () => true,
        () => false,
      )
    )
      break;
    if (i > 300) throw new Error("nginx never answered");
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode == null) await new Promise((r) => (child.once("exit", r), child.kill("SIGTERM")));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
