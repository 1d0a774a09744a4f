/** Chooses the auth variant a credential record satisfies and renders its templates onto a request. */
import { AuthError } from "../errors.js";
import { envVariableName } from "../credentials/env.js";
import type { CredentialRecord } from "../credentials/types.js";
import { fillTemplate } from "../manifest/template.js";
import type { ActionAuth, ApplyTemplates, AuthVariant, Manifest } from "../manifest/types.js";

export interface ChosenVariant {
  name: string;
  variant: AuthVariant;
}

/** Fields a variant needs for this action: its non-optional ones, less what the action waives, plus what it requires. */
function neededFields(variant: AuthVariant, actionAuth: ActionAuth | undefined): string[] {
  const waived = new Set(actionAuth?.optional ?? []);
  const needed = Object.entries(variant.fields)
    .filter(([name, spec]) => !spec.optional && !waived.has(name))
    .map(([name]) => name);
  for (const extra of actionAuth?.require ?? []) if (extra in variant.fields && !needed.includes(extra)) needed.push(extra);
  return needed;
}

/**
 * The first variant (in manifest order) whose needed fields are all present; an explicit `variant` field wins.
 * When none is complete, the error names what is missing by its environment variable if `fromEnvironment`, else by field.
 */
export function chooseVariant(
  manifest: Manifest,
  record: CredentialRecord | undefined,
  actionAuth: ActionAuth | undefined,
  account: string,
  fromEnvironment = true,
): ChosenVariant {
  const candidates = Object.entries(manifest.auth).filter(([name]) => !record?.variant || record.variant === name);
  const gaps = candidates.map(([name, variant]) => ({
    name,
    variant,
    missing: neededFields(variant, actionAuth).filter((field) => !record?.[field]),
  }));
  const complete = gaps.find((g) => g.missing.length === 0);
  if (complete) return { name: complete.name, variant: complete.variant };
  throw missingCredentials(manifest, gaps, record, account, fromEnvironment);
}

function missingCredentials(
  manifest: Manifest,
  gaps: { name: string; variant: AuthVariant; missing: string[] }[],
  record: CredentialRecord | undefined,
  account: string,
  fromEnvironment: boolean,
): AuthError {
  const where = account === "default" ? manifest.name : `${manifest.name} (account "${account}")`;
  const hint = (variant: AuthVariant, field: string) => {
    const env = fromEnvironment ? variant.fields[field]?.env : undefined;
    return env ? envVariableName(env, account) : `the "${field}" credential`;
  };
  const describe = (g: (typeof gaps)[number]) => `${g.missing.map((f) => hint(g.variant, f)).join(" and ")} (${g.name})`;
  const hasAny = record && Object.keys(record).some((k) => k !== "variant");
  if (!hasAny) {
    return new AuthError(`no credentials for ${where}: set ${gaps.map(describe).join(", or ")}`, {
      reason: "missing",
      credentials: [...new Set(gaps.flatMap((g) => g.missing))],
    });
  }
  const closest = [...gaps].sort((a, b) => a.missing.length - b.missing.length)[0]!;
  return new AuthError(`incomplete credentials for ${where}: ${closest.name} also needs ${describe(closest)}`, {
    reason: "missing",
    credentials: closest.missing,
  });
}

export interface RenderedAuth {
  headers: Record<string, string>;
  query: Record<string, string>;
}

/** Renders templates; a template naming an absent field is left out (the action declared it optional). */
export function renderAuth(applies: (ApplyTemplates | undefined)[], values: Record<string, string | undefined>): RenderedAuth {
  const out: RenderedAuth = { headers: {}, query: {} };
  const cookies: string[] = [];
  for (const apply of applies) {
    if (!apply) continue;
    renderInto(out.headers, apply.headers, values);
    renderInto(out.query, apply.query, values);
    const rendered: Record<string, string> = {};
    renderInto(rendered, apply.cookies, values);
    for (const [name, value] of Object.entries(rendered)) cookies.push(`${name}=${value}`);
  }
  if (cookies.length > 0) out.headers.Cookie = cookies.join("; ");
  return out;
}

function renderInto(target: Record<string, string>, templates: Record<string, string> | undefined, values: Record<string, string | undefined>) {
  for (const [name, template] of Object.entries(templates ?? {})) {
    const value = fillTemplate(template, values);
    if (value !== undefined) target[name] = value;
  }
}

/** Field names of a variant whose values are secret: these are what an auth failure names. */
export function secretFields(variant: AuthVariant): string[] {
  return Object.entries(variant.fields)
    .filter(([, spec]) => spec.secret)
    .map(([name]) => name);
}
