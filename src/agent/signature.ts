/** An action in one compact line for the tool description: create(project_id*,task_id*,spent_date*,hours,notes,...) $0.004 */
import type { ActionCost } from "../manifest/types.js";
import type { CatalogAction } from "./catalog.js";
import { typeLabel } from "../manifest/type-label.js";

/** Required params (marked *, with their values when they are an enum) and up to `maxOptional` optional ones; "..." when more exist. */
export function actionSignature(name: string, action: CatalogAction, maxOptional: number, currency: string): string {
  const required = new Set(action.params.required ?? []);
  const properties = action.params.properties ?? {};
  const shown = action.keyOrder.filter((p) => required.has(p)).map((p) => `${p}*${properties[p]?.enum ? `:${typeLabel(properties[p]!)}` : ""}`);
  const optional = action.keyOrder.filter((p) => !required.has(p) && !properties[p]?.deprecated && !action.pagingParams.includes(p));
  shown.push(...optional.slice(0, maxOptional));
  if (optional.length > maxOptional) shown.push("...");
  const cost = action.cost ? ` ${costLabel(action.cost, currency)}` : "";
  return `${name}(${shown.join(",")})${cost}`;
}

/** $0.0064, $0.004 per item of urls, $0.0064 (findEmail=true: $0.02) */
export function costLabel(cost: ActionCost, currency: string): string {
  const money = (amount: number) => (currency === "USD" ? `$${amount}` : `${amount} ${currency}`);
  const per = cost.per === "item" ? ` per item of ${cost.items_param ?? "the list"}` : "";
  const when = cost.when?.length ? ` (${cost.when.map((w) => `${w.param}=${JSON.stringify(w.equals)}: ${money(w.amount)}`).join(", ")})` : "";
  const billed = cost.billed_by ? ` billed by ${cost.billed_by}` : "";
  return `${money(cost.amount)}${per}${when}${billed}`;
}
