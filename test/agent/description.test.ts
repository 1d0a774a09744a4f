/** The execute tool's description: complete, compact, within budget. */
import { describe, expect, it } from "vitest";
import { connect } from "../../src/index.js";

const HARVEST_BUDGET = 16_000;

describe("harvest_execute's description", () => {
  const harvest = connect("harvest");
  const description = harvest.tool().description;

  it(`covers the whole connector in at most ${HARVEST_BUDGET} characters`, () => {
    console.log(`harvest_execute description: ${description.length} characters`);
    expect(description.length).toBeLessThanOrEqual(HARVEST_BUDGET);
  });

  it("names every entity and every action", () => {
    const lines = description.split("\n");
    for (const { name, actions } of harvest.entities) {
      const at = lines.findIndex((line) => line.startsWith(`${name}: `));
      expect(at, name).toBeGreaterThan(-1);
      const signatures = lines[at + 1]!;
      for (const action of actions) expect(signatures, `${name}.${action}`).toMatch(new RegExp(`(^|\\s)${action}\\(`));
    }
  });

  it("marks required params, shows required enums and keeps the action's own params before shared ones", () => {
    expect(description).toContain("create(project_id*,task_id*,spent_date*,");
    expect(description).toContain("get(id*)");
    expect(description).toContain("bill_by*:Project|Tasks|People|none");
    expect(description).toMatch(/ list\(user_id,client_id,project_id,task_id,/);
  });

  it("says what the connector is for, its rules, and how pages, results and errors work", () => {
    expect(description.startsWith("Harvest (harvest): Harvest time tracking")).toBe(true);
    for (const rule of harvest.manifest.guidance!) expect(description).toContain(rule);
    expect(description).toContain('call again with {"cursor": meta.cursor}');
    expect(description).toMatch(/"all": true/);
    expect(description).toMatch(/"limit": N/);
    expect(description).toMatch(/"fields"/);
    expect(description).toContain("50000 characters");
    expect(description).toMatch(/Errors come back as text/);
  });

  it("fits a smaller budget by showing fewer optional params, never fewer actions", () => {
    const small = harvest.tool({ maxDescriptionChars: 9_000 }).description;
    expect(small.length).toBeLessThanOrEqual(9_000);
    expect(small).toContain("create(project_id*,task_id*,spent_date*");
    const count = (text: string) => (text.match(/\w\(/g) ?? []).length;
    expect(count(small)).toBe(count(description));
  });
});

describe("harvestapi_execute's description", () => {
  const description = connect("harvestapi").tool().description;

  it("shows what each action costs, with the params that change it", () => {
    expect(description).toMatch(/Costs \(USD\)/);
    expect(description).toContain("get(query,url,publicIdentifier,profileId,main,findEmail) $0.0064 (findEmail=true: $0.02, main=true: $0.004)");
    expect(description).toMatch(/lead_search\([^)]*\) \$0\.1/);
    expect(description).toMatch(/bulk_scrape\(urls\*,profileScraperMode\) \$0\.004 per item of urls .* billed by apify/);
  });

  it("leaves out the params that only select a page (a cursor carries them)", () => {
    expect(description).toContain("posts(profile*,postedLimit,scrapePostedLimit)");
  });
});
