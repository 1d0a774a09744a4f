/**
 * The one record walk: pages from a starting position, each page's records past what was already handed out, up to a
 * limit, and afterwards the exact position to resume from. execute, paginate, pages and every face walk through it.
 */
import type { BudgetGuard } from "./budget.js";
import { advance, pageTotals, positionWithin, type Page, type Position } from "./pagination.js";
import { sendPage, type Call } from "./send.js";

export interface WalkOptions {
  /** Records to hand out at most (Infinity: every one). */
  limit: number;
  /** Pages to ask for at most (1: one page, as a plain list call). */
  maxPages: number;
  guard?: BudgetGuard;
  onPage?: (progress: { pages: number; records: number }) => void;
}

/** One page's part of the walk: its records (after skip and limit) and the position of the first. */
export interface Slice {
  records: unknown[];
  page: Page;
  at: Position;
}

export class RecordWalk implements AsyncIterable<Slice> {
  /** Once the walk is over: where the next record is, or undefined when none is left. */
  resume?: Position;
  pages = 0;
  records = 0;
  /** The last page received. */
  last?: Page;

  constructor(
    private readonly call: Call,
    private readonly start: Position,
    private readonly options: WalkOptions,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<Slice> {
    const { call, options } = this;
    let at: Position | undefined = this.start;
    let totalPages: number | undefined;
    this.resume = at;
    while (at && this.records < options.limit && this.pages < options.maxPages) {
      if (this.pages > 0) options.guard?.checkNext(this.pages, totalPages);
      const page: Page = await sendPage(call, at.request);
      this.pages++;
      this.last = page;
      options.guard?.record(page.cost);
      totalPages = pageTotals(call.plan.pagination, page.body).total_pages;
      const available: number = page.records.length - Math.min(at.skip, page.records.length);
      const records = page.records.slice(at.skip, at.skip + Math.min(available, options.limit - this.records));
      this.records += records.length;
      this.resume = records.length < available ? positionWithin(call.plan.pagination, at, records.length) : this.after(at, page);
      options.onPage?.({ pages: this.pages, records: this.records });
      yield { records, page, at };
      at = this.resume;
    }
  }

  /** The first position of the page after this one; a walk of one page ends at a link it cannot follow rather than losing its page. */
  private after(at: Position, page: Page): Position | undefined {
    try {
      const request = advance(at.request, this.call.nextPage(at.request, page));
      return request && { request, skip: 0 };
    } catch (error) {
      if (this.options.maxPages === 1) return undefined;
      throw error;
    }
  }
}
