/** State shared while seeding: the PRNG, realistic id sequences, catalog keys to ids, and the rows built so far. */
import type { CollectionName, Tables } from "../model.js";
import type { Store } from "../store.js";
import { Prng } from "../prng.js";

/** Where each id sequence starts: Harvest ids are large integers with gaps. */
const ID_BASES: Record<CollectionName | "line_items", number> = {
  users: 1782800,
  clients: 5735700,
  contacts: 4706400,
  tasks: 8083300,
  projects: 14307900,
  task_assignments: 155502700,
  user_assignments: 125068500,
  billable_rates: 1836400,
  cost_rates: 825300,
  roles: 617600,
  expense_categories: 4195900,
  invoice_item_categories: 1466200,
  estimate_item_categories: 1378700,
  time_entries: 636708500,
  expenses: 15296400,
  invoices: 13150300,
  invoice_messages: 27835200,
  invoice_payments: 10112800,
  estimates: 1439800,
  estimate_messages: 2666200,
  line_items: 53341400,
};

export class SeedContext {
  readonly prng: Prng;
  readonly tables: { [K in CollectionName]: Tables[K][] };
  private readonly lastIds = new Map<string, number>();
  private readonly keyed = new Map<string, number>();

  constructor(seed: number) {
    this.prng = new Prng(seed);
    const names = Object.keys(ID_BASES).filter((name) => name !== "line_items");
    this.tables = Object.fromEntries(names.map((name) => [name, []])) as unknown as SeedContext["tables"];
  }

  /** The next id of a sequence: increasing, with small random gaps. */
  nextId(sequence: CollectionName | "line_items"): number {
    const id = (this.lastIds.get(sequence) ?? ID_BASES[sequence]) + this.prng.int(1, 37);
    this.lastIds.set(sequence, id);
    return id;
  }

  /** Inserts a row under a fresh id, remembering it by catalog key when given. */
  add<K extends CollectionName>(collection: K, row: Omit<Tables[K], "id">, key?: string): Tables[K] {
    const saved = { ...row, id: this.nextId(collection) } as Tables[K];
    this.tables[collection].push(saved);
    if (key !== undefined) this.keyed.set(`${collection}:${key}`, saved.id);
    return saved;
  }

  idOf(collection: CollectionName, key: string): number {
    const id = this.keyed.get(`${collection}:${key}`);
    if (id === undefined) throw new Error(`seed: no ${collection} with key ${key}`);
    return id;
  }
}

/** "2026-01-05" + 500 minutes -> "2026-01-05T08:20:00Z". */
export function stamp(day: string, minutes: number): string {
  const hours = String(Math.floor(minutes / 60)).padStart(2, "0");
  return `${day}T${hours}:${String(minutes % 60).padStart(2, "0")}:00Z`;
}

/** created_at and updated_at of a record created that day at that minute and not changed since. */
export const created = (day: string, minutes: number) => ({ created_at: stamp(day, minutes), updated_at: stamp(day, minutes) });

/** Saves a row in the store under the seed's next realistic id (for what is seeded once the store exists). */
export function insert<K extends CollectionName>(store: Store, ctx: SeedContext, collection: K, row: Omit<Tables[K], "id">): Tables[K] {
  return store.save(collection, { ...row, id: ctx.nextId(collection) } as Tables[K]);
}
