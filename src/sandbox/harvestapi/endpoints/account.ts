/** The API user's own account: balance, plan and concurrency, and private account pools. Free, like the real ones. */
import { PRICES, fixedCharge } from "../costs.js";
import type { Endpoint } from "../endpoint.js";

const free = fixedCharge(PRICES.free, "account");

const SANDBOX_API_USER = { id: "sandbox-api-user", email: "sandbox@harvestapi.example" };

export const accountEndpoints: Endpoint[] = [
  {
    method: "GET",
    path: "/users/my-api-user",
    cost: free,
    answer: ({ account }) => ({
      kind: "plain",
      body: {
        id: SANDBOX_API_USER.id,
        email: SANDBOX_API_USER.email,
        plan: account.plan,
        balance: account.balanceUsd,
        concurrency: account.concurrency,
        queueSize: account.queueSize,
      },
    }),
  },
  {
    method: "GET",
    path: "/users/my-private-account-pools",
    cost: free,
    answer: ({ store }) => ({ kind: "list", elements: store.tables.pools }),
  },
];
