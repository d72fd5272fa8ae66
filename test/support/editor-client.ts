type Fetcher = { request(path: string, init?: RequestInit): Response | Promise<Response> };

/**
 * A cookie-keeping client over `app.request`, as a browser without JavaScript would use the
 * editor: it reads the form token from the pages it gets and posts forms with it.
 */
export class EditorClient {
  readonly cookies = new Map<string, string>();
  constructor(readonly app: Fetcher) {}

  private header(): Record<string, string> {
    return this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") } : {};
  }

  private keep(res: Response): Response {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const i = pair.indexOf("=");
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const gone = attrs.some((a) => /max-age=0\b/i.test(a) || /expires=Thu, 01 Jan 1970/i.test(a)) || value === "";
      if (gone) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  async get(path: string): Promise<Response> {
    return this.keep(await this.app.request(path, { headers: this.header() }));
  }

  /** The form token this browser would find on its pages. */
  async token(): Promise<string> {
    const html = await (await this.get(this.cookies.has("moot_session") ? "/editor" : "/sign-in")).text();
    const m = /name="_csrf" value="([^"]+)"/.exec(html);
    if (!m) throw new Error("no form token on the page");
    return m[1];
  }

  async post(path: string, fields: Record<string, string> = {}, opts: { csrf?: boolean | string } = {}): Promise<Response> {
    const body = new URLSearchParams(fields);
    if (opts.csrf !== false) body.set("_csrf", typeof opts.csrf === "string" ? opts.csrf : await this.token());
    return this.keep(
      await this.app.request(path, {
        method: "POST",
        headers: { ...this.header(), "content-type": "application/x-www-form-urlencoded" },
        body,
      }),
    );
  }

  async signIn(username: string, password: string): Promise<Response> {
    return this.post("/sign-in", { username, password });
  }
}
