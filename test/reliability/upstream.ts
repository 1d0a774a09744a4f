/**
 * A tenant-aware stand-in for Harvest (the few routes the reliability suite calls): every credential is a user's own,
 * every answer is that user's own data, and every request is logged with the credential it carried, so a test can
 * count foreign credentials and foreign data. A token it does not know is refused with a 401 that echoes it back (as
 * careless APIs do), so the suite also sees that echoes are redacted.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Tenant {
  /** Who the credential belongs to, e.g. "ws1-user17". */
  owner: string;
  /** The secret: a unique canary string. */
  token: string;
  account_id: string;
}

export interface LoggedCall {
  method: string;
  path: string;
  token: string | undefined;
  /** Whose credential it was, or undefined for one nobody holds. */
  owner: string | undefined;
  /** The owner the path asked about (/users/<id> carries the asking user's number), when it names one. */
  subject?: string;
}

export interface TenantUpstream {
  url: string;
  /** For connect() and the server's upstream settings: Harvest's base URL is below /v2. */
  baseUrl: string;
  log: LoggedCall[];
  tenant(owner: string): Tenant;
  close(): Promise<void>;
}

/** A canary: unique, and long enough that finding it anywhere is no accident. */
export const canary = (label: string) => `canary${label.replace(/[^a-z0-9]/gi, "")}${randomBytes(8).toString("hex")}`;

export async function startTenantUpstream(): Promise<TenantUpstream> {
  const byToken = new Map<string, Tenant>();
  const byNumber = new Map<string, Tenant>();
  const log: LoggedCall[] = [];
  const server = createServer((req, res) => {
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "")?.[1];
    const tenant = token === undefined ? undefined : byToken.get(token);
    const path = new URL(req.url ?? "/", "http://upstream").pathname.replace(/^\/v2/, "");
    const entry: LoggedCall = { method: req.method ?? "GET", path, token, owner: tenant?.owner };
    log.push(entry);
    req.resume();
    req.on("end", () => answer(req, res, path, tenant, token, entry, byNumber));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    baseUrl: `${url}/v2`,
    log,
    tenant(owner) {
      const t = { owner, token: canary(owner), account_id: String(1_000_000 + byToken.size) };
      byToken.set(t.token, t);
      byNumber.set(t.account_id, t);
      return t;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answer(req: IncomingMessage, res: ServerResponse, path: string, tenant: Tenant | undefined, token: string | undefined, entry: LoggedCall, byNumber: Map<string, Tenant>) {
  const send = (status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  if (!tenant) return send(401, { error: "invalid_token", error_description: `The access token ${token ?? "(none)"} is not valid` });
  if (req.headers["harvest-account-id"] !== tenant.account_id) return send(403, { error: "forbidden", error_description: "wrong account" });
  const user = /^\/users\/(\d+)$/.exec(path)?.[1];
  if (user !== undefined) {
    entry.subject = byNumber.get(user)?.owner;
    return send(200, { id: Number(user), first_name: tenant.owner, email: `${tenant.owner}@tenant.test` });
  }
  if (path === "/users/me") return send(200, { id: Number(tenant.account_id), first_name: tenant.owner });
  if (path === "/projects") return send(200, { projects: [1, 2].map((i) => ({ id: i, name: `${tenant.owner} project ${i}` })), links: { next: null }, total_entries: 2, total_pages: 1, page: 1 });
  return send(404, { message: `no route ${path}` });
}
