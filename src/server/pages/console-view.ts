/** The console's HTML: sign-in, connected accounts, the audit log with its filters, and usage (costs and charts). */
import { html } from "hono/html";
import type { publicAccount } from "../routes/connectors.js";
import type { AuditRow, Workspace } from "../store/types.js";
import { hourlyChart } from "./charts.js";
import type { AuditFilters } from "./console-audit.js";
import { alert, csrfField, layout, type Html } from "./html.js";
import type { CostLine, HourTotal } from "./usage.js";

interface Signed {
  workspace: Workspace;
  secret: string;
}

type Section = "accounts" | "audit" | "usage";

function page(view: Signed, section: Section, title: string, body: Html): Html {
  const link = (to: Section, href: string, label: string) => html`<a href="${href}"${to === section ? html` aria-current="page"` : ""}>${label}</a>`;
  const nav = html`<header class="bar"><strong>${view.workspace.name}</strong>
<nav aria-label="Console">${link("accounts", "/console", "Accounts")}${link("audit", "/console/audit", "Audit log")}${link("usage", "/console/usage", "Usage")}</nav>
<form method="post" action="/console/sign-out">${csrfField(view.secret)}<button type="submit" class="secondary">Sign out</button></form></header>`;
  return layout(`${title} · ${view.workspace.name}`, html`<main><h1>${title}</h1>${body}</main>`, nav);
}

export function signInPage(secret: string, error?: string): Html {
  return layout(
    "Sign in to the console",
    html`<main class="narrow"><h1>Sign in to the console</h1>${alert(error)}
<form method="post" action="/console/sign-in" class="card">${csrfField(secret)}
<label for="token">Workspace token</label>
<input id="token" name="token" type="password" autocomplete="off" required aria-describedby="token-hint">
<span class="hint" id="token-hint">The token POST /api/v1/workspaces gave you. It is exchanged for a session cookie and not kept.</span>
<p><button type="submit">Sign in</button></p></form></main>`,
  );
}

const when = (iso: string | undefined) => (iso ? html`<time datetime="${iso}">${iso.slice(0, 16).replace("T", " ")} UTC</time>` : html`<span class="muted">never</span>`);

type PublicAccount = ReturnType<typeof publicAccount>;

function accountRow(view: Signed, account: PublicAccount, lastCall: string | undefined): Html {
  const scopes = account.scopes ? account.scopes.map((s) => html`<code>${s}</code> `) : html`<span class="muted">all actions</span>`;
  const action = (path: string, label: string, kind: string) =>
    html`<form method="post" action="/console/accounts/${account.id}/${path}">${csrfField(view.secret)}<button type="submit" class="${kind}" aria-label="${label} ${account.name} of ${account.user_id}">${label}</button></form>`;
  return html`<tr>
<td>${account.user_id}</td><td>${account.connector_type}</td><td>${account.name}<br><code>${account.id}</code></td>
<td><span class="status status-${account.status}">${account.status.replace("_", " ")}</span></td>
<td>${when(lastCall)}</td><td>${scopes}${account.read_only ? html`<br><strong>read-only</strong>` : ""}</td>
<td><div class="actions">${account.status === "revoked" ? "" : action("revoke", "Revoke", "danger")}${action("connect-link", "New connect link", "secondary")}</div></td>
</tr>`;
}

export interface AccountsView extends Signed {
  accounts: PublicAccount[];
  lastCalls: Record<string, string>;
  link?: { url: string; expires_at: string; user_id: string };
  message?: string;
}

export function accountsPage(view: AccountsView): Html {
  const notice = view.link
    ? html`<div class="success" role="status"><p>A new connect link for ${view.link.user_id}, usable once until ${when(view.link.expires_at)}:</p><p><code id="connect-link">${view.link.url}</code></p></div>`
    : view.message
      ? html`<div class="success" role="status">${view.message}</div>`
      : "";
  const table = view.accounts.length
    ? html`<table><caption class="visually-hidden">Connected accounts</caption><thead><tr><th scope="col">User</th><th scope="col">Connector</th><th scope="col">Account</th><th scope="col">Status</th><th scope="col">Last used</th><th scope="col">Scopes</th><th scope="col">Actions</th></tr></thead>
<tbody>${view.accounts.map((account) => accountRow(view, account, view.lastCalls[account.id]))}</tbody></table>`
    : html`<p class="muted">No accounts yet: create a connect link (POST /api/v1/connect-sessions) and send your user to it.</p>`;
  return page(view, "accounts", "Connected accounts", html`${notice}${table}`);
}

export interface AuditView extends Signed {
  filters: AuditFilters;
  rows: AuditRow[];
  next: string | null;
  connectors: string[];
}

function auditQuery(filters: AuditFilters, extra: Record<string, string> = {}): string {
  const { cursor: _cursor, ...rest } = filters;
  const params = new URLSearchParams(Object.entries({ ...rest, ...extra }).filter((e): e is [string, string] => !!e[1]));
  const text = params.toString();
  return text ? `?${text}` : "";
}

function auditFilterForm(view: AuditView): Html {
  const f = view.filters;
  const option = (value: string, label: string, current: string | undefined) => html`<option value="${value}"${(current ?? "") === value ? html` selected` : ""}>${label}</option>`;
  return html`<form method="get" action="/console/audit" class="card filters" aria-label="Filter the audit log">
<div><label for="f-user">User</label><input id="f-user" name="user_id" type="text" value="${f.user_id ?? ""}"></div>
<div><label for="f-connector">Connector</label><select id="f-connector" name="connector_type">${option("", "Any", f.connector_type)}${view.connectors.map((name) => option(name, name, f.connector_type))}</select></div>
<div><label for="f-status">Status</label><select id="f-status" name="outcome">${option("", "Any", f.outcome)}${option("ok", "Succeeded", f.outcome)}${option("error", "Failed", f.outcome)}</select></div>
<div><label for="f-from">From</label><input id="f-from" name="from" type="date" value="${f.from ?? ""}"></div>
<div><label for="f-to">To</label><input id="f-to" name="to" type="date" value="${f.to ?? ""}"></div>
<div><button type="submit">Filter</button></div>
</form>`;
}

export function auditPage(view: AuditView): Html {
  const rows = view.rows.map(
    (row) => html`<tr><td>${when(row.time)}</td><td>${row.user_id}</td><td>${row.connector_type}<br><code>${row.connector_id}</code></td><td>${row.entity}.${row.action}</td>
<td><span class="status status-${row.outcome === "ok" ? "ok" : "error"}">${row.outcome}</span>${row.reason ? html` (${row.reason})` : ""}</td><td>${row.upstream_status ?? ""}</td><td>${row.duration_ms} ms</td><td>${row.cost ?? ""}</td></tr>`,
  );
  const table = view.rows.length
    ? html`<table><caption class="visually-hidden">Audit log</caption><thead><tr><th scope="col">Time</th><th scope="col">User</th><th scope="col">Connector</th><th scope="col">Action</th><th scope="col">Status</th><th scope="col">HTTP</th><th scope="col">Duration</th><th scope="col">Cost</th></tr></thead><tbody>${rows}</tbody></table>`
    : html`<p class="muted">No calls match.</p>`;
  const next = view.next ? html`<p><a href="/console/audit${auditQuery(view.filters, { cursor: view.next })}">Next page</a></p>` : "";
  return page(
    view,
    "audit",
    "Audit log",
    html`${auditFilterForm(view)}<p><a href="/console/audit.ndjson${auditQuery(view.filters)}" download>Export these calls as NDJSON</a></p>${table}${next}`,
  );
}

export interface UsageView extends Signed {
  hours: HourTotal[];
  costs: CostLine[];
  /** The currency a connector's costs are in (its manifest's), or "". */
  currency: (connector: string) => string;
}

export function usagePage(view: UsageView): Html {
  const costs = view.costs.length
    ? html`<table><caption>Costs per user and connector, last 30 days</caption><thead><tr><th scope="col">User</th><th scope="col">Connector</th><th scope="col">Calls</th><th scope="col">Errors</th><th scope="col">Cost</th></tr></thead>
<tbody>${view.costs.map((line) => html`<tr><td>${line.user_id}</td><td>${line.connector_type}</td><td>${line.calls}</td><td>${line.errors}</td><td>${line.cost ? `${line.cost.toFixed(4)} ${view.currency(line.connector_type)}` : "0"}</td></tr>`)}</tbody></table>`
    : html`<p class="muted">No calls in the last 30 days.</p>`;
  return page(view, "usage", "Usage", html`<h2>Calls and errors per hour, last 7 days</h2>${hourlyChart("calls-chart", "Calls and errors per hour", view.hours)}<h2>Costs</h2>${costs}`);
}
