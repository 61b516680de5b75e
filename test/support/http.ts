/** A small HTTP client over fetch for tests: JSON in and out, a cookie jar and the CSRF header. */
export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export class Client {
  private cookie: string | undefined;
  csrfToken: string | undefined;
  bearer: string | undefined;

  constructor(readonly baseUrl: string, readonly lang?: string) {}

  async request<T = any>(method: string, path: string, opts: { json?: unknown; form?: FormData; headers?: Record<string, string> } = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (this.lang) headers["accept-language"] = this.lang;
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrfToken && method !== "GET") headers["x-csrf-token"] = this.csrfToken;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    let body: RequestInit["body"];
    if (opts.json !== undefined) { headers["content-type"] = "application/json"; body = JSON.stringify(opts.json); }
    if (opts.form) body = opts.form;
    const res = await fetch(this.baseUrl + path, { method, headers, body, redirect: "manual" });
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith("baladiya_session="));
    if (setCookie) this.cookie = setCookie.split(";")[0];
    const type = res.headers.get("content-type") ?? "";
    const parsed = type.includes("json") ? await res.json() : type.startsWith("image/") || type.startsWith("message/") ? Buffer.from(await res.arrayBuffer()) : await res.text();
    return { status: res.status, headers: res.headers, body: parsed as T };
  }

  get<T = any>(path: string, headers?: Record<string, string>) { return this.request<T>("GET", path, { headers }); }
  post<T = any>(path: string, json?: unknown, headers?: Record<string, string>) { return this.request<T>("POST", path, { json, headers }); }
  patch<T = any>(path: string, json?: unknown) { return this.request<T>("PATCH", path, { json }); }
  delete<T = any>(path: string) { return this.request<T>("DELETE", path); }

  async signIn(email: string, password: string): Promise<this> {
    const r = await this.post("/api/session", { email, password });
    if (r.status !== 200) throw new Error(`sign-in failed: ${r.status} ${JSON.stringify(r.body)}`);
    this.csrfToken = r.body.csrfToken;
    return this;
  }
}

/** The first link in a text that starts with the given URL prefix. */
export function linkIn(text: string | undefined, prefix: string): string {
  const match = (text ?? "").match(new RegExp(`${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\S+`));
  if (!match) throw new Error(`no link starting with ${prefix} in:\n${text}`);
  return match[0];
}

export function tokenOf(link: string): string {
  return new URL(link).searchParams.get("token")!;
}
