/** The connect page's HTML: what is offered and asked for, a button or a form per way of connecting, the outcome. */
import { html } from "hono/html";
import type { CatalogField, CatalogVariant } from "../../runtime/catalog.js";
import type { ServedEntry } from "../routes/catalog.js";
import type { ConnectedAccount, ConnectSession } from "../store/types.js";
import { alert, csrfField, layout, type Html } from "./html.js";

export interface ConnectView {
  session: ConnectSession;
  secret: string;
  catalog: ServedEntry[];
  /** The account connected (the session is complete) or being reconnected. */
  account?: ConnectedAccount;
  error?: string | null;
  /** What the user typed last time, non-secret fields only, by connector, variant and field. */
  values?: Record<string, string>;
}

export const fieldInputName = (field: string) => `field_${field}`;

/** What the page adds to the application's redirect_url once connected: the outcome and the connected account's id. */
// Contract with the application: account_id names the hosted account (conn_...), never a field of any connector.
export const connectedQuery = (accountId: string) => ({ status: "connected", account_id: accountId });

/** Where the application wants the browser back, with the outcome in the query. */
export function returnUrl(redirect: string, accountId: string): string {
  const url = new URL(redirect);
  for (const [name, value] of Object.entries(connectedQuery(accountId))) url.searchParams.set(name, value);
  return url.toString();
}

function fieldInput(id: string, field: CatalogField, value: string | undefined): Html {
  const described = field.description !== undefined && field.description !== field.label;
  const hint = described ? html`<span class="hint" id="${id}-hint">${field.description}</span>` : "";
  // A secret is never written back into the page, even after a failed attempt.
  return html`<label for="${id}">${field.label}${field.optional ? html` <span class="muted">(optional)</span>` : ""}</label>
<input id="${id}" name="${fieldInputName(field.name)}" type="${field.secret ? "password" : "text"}" autocomplete="off"${field.optional ? "" : html` required`}${described ? html` aria-describedby="${id}-hint"` : ""}${!field.secret && value ? html` value="${value}"` : ""}>
${hint}`;
}

function variantForm(view: ConnectView, entry: ServedEntry, variant: CatalogVariant): Html {
  const hidden = html`${csrfField(view.secret)}<input type="hidden" name="connector" value="${entry.name}"><input type="hidden" name="variant" value="${variant.name}">`;
  if (variant.flow === "oauth")
    return html`<form method="post" action="/connect/oauth">${hidden}<button type="submit">Connect with ${entry.title}</button></form>`;
  const inputs = variant.fields.filter((field) => field.supplied_by === "user").map((field) => fieldInput(`f-${entry.name}-${variant.name}-${field.name}`, field, view.values?.[`${entry.name}.${variant.name}.${field.name}`]));
  return html`<form method="post" action="/connect/credentials">
${hidden}
<fieldset><legend>${variant.label}</legend>${inputs}</fieldset>
<p><button type="submit">Connect</button></p>
</form>`;
}

function scopesAsked(session: ConnectSession): Html {
  const mode = session.read_only ? html` <strong>Read-only:</strong> nothing will be created, changed or deleted.` : "";
  if (!session.scopes) return html`<p>The application asks to use every action of the account.${mode}</p>`;
  return html`<p>The application asks to:</p><ul class="scopes">${session.scopes.map((scope) => html`<li><code>${scope}</code></li>`)}</ul><p>${mode}</p>`;
}

function connectorCard(view: ConnectView, entry: ServedEntry): Html {
  // The provider's own consent first: nothing to copy or type.
  const offered = entry.auth.filter((variant) => variant.available).sort((a, b) => Number(b.flow === "oauth") - Number(a.flow === "oauth"));
  const forms = offered.length
    ? offered.map((variant, i) => html`${i > 0 ? html`<p class="muted">or</p>` : ""}${variantForm(view, entry, variant)}`)
    : html`<p>This server cannot connect ${entry.title} accounts yet; ask the application's team.</p>`;
  return html`<section class="card" aria-labelledby="c-${entry.name}">
<h2 id="c-${entry.name}">${entry.title}</h2>
<p class="muted">${entry.description}</p>
${forms}
</section>`;
}

function choiceForm(view: ConnectView): Html {
  return html`<section class="card"><h2>Which account?</h2>
<form method="post" action="/connect/choose">${csrfField(view.secret)}
<fieldset><legend>The authorization reaches several accounts; choose the one to connect</legend>
${view.session.choices!.map((choice, i) => html`<label><input type="radio" name="choice" value="${choice.id}"${i === 0 ? html` checked` : ""}> ${choice.name ?? choice.id}</label>`)}
</fieldset><p><button type="submit">Connect this account</button></p></form></section>`;
}

function connectedPage(view: ConnectView, account: ConnectedAccount): Html {
  const title = view.catalog.find((entry) => entry.name === account.connector_type)?.title ?? account.connector_type;
  const onward = view.session.redirect_url
    ? html`<p><a class="button" href="${returnUrl(view.session.redirect_url, account.id)}">Continue</a></p>`
    : html`<p>You can close this page.</p>`;
  return layout(`Connected: ${title}`, html`<main class="narrow"><div class="success" role="status"><h1>Connected</h1>
<p>Your ${title} account <strong>${account.name}</strong> is connected.</p></div>${onward}</main>`);
}

export function connectPage(view: ConnectView): Html {
  if (view.session.completed_at && view.account) return connectedPage(view, view.account);
  const reconnecting = view.account && view.account.status !== "pending" ? html`<p>This reconnects <strong>${view.account.name}</strong>.</p>` : "";
  const body = view.session.choices ? choiceForm(view) : view.catalog.map((entry) => connectorCard(view, entry));
  return layout(
    "Connect your account",
    html`<main class="narrow"><h1>Connect your account</h1>
${alert(view.error)}
${reconnecting}
${scopesAsked(view.session)}
${body}
<p class="muted">Your credentials are checked with the provider, then stored encrypted; they are never shown again.</p>
</main>`,
  );
}
