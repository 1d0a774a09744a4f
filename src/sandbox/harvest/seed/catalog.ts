/** The sandbox account's fixed cast: a small studio with its team, clients, projects and tasks. */

export const COMPANY_NAME = "Sandbox Studio";

export interface UserSeed {
  key: string;
  first_name: string;
  last_name: string;
  access_roles: string[];
  roles: string[];
  timezone: string;
  default_hourly_rate: number;
  cost_rate: number;
  /** Entries logged per working day. */
  entriesPerDay: [number, number];
  is_contractor?: boolean;
  weekly_capacity?: number;
  has_access_to_all_future_projects?: boolean;
  /** Archived users stop tracking after this day. */
  archivedAfter?: string;
  teammates?: string[];
}

/** The first user is the administrator every sandbox token authenticates as. */
export const USERS: UserSeed[] = [
  { key: "alex", first_name: "Alex", last_name: "Morgan", access_roles: ["administrator"], roles: ["Founder", "Project Manager"], timezone: "Eastern Time (US & Canada)", default_hourly_rate: 160, cost_rate: 85, entriesPerDay: [2, 5], has_access_to_all_future_projects: true },
  { key: "priya", first_name: "Priya", last_name: "Shah", access_roles: ["manager", "project_creator", "time_and_expenses_manager", "people_manager"], roles: ["Project Manager"], timezone: "Pacific Time (US & Canada)", default_hourly_rate: 140, cost_rate: 70, entriesPerDay: [2, 6], teammates: ["jonas", "maria", "sam"] },
  { key: "jonas", first_name: "Jonas", last_name: "Weber", access_roles: ["member"], roles: ["Developer"], timezone: "Berlin", default_hourly_rate: 135, cost_rate: 65, entriesPerDay: [3, 6] },
  { key: "maria", first_name: "Maria", last_name: "Garcia", access_roles: ["member"], roles: ["Designer"], timezone: "Madrid", default_hourly_rate: 120, cost_rate: 60, entriesPerDay: [3, 6] },
  { key: "sam", first_name: "Sam", last_name: "Lee", access_roles: ["member"], roles: ["Developer"], timezone: "Pacific Time (US & Canada)", default_hourly_rate: 130, cost_rate: 62, entriesPerDay: [3, 6] },
  { key: "olivia", first_name: "Olivia", last_name: "Brown", access_roles: ["member"], roles: ["Copywriter"], timezone: "London", default_hourly_rate: 95, cost_rate: 70, entriesPerDay: [1, 4], is_contractor: true, weekly_capacity: 72000 },
  { key: "tom", first_name: "Tom", last_name: "Fischer", access_roles: ["member"], roles: ["Developer"], timezone: "Central Time (US & Canada)", default_hourly_rate: 125, cost_rate: 60, entriesPerDay: [3, 5], archivedAfter: "2026-01-30" },
];

export const ROLES = ["Founder", "Project Manager", "Developer", "Designer", "Copywriter"];

export interface ClientSeed {
  key: string;
  name: string;
  currency: string;
  address: string;
  is_active?: boolean;
  /** [first name, last name, title] */
  contacts: [string, string, string][];
}

export const CLIENTS: ClientSeed[] = [
  { key: "northwind", name: "Northwind Traders", currency: "USD", address: "1200 Harbor Blvd\nSeattle, WA 98101", contacts: [["Laura", "Callahan", "Marketing Director"], ["Steven", "Buchanan", "CTO"]] },
  { key: "globex", name: "Globex Corporation", currency: "USD", address: "77 Industrial Way\nCypress Creek, OR 97301", contacts: [["Hank", "Scorpio", "CEO"], ["Frank", "Grimes", "Head of Data"], ["Karen", "Page", "Procurement"]] },
  { key: "initech", name: "Initech GmbH", currency: "EUR", address: "Friedrichstraße 68\n10117 Berlin", contacts: [["Bill", "Lumbergh", "Head of IT"]] },
  { key: "umbrella", name: "Umbrella Health", currency: "USD", address: "500 Raccoon Ave\nDenver, CO 80202", contacts: [["Claire", "Redfield", "Compliance Officer"], ["Leon", "Kennedy", "Operations"]] },
  { key: "hooli", name: "Hooli", currency: "USD", address: "1 Hooli Way\nPalo Alto, CA 94301", is_active: false, contacts: [["Gavin", "Belson", "CEO"]] },
];

export interface TaskSeed {
  key: string;
  name: string;
  billable_by_default: boolean;
  default_hourly_rate: number;
  is_default: boolean;
  is_active?: boolean;
  notes: string[];
}

export const TASKS: TaskSeed[] = [
  { key: "design", name: "Design", billable_by_default: true, default_hourly_rate: 120, is_default: true, notes: ["Homepage wireframes", "Design review with client", "Icon set refinements", "Mobile layouts", "Style guide updates", "Prototype user flows"] },
  { key: "development", name: "Development", billable_by_default: true, default_hourly_rate: 140, is_default: true, notes: ["Checkout API integration", "Fix pagination bug", "Refactor auth middleware", "Code review", "Implement search filters", "Database migration scripts", "Unit tests for billing module"] },
  { key: "pm", name: "Project Management", billable_by_default: true, default_hourly_rate: 110, is_default: true, notes: ["Weekly status report", "Sprint planning", "Budget review", "Client call", "Backlog grooming"] },
  { key: "research", name: "Research", billable_by_default: false, default_hourly_rate: 0, is_default: true, notes: ["Competitor analysis", "User interviews", "Evaluate hosting options", "Regulatory requirements review"] },
  { key: "meetings", name: "Meetings", billable_by_default: false, default_hourly_rate: 0, is_default: false, notes: ["Standup", "Retrospective", "Kickoff meeting", "Stakeholder sync"] },
  { key: "qa", name: "QA & Testing", billable_by_default: true, default_hourly_rate: 100, is_default: false, notes: ["Regression testing", "Test plan for release", "Accessibility audit", "Bug triage"] },
  { key: "copywriting", name: "Copywriting", billable_by_default: true, default_hourly_rate: 90, is_default: false, notes: ["Landing page copy", "Product descriptions", "Newsletter draft", "Policy documentation"] },
  { key: "devops", name: "DevOps", billable_by_default: true, default_hourly_rate: 150, is_default: false, notes: ["CI pipeline tuning", "Staging environment setup", "Monitoring alerts", "Database backups"] },
  { key: "bizdev", name: "Business Development", billable_by_default: false, default_hourly_rate: 0, is_default: false, notes: ["Proposal draft", "Discovery call", "Pricing workshop"] },
  { key: "training", name: "Training", billable_by_default: false, default_hourly_rate: 0, is_default: false, is_active: false, notes: [] },
];

export interface ProjectSeed {
  key: string;
  client: string;
  name: string;
  code: string;
  bill_by: "Project" | "Tasks" | "People" | "none";
  budget_by: "project" | "project_cost" | "none";
  starts_on: string;
  ends_on?: string;
  is_active?: boolean;
  is_billable?: boolean;
  is_fixed_fee?: boolean;
  fee?: number;
  hourly_rate?: number;
  budget?: number;
  cost_budget?: number;
  budget_is_monthly?: boolean;
  tasks: string[];
  members: string[];
  /** Members billed at a custom rate on People-billed projects. */
  customRates?: Record<string, number>;
}

export const PROJECTS: ProjectSeed[] = [
  { key: "nw-web", client: "northwind", name: "Website Redesign", code: "NW-WEB", bill_by: "Tasks", budget_by: "project", budget: 2200, starts_on: "2025-12-01", ends_on: "2026-07-31", tasks: ["design", "development", "pm", "qa", "meetings", "copywriting"], members: ["alex", "priya", "maria", "jonas", "olivia"] },
  { key: "nw-app", client: "northwind", name: "Mobile App", code: "NW-APP", bill_by: "People", budget_by: "project_cost", cost_budget: 240000, starts_on: "2026-01-05", tasks: ["design", "development", "qa", "pm", "devops"], members: ["priya", "jonas", "sam", "maria"], customRates: { jonas: 150 } },
  { key: "gx-dpm", client: "globex", name: "Data Platform Migration", code: "GX-DPM", bill_by: "Project", hourly_rate: 145, budget_by: "project", budget: 1300, starts_on: "2026-01-12", tasks: ["development", "devops", "pm", "research", "meetings"], members: ["alex", "sam", "jonas", "priya"] },
  { key: "gx-q1", client: "globex", name: "Q1 Analytics Sprint", code: "GX-Q1", bill_by: "Project", hourly_rate: 130, budget_by: "none", starts_on: "2026-01-05", ends_on: "2026-03-27", is_active: false, tasks: ["development", "research", "pm"], members: ["sam", "tom", "alex"] },
  { key: "in-erp", client: "initech", name: "ERP Integration", code: "IN-ERP", bill_by: "Tasks", budget_by: "project", budget: 160, budget_is_monthly: true, starts_on: "2026-02-02", tasks: ["development", "pm", "qa", "meetings"], members: ["jonas", "priya", "alex"] },
  { key: "um-audit", client: "umbrella", name: "Compliance Audit", code: "UM-AUD", bill_by: "Project", hourly_rate: 150, is_fixed_fee: true, fee: 18000, budget_by: "project_cost", cost_budget: 18000, starts_on: "2026-02-16", ends_on: "2026-05-29", tasks: ["research", "pm", "copywriting", "meetings"], members: ["alex", "olivia", "priya"] },
  { key: "um-pre", client: "umbrella", name: "Pre-sales Discovery", code: "UM-PRE", bill_by: "none", budget_by: "none", is_billable: false, starts_on: "2026-06-01", tasks: ["bizdev", "research", "meetings"], members: ["alex", "priya"] },
  { key: "ho-sup", client: "hooli", name: "Legacy Support", code: "HO-SUP", bill_by: "People", budget_by: "none", starts_on: "2025-06-01", ends_on: "2026-02-27", is_active: false, tasks: ["development", "devops", "meetings"], members: ["tom", "sam", "jonas"] },
];

export interface ExpenseCategorySeed {
  name: string;
  unit_name?: string;
  unit_price?: number;
  is_active?: boolean;
  /** Cost range of one expense, or units range for unit-priced categories. */
  range: [number, number];
  notes: string[];
}

export const EXPENSE_CATEGORIES: ExpenseCategorySeed[] = [
  { name: "Meals", range: [12, 85], notes: ["Lunch with client", "Team dinner during workshop", "Coffee meeting"] },
  { name: "Lodging", range: [120, 260], notes: ["Hotel for on-site workshop", "Hotel stay for kickoff"] },
  { name: "Transportation", range: [18, 420], notes: ["Flight to client site", "Train tickets", "Taxi from airport"] },
  { name: "Mileage", unit_name: "mile", unit_price: 0.7, range: [8, 140], notes: ["Drive to client office", "Site visit"] },
  { name: "Software", range: [9, 300], notes: ["Design tool license", "Cloud test environment", "Stock photos"] },
  { name: "Printing", is_active: false, range: [5, 60], notes: ["Printed workshop material"] },
];

export const INVOICE_ITEM_CATEGORIES: { name: string; use_as_service?: boolean; use_as_expense?: boolean }[] = [
  { name: "Service", use_as_service: true },
  { name: "Product", use_as_expense: true },
  { name: "Hosting" },
];

export const ESTIMATE_ITEM_CATEGORIES = ["Service", "Product"];
