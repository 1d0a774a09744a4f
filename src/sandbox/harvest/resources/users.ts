/** Users and their billable and cost rate histories. */
import { addDays } from "../dates.js";
import { isActive, updatedSince } from "../filters.js";
import { requireUnique, requireValid } from "../guards.js";
import type { RateRow, UserRow } from "../model.js";
import { OLDEST_FIRST, accountList, defineResource, pick } from "../resource.js";
import { today, type HandlerContext } from "../router.js";

export const AVATAR_URL = "https://cache.harvestapp.com/assets/profile_images/big_ben.png?1485372046";

const PERMISSION_LEVELS = ["administrator", "manager", "member"];

const USER_FIELDS = [
  "id", "first_name", "last_name", "email", "telephone", "timezone", "has_access_to_all_future_projects", "is_contractor",
  "is_active", "created_at", "updated_at", "weekly_capacity", "default_hourly_rate", "cost_rate", "roles", "access_roles",
  "avatar_url",
] as const;

export const presentUser = (user: UserRow): Record<string, unknown> => pick(user, USER_FIELDS);

export const users = defineResource({
  ...accountList("users"),
  filters: [isActive<UserRow>(), updatedSince<UserRow>()],
  fields: [
    { name: "first_name", type: "string", required: true },
    { name: "last_name", type: "string", required: true },
    { name: "email", type: "string", required: true },
    { name: "timezone", type: "string" },
    { name: "has_access_to_all_future_projects", type: "bool" },
    { name: "is_contractor", type: "bool" },
    { name: "is_active", type: "bool" },
    { name: "weekly_capacity", type: "int", min: 0 },
    { name: "default_hourly_rate", type: "number", min: 0 },
    { name: "cost_rate", type: "number", min: 0 },
    { name: "roles", type: "string[]" },
    { name: "access_roles", type: "string[]" },
  ],
  defaults: () => ({
    first_name: "",
    last_name: "",
    email: "",
    telephone: "",
    timezone: "Eastern Time (US & Canada)",
    has_access_to_all_future_projects: false,
    is_contractor: false,
    is_active: true,
    weekly_capacity: 126000,
    default_hourly_rate: 0,
    cost_rate: 0,
    roles: [],
    access_roles: ["member"],
    avatar_url: AVATAR_URL,
    teammate_ids: [],
  }),
  prepare(user, input, { store }, existing) {
    requireValid(user.email.includes("@"), "email is invalid");
    requireUnique(store, "users", user, "email");
    const levels = user.access_roles.filter((role) => PERMISSION_LEVELS.includes(role));
    requireValid(levels.length === 1, `access_roles must contain exactly one of: ${PERMISSION_LEVELS.join(", ")}`);
    const renamed = ["first_name", "last_name", "email"].some((field) => field in input);
    requireValid(!(existing && !existing.is_active && !user.is_active && renamed), "first_name, last_name and email can't be updated while the user is inactive");
  },
  deleteGuard: (user, { store }) => {
    const own = (row: { user_id: number }) => row.user_id === user.id;
    return store.some("time_entries", own) || store.some("expenses", own)
      ? "User has time entries or expenses and cannot be deleted; archive them instead (is_active: false)"
      : undefined;
  },
  afterDelete(user, { store }) {
    const own = (row: { user_id: number }) => row.user_id === user.id;
    for (const collection of ["user_assignments", "billable_rates", "cost_rates"] as const) store.removeWhere(collection, own);
    for (const manager of store.where("users", (other) => other.teammate_ids.includes(user.id))) {
      store.save("users", { ...manager, teammate_ids: manager.teammate_ids.filter((id) => id !== user.id) });
    }
  },
  present: presentUser,
});

/**
 * Like Harvest: a rate without start_date replaces all of the user's rates; one with a start_date
 * replaces the rates starting on or after it and ends the one before it. The current rate becomes
 * the user's default.
 */
function applyRateHistory(collection: "billable_rates" | "cost_rates", rate: RateRow, ctx: HandlerContext): void {
  const { store } = ctx;
  const starts = rate.start_date;
  const others = store.where(collection, (other) => other.user_id === rate.user_id && other.id !== rate.id);
  for (const other of others) {
    if (starts === null || (other.start_date ?? "") >= starts) store.remove(collection, other.id);
    else if (other.end_date === null || other.end_date >= starts) store.save(collection, { ...other, end_date: addDays(starts, -1) });
  }
  const user = store.find("users", rate.user_id)!;
  const field = collection === "billable_rates" ? "default_hourly_rate" : "cost_rate";
  store.save("users", { ...user, [field]: rate.amount, updated_at: rate.updated_at });
}

function rateResource(collection: "billable_rates" | "cost_rates") {
  return defineResource({
    collection,
    path: `/users/:user_id/${collection}`,
    parent: { param: "user_id", collection: "users", field: "user_id" },
    actions: ["list", "get", "create"],
    pagination: "cursor",
    sort: OLDEST_FIRST,
    filters: [],
    fields: [
      { name: "amount", type: "number", required: true, min: 0 },
      { name: "start_date", type: "date" },
    ],
    defaults: () => ({ user_id: 0, amount: 0, start_date: null, end_date: null }),
    prepare(rate, _input, ctx) {
      requireValid(rate.start_date === null || rate.start_date <= today(ctx), "start_date cannot be a date in the future");
      return () => applyRateHistory(collection, rate, ctx);
    },
    present: (rate) => pick(rate, ["id", "amount", "start_date", "end_date", "created_at", "updated_at"]),
  });
}

export const billableRates = rateResource("billable_rates");
export const costRates = rateResource("cost_rates");
