/** The account's people, clients, tasks, projects and categories, built from the catalog. */
import { addDays } from "../dates.js";
import type { CompanyRow } from "../model.js";
import { defaultTaskAssignment } from "../resources/projects.js";
import { AVATAR_URL } from "../resources/users.js";
import { CLIENTS, COMPANY_NAME, ESTIMATE_ITEM_CATEGORIES, EXPENSE_CATEGORIES, INVOICE_ITEM_CATEGORIES, PROJECTS, ROLES, TASKS, USERS } from "./catalog.js";
import { created, stamp, type SeedContext } from "./context.js";

/** The account was set up on this day; the catalog's records are created in the months after. */
const ACCOUNT_CREATED = "2025-02-03";

export function company(): CompanyRow {
  return {
    base_uri: "https://sandbox-studio.harvestapp.com",
    full_domain: "sandbox-studio.harvestapp.com",
    name: COMPANY_NAME,
    is_active: true,
    week_start_day: "Monday",
    wants_timestamp_timers: false,
    time_format: "hours_minutes",
    date_format: "%Y-%m-%d",
    plan_type: "business_v4",
    expense_feature: true,
    invoice_feature: true,
    estimate_feature: true,
    approval_feature: true,
    team_feature: true,
    clock: "12h",
    currency_code_display: "iso_code_none",
    currency_symbol_display: "symbol_before",
    decimal_symbol: ".",
    thousands_separator: ",",
    color_scheme: "orange",
    weekly_capacity: 126000,
  };
}

function addUsers(ctx: SeedContext): void {
  USERS.forEach((seed, index) => {
    const day = addDays(ACCOUNT_CREATED, index * 17);
    const archived = seed.archivedAfter !== undefined;
    const user = ctx.add(
      "users",
      {
        first_name: seed.first_name,
        last_name: seed.last_name,
        email: `${seed.first_name}.${seed.last_name}@sandbox-studio.example`.toLowerCase(),
        telephone: "",
        timezone: seed.timezone,
        has_access_to_all_future_projects: seed.has_access_to_all_future_projects ?? false,
        is_contractor: seed.is_contractor ?? false,
        is_active: !archived,
        weekly_capacity: seed.weekly_capacity ?? 126000,
        default_hourly_rate: seed.default_hourly_rate,
        cost_rate: seed.cost_rate,
        roles: seed.roles,
        access_roles: seed.access_roles,
        avatar_url: AVATAR_URL,
        teammate_ids: [],
        created_at: stamp(day, 540),
        updated_at: archived ? stamp(addDays(seed.archivedAfter!, 1), 540) : stamp(day, 560),
      },
      seed.key,
    );
    // last year's rates, then this year's (the user's current defaults)
    for (const collection of ["billable_rates", "cost_rates"] as const) {
      const current = collection === "billable_rates" ? seed.default_hourly_rate : seed.cost_rate;
      const common = { user_id: user.id, ...created(day, 600) };
      ctx.add(collection, { ...common, amount: current - 10, start_date: "2025-01-01", end_date: "2025-12-31" });
      ctx.add(collection, { ...common, amount: current, start_date: "2026-01-01", end_date: null });
    }
  });
  for (const seed of USERS.filter((user) => user.teammates)) {
    const manager = ctx.tables.users.find((user) => user.id === ctx.idOf("users", seed.key))!;
    manager.teammate_ids = seed.teammates!.map((key) => ctx.idOf("users", key));
  }
}

function addClients(ctx: SeedContext): void {
  CLIENTS.forEach((seed, index) => {
    const day = addDays(ACCOUNT_CREATED, 30 + index * 23);
    const client = ctx.add(
      "clients",
      {
        name: seed.name,
        is_active: seed.is_active ?? true,
        address: seed.address,
        statement_key: ctx.prng.hex(32),
        currency: seed.currency,
        ...created(day, 600),
      },
      seed.key,
    );
    const domain = `${seed.key}.example`;
    seed.contacts.forEach(([first, last, title], position) => {
      ctx.add("contacts", {
        client_id: client.id,
        title,
        first_name: first,
        last_name: last,
        email: `${first}.${last}@${domain}`.toLowerCase(),
        phone_office: `+1 555 01${String(index).padStart(2, "0")} ${String(position).padStart(3, "0")}`,
        phone_mobile: null,
        fax: null,
        ...created(day, 620 + position),
      });
    });
  });
}

function addTasks(ctx: SeedContext): void {
  TASKS.forEach((seed, index) => {
    const { key, notes, ...fields } = seed;
    ctx.add("tasks", { ...fields, is_active: seed.is_active ?? true, ...created(ACCOUNT_CREATED, 600 + index) }, key);
  });
}

function addProjects(ctx: SeedContext): void {
  for (const seed of PROJECTS) {
    const day = addDays(seed.starts_on, -7);
    const is_billable = seed.is_billable ?? true;
    const project = ctx.add(
      "projects",
      {
        client_id: ctx.idOf("clients", seed.client),
        name: seed.name,
        code: seed.code,
        is_active: seed.is_active ?? true,
        bill_by: seed.bill_by,
        budget: seed.budget ?? null,
        budget_by: seed.budget_by,
        budget_is_monthly: seed.budget_is_monthly ?? false,
        notify_when_over_budget: seed.budget_by !== "none",
        over_budget_notification_percentage: 80,
        over_budget_notification_date: null,
        show_budget_to_all: false,
        starts_on: seed.starts_on,
        ends_on: seed.ends_on ?? null,
        is_billable,
        is_fixed_fee: seed.is_fixed_fee ?? false,
        notes: "",
        cost_budget: seed.cost_budget ?? null,
        cost_budget_include_expenses: false,
        hourly_rate: seed.hourly_rate ?? null,
        fee: seed.fee ?? null,
        ...created(day, 660),
      },
      seed.key,
    );
    seed.tasks.forEach((key, index) => {
      const task = TASKS.find((candidate) => candidate.key === key)!;
      ctx.add("task_assignments", { ...defaultTaskAssignment(project, ctx.idOf("tasks", key), task), ...created(day, 661 + index) });
    });
    seed.members.forEach((key, index) => {
      const user = USERS.find((candidate) => candidate.key === key)!;
      const custom = seed.customRates?.[key];
      ctx.add("user_assignments", {
        project_id: project.id,
        user_id: ctx.idOf("users", key),
        is_project_manager: !user.access_roles.includes("member"),
        is_active: true,
        use_default_rates: custom === undefined,
        hourly_rate: custom ?? user.default_hourly_rate,
        budget: null,
        ...created(day, 680 + index),
      });
    });
  }
}

function addCategories(ctx: SeedContext): void {
  EXPENSE_CATEGORIES.forEach((seed, index) => {
    ctx.add("expense_categories", {
      name: seed.name,
      unit_name: seed.unit_name ?? null,
      unit_price: seed.unit_price ?? null,
      is_active: seed.is_active ?? true,
      ...created(ACCOUNT_CREATED, 700 + index),
    });
  });
  INVOICE_ITEM_CATEGORIES.forEach((seed, index) => {
    const fields = { name: seed.name, use_as_service: seed.use_as_service ?? false, use_as_expense: seed.use_as_expense ?? false };
    ctx.add("invoice_item_categories", { ...fields, ...created(ACCOUNT_CREATED, 720 + index) });
  });
  ESTIMATE_ITEM_CATEGORIES.forEach((name, index) => ctx.add("estimate_item_categories", { name, ...created(ACCOUNT_CREATED, 730 + index) }));
  ROLES.forEach((name, index) => ctx.add("roles", { name, ...created(ACCOUNT_CREATED, 740 + index) }));
}

/** Company-wide setup, in the order Harvest accounts usually grow. */
export function addAccountSetup(ctx: SeedContext): void {
  addUsers(ctx);
  addClients(ctx);
  addTasks(ctx);
  addCategories(ctx);
  addProjects(ctx);
}
