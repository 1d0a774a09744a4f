/**
 * Harvest-shaped time entries (after the Harvest v2 reference and the sandbox's records): nested user, client, project,
 * task, user and task assignments and an external reference, about 1.1 KB of JSON each, varied by id.
 */
const USERS = ["Alex Morgan", "Sam Rivera", "Jordan Lee", "Casey Kim", "Riley Chen"];
const CLIENTS = ["Northwind Traders", "Contoso Ltd", "Fabrikam Inc", "Tailspin Toys"];
const PROJECTS = ["Website Redesign", "Mobile App", "Data Migration", "Brand Refresh", "Support Retainer", "API Integration"];
const TASKS = ["Design", "Development", "Meetings", "Project Management", "Testing", "Research"];
const NOTES = ["Retrospective", "Reviewed the checkout flow with the client and wrote up the changes", "Fixed pagination bug", "Sprint planning"];

const pick = (list, n) => list[n % list.length];
const stamp = (day, hour) => `2026-06-${String((day % 28) + 1).padStart(2, "0")}T${String(hour % 24).padStart(2, "0")}:10:00Z`;

export function timeEntry(id) {
  const day = id % 28;
  const running = id % 7 === 0;
  return {
    id,
    spent_date: `2026-06-${String(day + 1).padStart(2, "0")}`,
    user: { id: 1782810 + (id % 5), name: pick(USERS, id) },
    client: { id: 5735731 + (id % 4), name: pick(CLIENTS, id), currency: "USD" },
    project: { id: 14307905 + (id % 6), name: pick(PROJECTS, id), code: `P-${100 + (id % 6)}` },
    task: { id: 8083401 + (id % 6), name: pick(TASKS, id) },
    user_assignment: { id: 125068508 + (id % 5), is_project_manager: id % 5 === 0, is_active: true, budget: null, created_at: stamp(day, 11), updated_at: stamp(day, 11), hourly_rate: 160 },
    task_assignment: { id: 155502807 + (id % 6), billable: id % 3 !== 0, is_active: true, created_at: stamp(day, 11), updated_at: stamp(day, 11), hourly_rate: 120, budget: null },
    hours: Math.round(((id % 16) + 1) * 25) / 100,
    hours_without_timer: Math.round(((id % 16) + 1) * 25) / 100,
    rounded_hours: ((id % 16) + 1) / 4,
    notes: pick(NOTES, id),
    created_at: stamp(day, 15),
    updated_at: stamp(day, 16),
    is_locked: false,
    locked_reason: null,
    is_closed: false,
    is_billed: false,
    timer_started_at: running ? stamp(day, 15) : null,
    started_time: null,
    ended_time: null,
    is_running: running,
    invoice: null,
    external_reference: {
      id: String(1000 + (id % 900)),
      group_id: String(200 + (id % 40)),
      account_id: "1001",
      permalink: `https://github.com/example/app/issues/${1000 + (id % 900)}`,
      service: "github.com",
      service_icon_url: "https://proxy.harvestfiles.com/production_harvestapp_public/uploads/platform_icons/github.com.png",
    },
    billable: id % 3 !== 0,
    budgeted: true,
    billable_rate: id % 3 !== 0 ? 160 : null,
    cost_rate: 85,
  };
}
