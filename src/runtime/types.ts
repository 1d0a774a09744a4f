/** The Connector's options and results: what callers of the runtime give and get. */
import type { Dispatcher } from "undici";
import type { CredentialRecord, CredentialStore } from "../credentials/types.js";
import type { CostEstimate } from "./costs.js";
import type { CallRecord } from "./call-record.js";
import type { Coordinator, RateLimit } from "./coordination.js";
import type { Scope } from "./scope.js";

export interface ConnectOptions extends Scope {
  /** A credential record (the fields of one of the manifest's auth variants) or a store; default: environment variables. */
  credentials?: CredentialRecord | CredentialStore;
  /** Called with the whole record when the runtime changes it (a rotated OAuth refresh token) on a plain record. */
  onCredentialsChange?: (record: CredentialRecord) => void;
  /** Named account in the credential store: default, work, ... */
  account?: string;
  /** undici Dispatcher for every request (mockDispatcher(handlers) in tests, a ProxyAgent behind a proxy). */
  dispatcher?: Dispatcher;
  /** API base URL; also CONNECTORS_<NAME>_BASE_URL. */
  baseUrl?: string;
  /** Other hosts the manifest names; also CONNECTORS_<NAME>_<HOST>_BASE_URL. */
  hosts?: Record<string, string>;
  /** OAuth token endpoint; also CONNECTORS_<NAME>_TOKEN_URL. */
  tokenUrl?: string;
  /** Per attempt, in ms (default 30000). */
  timeout?: number;
  /** Largest answer read, in bytes (default 64 MB); a larger one is an UpstreamBodyError, read no further than this. */
  maxResponseBytes?: number;
  /** Extra attempts after a transient failure (default 3). */
  retries?: number;
  /** Backoff between retries: full jitter over min(maxMs, baseMs * 2^attempt). */
  backoff?: { baseMs?: number; maxMs?: number };
  /** Longest Retry-After (seconds) worth waiting for before giving up with RateLimitError (default 120). */
  maxRetryAfter?: number;
  /** Client-side pacing: false turns it off, an object replaces every group's limit; env CONNECTORS_RATE_LIMIT=off. */
  rateLimit?: false | RateLimit;
  /** Requests in flight per account (default: the manifest's, e.g. a plan's limit); false for no limit. */
  concurrency?: false | number;
  /** Shares rate windows and OAuth refreshes with other processes (replicas on one database); see coordination.ts. */
  coordinator?: Coordinator;
  /**
   * A stable name for this credential across processes (e.g. a connected account's id): with a coordinator, the
   * key of its shared rate windows and refresh lock. Default: derived from the credential in this process.
   */
  accountKey?: string;
  /** Before costly calls, check the account's balance covers the estimate (see ExecuteOptions.preflight). */
  preflight?: boolean;
  /** Answer from the embedded sandbox, inside the process, with its fixed credentials (no account, no network). */
  sandbox?: boolean;
  /** Where to find manifests other than the bundled ones. */
  connectorsDir?: string;
  /** Environment to read (default process.env). */
  env?: NodeJS.ProcessEnv;
  /**
   * Hears of every call (execute, and each pages/paginate walk) once it ends, whatever the outcome, with its params
   * redacted: an audit trail. The call's own outcome waits for it, so a record is written before the caller hears.
   */
  onCall?: (record: CallRecord) => void | Promise<void>;
}

export interface ExecuteOptions {
  /** Walk every page and return all records. */
  all?: boolean;
  /** Stop after this many records (walks pages as needed). */
  limit?: number;
  /** meta.cursor of an earlier result: go on exactly after its last record, with its params. */
  cursor?: string;
  /** Keep only these (dotted) fields of each record: ["id", "project.name"], or "id,project.name". */
  fields?: string[] | string;
  /** Records per page to ask the API for, when the params do not set the action's page size. */
  pageSize?: number;
  signal?: AbortSignal;
  /** Called after each page while walking (progress). */
  onPage?: (progress: { pages: number; records: number }) => void;
  /** Refuse, before sending, a call whose estimated cost is over this amount (manifest currency, e.g. USD). */
  budget?: number;
  /** Read the account's balance (cached briefly) first and fail early when it cannot cover the estimate. */
  preflight?: boolean;
  /** Hears what each request spends as it is spent (each page of a walk), for a running total across calls. */
  onCost?: (amount: number) => void;
  /**
   * Called with the estimate before an action that costs money sends anything (after the budget and balance checks):
   * a caller that asks a person first throws to stop the call, and nothing is sent.
   */
  beforeSpending?: (estimate: CostEstimate) => void | Promise<void>;
}

export interface ResultMeta {
  connector: string;
  entity: string;
  action: string;
  status: number;
  request_id?: string;
  duration_ms: number;
  /** Lists only: whether records remain after the ones returned. */
  has_more?: boolean;
  /** Lists only, when records remain: pass it back as the `cursor` option to go on exactly after the last record. */
  cursor?: string;
  /** Lists only: the params of the next page when the result ends at a page boundary, null at the end. */
  next?: Record<string, unknown> | null;
  total?: number;
  total_pages?: number;
  pages?: number;
  /** A DELETE whose first answer was lost and whose retry found the thing gone: the first one did it. */
  already_done?: boolean;
  /** What the call spent, for actions that cost money (the API's own figure when it gives one). */
  cost?: number;
  /** Who bills that cost, when not the API itself (e.g. apify). */
  billed_by?: string;
  /** With `fields`: those the action's records do not have (by its record schema), and the ones they do. */
  unknown_fields?: { fields: string[]; valid: string[] };
}

export interface Result<T = unknown> {
  data: T;
  meta: ResultMeta;
}
