/**
 * Stored records. Foreign keys are kept as *_id fields and turned into Harvest's embedded
 * objects ({ id, name }) when presented; computed fields (amounts, running hours) are not stored.
 */

export interface Row {
  id: number;
  created_at: string;
  updated_at: string;
}

export interface CompanyRow {
  base_uri: string;
  full_domain: string;
  name: string;
  is_active: boolean;
  week_start_day: string;
  wants_timestamp_timers: boolean;
  time_format: string;
  date_format: string;
  plan_type: string;
  expense_feature: boolean;
  invoice_feature: boolean;
  estimate_feature: boolean;
  approval_feature: boolean;
  team_feature: boolean;
  clock: string;
  currency_code_display: string;
  currency_symbol_display: string;
  decimal_symbol: string;
  thousands_separator: string;
  color_scheme: string;
  weekly_capacity: number;
}

export interface ClientRow extends Row {
  name: string;
  is_active: boolean;
  address: string | null;
  statement_key: string;
  currency: string;
}

export interface ContactRow extends Row {
  client_id: number;
  title: string | null;
  first_name: string;
  last_name: string | null;
  email: string | null;
  phone_office: string | null;
  phone_mobile: string | null;
  fax: string | null;
}

export interface TaskRow extends Row {
  name: string;
  billable_by_default: boolean;
  default_hourly_rate: number | null;
  is_default: boolean;
  is_active: boolean;
}

export const BILL_BY = ["Project", "Tasks", "People", "none"] as const;
export const BUDGET_BY = ["project", "project_cost", "task", "task_fees", "person", "none"] as const;

export interface ProjectRow extends Row {
  client_id: number;
  name: string;
  code: string | null;
  is_active: boolean;
  bill_by: (typeof BILL_BY)[number];
  budget: number | null;
  budget_by: (typeof BUDGET_BY)[number];
  budget_is_monthly: boolean;
  notify_when_over_budget: boolean;
  over_budget_notification_percentage: number;
  over_budget_notification_date: string | null;
  show_budget_to_all: boolean;
  starts_on: string | null;
  ends_on: string | null;
  is_billable: boolean;
  is_fixed_fee: boolean;
  notes: string;
  cost_budget: number | null;
  cost_budget_include_expenses: boolean;
  hourly_rate: number | null;
  fee: number | null;
}

export interface TaskAssignmentRow extends Row {
  project_id: number;
  task_id: number;
  billable: boolean;
  is_active: boolean;
  hourly_rate: number | null;
  budget: number | null;
}

export interface UserAssignmentRow extends Row {
  project_id: number;
  user_id: number;
  is_project_manager: boolean;
  is_active: boolean;
  use_default_rates: boolean;
  hourly_rate: number | null;
  budget: number | null;
}

export interface UserRow extends Row {
  first_name: string;
  last_name: string;
  email: string;
  telephone: string;
  timezone: string;
  has_access_to_all_future_projects: boolean;
  is_contractor: boolean;
  is_active: boolean;
  weekly_capacity: number;
  default_hourly_rate: number | null;
  cost_rate: number | null;
  roles: string[];
  access_roles: string[];
  avatar_url: string;
  /** Users this manager manages (GET/PATCH /users/{id}/teammates). */
  teammate_ids: number[];
}

/** Billable and cost rates share one shape. */
export interface RateRow extends Row {
  user_id: number;
  amount: number;
  start_date: string | null;
  end_date: string | null;
}

/** A role's members are the users whose `roles` name it, so the two never disagree. */
export interface RoleRow extends Row {
  name: string;
}

export interface ExpenseCategoryRow extends Row {
  name: string;
  unit_name: string | null;
  unit_price: number | null;
  is_active: boolean;
}

export interface InvoiceItemCategoryRow extends Row {
  name: string;
  use_as_service: boolean;
  use_as_expense: boolean;
}

export interface EstimateItemCategoryRow extends Row {
  name: string;
}

export interface ExternalReference {
  id: string | null;
  group_id: string | null;
  account_id: string | null;
  permalink: string | null;
  service: string | null;
  service_icon_url: string | null;
}

export interface TimeEntryRow extends Row {
  spent_date: string;
  user_id: number;
  project_id: number;
  task_id: number;
  user_assignment_id: number;
  task_assignment_id: number;
  notes: string | null;
  /** Hours tracked before the current timer run; equals `hours` when the entry is not running. */
  hours_without_timer: number;
  timer_started_at: string | null;
  started_time: string | null;
  ended_time: string | null;
  is_running: boolean;
  is_locked: boolean;
  locked_reason: string | null;
  is_closed: boolean;
  invoice_id: number | null;
  external_reference: ExternalReference | null;
  billable: boolean;
  budgeted: boolean;
  billable_rate: number | null;
  cost_rate: number | null;
}

export interface ExpenseRow extends Row {
  user_id: number;
  project_id: number;
  expense_category_id: number;
  user_assignment_id: number;
  spent_date: string;
  units: number | null;
  total_cost: number;
  notes: string | null;
  billable: boolean;
  is_closed: boolean;
  is_locked: boolean;
  locked_reason: string | null;
  invoice_id: number | null;
  receipt: null;
}

export interface LineItem {
  id: number;
  kind: string;
  description: string | null;
  quantity: number;
  unit_price: number;
  taxed: boolean;
  taxed2: boolean;
  /** Invoices only; estimates' line items have no project. */
  project_id: number | null;
}

/** Fields invoices and estimates share; their amounts are computed from these. */
export interface BillingDocument extends Row {
  client_id: number;
  creator_id: number;
  client_key: string;
  number: string;
  purchase_order: string | null;
  tax: number | null;
  tax2: number | null;
  discount: number | null;
  subject: string | null;
  notes: string | null;
  currency: string;
  line_items: LineItem[];
}

export const INVOICE_STATES = ["draft", "open", "paid", "closed"] as const;
export const PAYMENT_TERMS = ["upon receipt", "net 15", "net 30", "net 45", "net 60", "custom"] as const;

export interface InvoiceRow extends BillingDocument {
  estimate_id: number | null;
  retainer_id: number | null;
  state: (typeof INVOICE_STATES)[number];
  period_start: string | null;
  period_end: string | null;
  issue_date: string;
  due_date: string;
  payment_term: (typeof PAYMENT_TERMS)[number];
  payment_options: string[];
  sent_at: string | null;
  paid_at: string | null;
  paid_date: string | null;
  closed_at: string | null;
  recurring_invoice_id: number | null;
}

export const ESTIMATE_STATES = ["draft", "sent", "accepted", "declined"] as const;

export interface EstimateRow extends BillingDocument {
  state: (typeof ESTIMATE_STATES)[number];
  issue_date: string | null;
  sent_at: string | null;
  accepted_at: string | null;
  declined_at: string | null;
}

export interface Recipient {
  name: string | null;
  email: string;
}

interface MessageRow extends Row {
  sent_by: string;
  sent_by_email: string;
  sent_from: string;
  sent_from_email: string;
  recipients: Recipient[];
  subject: string | null;
  body: string | null;
  send_me_a_copy: boolean;
  event_type: string | null;
}

export interface InvoiceMessageRow extends MessageRow {
  invoice_id: number;
  include_link_to_client_invoice: boolean;
  attach_pdf: boolean;
  thank_you: boolean;
  reminder: boolean;
  send_reminder_on: string | null;
}

export interface EstimateMessageRow extends MessageRow {
  estimate_id: number;
}

export interface PaymentRow extends Row {
  invoice_id: number;
  amount: number;
  paid_at: string;
  paid_date: string;
  recorded_by: string;
  recorded_by_email: string;
  notes: string | null;
  transaction_id: string | null;
  payment_gateway: { id: number | null; name: string | null };
}

/** Every collection the sandbox stores, by the name Harvest uses for it in list envelopes. */
export interface Tables {
  clients: ClientRow;
  contacts: ContactRow;
  tasks: TaskRow;
  projects: ProjectRow;
  task_assignments: TaskAssignmentRow;
  user_assignments: UserAssignmentRow;
  users: UserRow;
  billable_rates: RateRow;
  cost_rates: RateRow;
  roles: RoleRow;
  expense_categories: ExpenseCategoryRow;
  invoice_item_categories: InvoiceItemCategoryRow;
  estimate_item_categories: EstimateItemCategoryRow;
  time_entries: TimeEntryRow;
  expenses: ExpenseRow;
  invoices: InvoiceRow;
  invoice_messages: InvoiceMessageRow;
  invoice_payments: PaymentRow;
  estimates: EstimateRow;
  estimate_messages: EstimateMessageRow;
}

export type CollectionName = keyof Tables;

/** Everything the seed builds; a Store is made from it. */
export interface Dataset {
  company: CompanyRow;
  /** The administrator the sandbox's tokens authenticate as (all but the member token). */
  meId: number;
  /** A member (neither manager nor administrator): the member token authenticates as them. */
  memberId: number;
  tables: { [K in CollectionName]: Tables[K][] };
}
