/** What invoices and estimates share: their common fields, line items, amounts and numbering. (Their messages: document-messages.ts.) */
import { randomBytes } from "node:crypto";
import { unprocessable } from "./errors.js";
import { requireValid } from "./guards.js";
import { round2, sum } from "./math.js";
import type { BillingDocument, LineItem, Row } from "./model.js";
import { isPlainObject, readInput, type FieldSpec, type Input } from "./params.js";
import { projectRef } from "./refs.js";
import { pick } from "./resource.js";
import type { Store } from "./store.js";

type DocumentCollection = "invoices" | "estimates";

const LINE_ITEM_FIELDS: readonly FieldSpec[] = [
  { name: "id", type: "int" },
  { name: "project_id", type: "int", ref: "projects" },
  { name: "kind", type: "string", required: true },
  { name: "description", type: "string" },
  { name: "quantity", type: "number" },
  { name: "unit_price", type: "number", required: true },
  { name: "taxed", type: "bool" },
  { name: "taxed2", type: "bool" },
  { name: "_destroy", type: "bool" },
];

/** The body fields both kinds of document accept between client_id (and an invoice's references) and their dates and terms. */
export const DOCUMENT_FIELDS: readonly FieldSpec[] = [
  { name: "number", type: "string" },
  { name: "purchase_order", type: "string" },
  { name: "tax", type: "number", min: 0 },
  { name: "tax2", type: "number", min: 0 },
  { name: "discount", type: "number", min: 0 },
  { name: "subject", type: "string" },
  { name: "notes", type: "string" },
  { name: "currency", type: "string" },
  { name: "issue_date", type: "date" },
];

/** A new document by the authenticated user, before the request's fields; prepareDocument fills number and currency. */
export function newDocument(store: Store): Omit<BillingDocument, keyof Row> {
  return {
    client_id: 0,
    creator_id: store.meId,
    client_key: randomBytes(20).toString("hex"),
    number: "",
    purchase_order: null,
    tax: null,
    tax2: null,
    discount: null,
    subject: null,
    notes: null,
    currency: "",
    line_items: [],
  };
}

const CATEGORIES = { invoices: "invoice_item_categories", estimates: "estimate_item_categories" } as const;

/**
 * Applies `line_items` parameters like Harvest: entries with an id update that line item (or remove
 * it with `_destroy: true`), entries without one are added. `kind` must name an item category.
 */
export function mergeLineItems(collection: DocumentCollection, current: readonly LineItem[], raw: unknown, store: Store): LineItem[] {
  if (!Array.isArray(raw)) throw unprocessable("line_items must be an array");
  const fields = collection === "invoices" ? LINE_ITEM_FIELDS : LINE_ITEM_FIELDS.filter((field) => field.name !== "project_id");
  const kinds = store.all(CATEGORIES[collection]).map((category) => category.name);
  let items = current.map((item) => ({ ...item }));
  raw.forEach((value: unknown, index) => {
    const prefix = `line_items[${index}].`;
    requireValid(isPlainObject(value), `line_items[${index}] must be an object`);
    const creating = (value as Input).id === undefined || (value as Input).id === null;
    const { id, _destroy, ...changes } = readInput(fields, value as Input, store, { creating, prefix });
    if (changes.kind !== undefined && !kinds.includes(changes.kind as string)) {
      throw unprocessable(`${prefix}kind must be the name of an item category: ${kinds.join(", ")}`);
    }
    if (creating) {
      const defaults = { description: null, quantity: 1, taxed: false, taxed2: false, project_id: null };
      items.push({ ...defaults, ...changes, id: store.nextLineItemId() } as LineItem);
      return;
    }
    const target = items.find((item) => item.id === id);
    if (!target) throw unprocessable(`${prefix}id ${String(id)} does not match any line item of this ${collection.slice(0, -1)}`);
    items = _destroy === true ? items.filter((item) => item !== target) : items.map((item) => (item === target ? { ...item, ...changes } : item));
  });
  return items;
}

const lineAmount = (item: LineItem) => round2(item.quantity * item.unit_price);

/** Harvest's arithmetic: the discount comes off the subtotal, taxes apply to the discounted taxed lines. */
export function documentTotals(doc: BillingDocument): { amount: number; tax_amount: number; tax2_amount: number; discount_amount: number } {
  const subtotal = sum(doc.line_items.map(lineAmount));
  const kept = 1 - (doc.discount ?? 0) / 100;
  const taxOn = (taxed: "taxed" | "taxed2", rate: number | null) =>
    round2(sum(doc.line_items.filter((item) => item[taxed]).map(lineAmount)) * kept * ((rate ?? 0) / 100));
  const discount_amount = round2(subtotal * ((doc.discount ?? 0) / 100));
  const tax_amount = taxOn("taxed", doc.tax);
  const tax2_amount = taxOn("taxed2", doc.tax2);
  return { amount: round2(subtotal - discount_amount + tax_amount + tax2_amount), tax_amount, tax2_amount, discount_amount };
}

export function presentLineItem(store: Store, item: LineItem, withProject: boolean): Record<string, unknown> {
  const { id, kind, description, quantity, unit_price, taxed, taxed2 } = item;
  const shown = { id, kind, description, quantity, unit_price, amount: lineAmount(item), taxed, taxed2 };
  return withProject ? { ...shown, project: projectRef(store, item.project_id) } : shown;
}

/** The number and amounts, as Harvest prints them first; `dueAmount` (invoices) adds due_amount after the amount. */
export function presentAmounts(doc: BillingDocument, dueAmount?: (amount: number) => number): Record<string, unknown> {
  const totals = documentTotals(doc);
  return {
    ...pick(doc, ["id", "client_key", "number", "purchase_order"]),
    amount: totals.amount,
    ...(dueAmount ? { due_amount: dueAmount(totals.amount) } : {}),
    tax: doc.tax,
    tax_amount: totals.tax_amount,
    tax2: doc.tax2,
    tax2_amount: totals.tax2_amount,
    discount: doc.discount,
    discount_amount: totals.discount_amount,
  };
}

/** Number, currency and line items: the rules invoices and estimates share on create and update. */
export function prepareDocument(collection: DocumentCollection, doc: BillingDocument, input: Input, store: Store): void {
  if (!doc.number) {
    const numbers = store.all(collection).map((other) => Number(other.number)).filter(Number.isFinite);
    doc.number = String(Math.max(1000, ...numbers) + 1);
  }
  requireValid(!store.some(collection, (other) => other.id !== doc.id && other.number === doc.number), "number has already been taken");
  if (!doc.currency) doc.currency = store.find("clients", doc.client_id)!.currency;
  if ("line_items" in input) doc.line_items = mergeLineItems(collection, doc.line_items, input.line_items, store);
}
