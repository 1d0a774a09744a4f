/** The sandbox's in-memory database: one id-keyed map per collection, plus the company singleton. */
import type { CollectionName, CompanyRow, Dataset, Tables, UserRow } from "./model.js";

type Collections = { [K in CollectionName]: Map<number, Tables[K]> };

export class Store {
  readonly company: CompanyRow;
  readonly meId: number;
  readonly memberId: number;
  private readonly collections: Collections;
  private lastLineItemId: number | undefined;

  constructor(data: Dataset) {
    this.company = data.company;
    this.meId = data.meId;
    this.memberId = data.memberId;
    const entries = Object.entries(data.tables).map(([name, rows]) => [name, new Map(rows.map((row) => [row.id, row]))]);
    this.collections = Object.fromEntries(entries) as Collections;
  }

  get me(): UserRow {
    return this.find("users", this.meId)!;
  }

  all<K extends CollectionName>(name: K): Tables[K][] {
    return [...this.collections[name].values()];
  }

  where<K extends CollectionName>(name: K, test: (row: Tables[K]) => boolean): Tables[K][] {
    return this.all(name).filter(test);
  }

  some<K extends CollectionName>(name: K, test: (row: Tables[K]) => boolean): boolean {
    for (const row of this.collections[name].values()) if (test(row)) return true;
    return false;
  }

  find<K extends CollectionName>(name: K, id: number): Tables[K] | undefined {
    return this.collections[name].get(id);
  }

  /** Inserts or replaces by id. */
  save<K extends CollectionName>(name: K, row: Tables[K]): Tables[K] {
    this.collections[name].set(row.id, row);
    return row;
  }

  remove(name: CollectionName, id: number): void {
    this.collections[name].delete(id);
  }

  removeWhere<K extends CollectionName>(name: K, test: (row: Tables[K]) => boolean): void {
    for (const row of this.where(name, test)) this.remove(name, row.id);
  }

  /** Ids only grow, so "most recently created first" is "highest id first". */
  nextId(name: CollectionName): number {
    return Math.max(0, ...this.collections[name].keys()) + 1;
  }

  /** Line items live inside invoices and estimates; their ids are unique across both and only grow. */
  nextLineItemId(): number {
    if (this.lastLineItemId === undefined) {
      const documents = [...this.collections.invoices.values(), ...this.collections.estimates.values()];
      this.lastLineItemId = Math.max(0, ...documents.flatMap((doc) => doc.line_items.map((item) => item.id)));
    }
    return ++this.lastLineItemId;
  }
}
