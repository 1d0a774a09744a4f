/** The API key's credit balance: requests are billed up front, a request the balance cannot cover is refused. */
import { toMicros, toUsd } from "./costs.js";

export class Wallet {
  private balanceMicros: number;
  private spentMicros = 0;

  constructor(balanceUsd: number) {
    this.balanceMicros = toMicros(balanceUsd);
  }

  get balanceUsd(): number {
    return toUsd(this.balanceMicros);
  }

  get spentUsd(): number {
    return toUsd(this.spentMicros);
  }

  covers(micros: number): boolean {
    return this.balanceMicros >= micros;
  }

  debit(micros: number): void {
    this.balanceMicros -= micros;
    this.spentMicros += micros;
  }

  /** A new balance (a top-up, or draining it in tests); what was spent so far still counts. */
  set(balanceUsd: number): void {
    this.balanceMicros = toMicros(balanceUsd);
  }

  reset(balanceUsd: number): void {
    this.set(balanceUsd);
    this.spentMicros = 0;
  }
}
