/**
 * The one way the web app talks to the API: JSON in and out, the session cookie, the CSRF
 * header on every state-changing request, and problem+json errors turned into ApiError
 * (with the offending field, so forms can show the message beside it).
 */
let csrfToken: string | null = null;
/** Set by the language provider; until then, the language the server rendered the page in. */
let language: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setApiLanguage(lang: string): void {
  language = lang;
}

export interface FieldProblem { field: string; message: string }

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly type: string,
    readonly field: string | undefined,
    readonly fields: FieldProblem[],
  ) {
    super(title);
  }

  /** The message for one form field, if the server named it. */
  messageFor(field: string): string | undefined {
    return this.fields.find((f) => f.field === field)?.message ?? (this.field === field ? this.title : undefined);
  }
}

/** No answer at all (offline, server down): the caller may keep the work for later. */
export class NetworkError extends Error {}

export interface RequestOptions {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  json?: unknown;
  form?: FormData;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? (opts.json !== undefined || opts.form ? "POST" : "GET");
  const headers: Record<string, string> = { accept: "application/json", "accept-language": language ?? (document.documentElement.lang || "fr"), ...opts.headers };
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  let body: BodyInit | undefined;
  if (opts.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(opts.json);
  } else if (opts.form) {
    body = opts.form;
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body, credentials: "same-origin", signal: opts.signal });
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new NetworkError((err as Error).message);
  }
  const type = res.headers.get("content-type") ?? "";
  const data: unknown = type.includes("json") ? await res.json() : undefined;
  if (!res.ok) {
    const p = (data ?? {}) as { title?: string; type?: string; field?: string; errors?: FieldProblem[] };
    throw new ApiError(res.status, p.title ?? res.statusText, p.type ?? "about:blank", p.field, p.errors ?? []);
  }
  return data as T;
}
