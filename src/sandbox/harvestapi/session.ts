/** The user's LinkedIn session: connection and message endpoints act as the account whose li_at cookie they are given. */
import { cookieRequired, linkedInSessionExpired } from "./errors.js";

/** The `cookie` parameter may be the bare li_at value or a Cookie header ("li_at=...; JSESSIONID=..."). */
function liAtOf(cookie: string): string {
  const match = /(?:^|;\s*)li_at=("?)([^;"]*)\1/.exec(cookie);
  return (match ? match[2]! : cookie).trim();
}

export class LinkedInSession {
  private expired = false;

  constructor(private readonly liAt: string) {}

  /** Throws the 400 for a missing cookie, or the 401 for a cookie LinkedIn no longer accepts. */
  check(cookie: string | undefined): void {
    const value = liAtOf(cookie ?? "");
    if (value === "") throw cookieRequired();
    if (this.expired || value !== this.liAt) throw linkedInSessionExpired();
  }

  /** LinkedIn ended the session (logout elsewhere, security check): the cookie stops working. */
  expire(): void {
    this.expired = true;
  }

  reset(): void {
    this.expired = false;
  }
}
