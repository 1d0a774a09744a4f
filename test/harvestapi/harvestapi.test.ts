/** The harvestapi connector end to end: the interpreter against the HarvestAPI and Apify sandbox, in the process through its msw handlers. */
import { beforeEach, describe, expect, it } from "vitest";
import { AuthError, CreditsError, NotFoundError } from "../../src/errors.js";
import { connect, type ConnectOptions } from "../../src/runtime/connector.js";
import { HARVESTAPI_SANDBOX_FIXTURES as FIXTURES } from "../../src/sandbox/harvestapi/index.js";
import { mockDispatcher } from "../../src/sandbox/msw/dispatcher.js";
import { createSandbox, sandboxCredentials } from "../../src/sandbox/registry.js";

// test/sandbox covers the same handlers over loopback HTTP.
const sandbox = { harvestapi: createSandbox("harvestapi") };
beforeEach(() => sandbox.harvestapi.reset());

function harvestapi(options: ConnectOptions = {}, server = sandbox) {
  return connect("harvestapi", { dispatcher: mockDispatcher(server.harvestapi.handlers), credentials: sandboxCredentials("harvestapi").api_key, ...options });
}

const log = () => sandbox.harvestapi.stats.requestLog;
type Rec = Record<string, any>;

describe("every entity answers on the sandbox", () => {
  it("profiles: get (full, main, with email), search, lead search, posts, comments, reactions", async () => {
    const c = harvestapi();
    const profile = await c.execute<Rec>("profiles", "get", { publicIdentifier: FIXTURES.creator.publicIdentifier });
    expect(profile.data.firstName).toBe("Dana");
    expect(profile.meta.cost).toBe(0.0064);
    expect((await c.execute("profiles", "get", { url: FIXTURES.creator.linkedinUrl, main: true })).meta.cost).toBe(0.004);
    expect((await c.execute("profiles", "get", { url: FIXTURES.creator.linkedinUrl, main: true, findEmail: true })).meta.cost).toBe(0.02);
    expect((await c.execute<Rec[]>("profiles", "search", { search: "engineer" })).data.length).toBeGreaterThan(0);
    const leads = await c.execute<Rec[]>("profiles", "lead_search", { currentJobTitles: ["CTO", "VP Engineering"] });
    expect(leads.meta.cost).toBe(0.1);
    const lead = log().at(-1)!;
    expect(lead.query.currentJobTitles).toBe("CTO,VP Engineering");
    for (const action of ["posts", "comments", "reactions"]) {
      const result = await c.execute<Rec[]>("profiles", action, { profile: FIXTURES.creator.linkedinUrl });
      expect(result.data.length, action).toBeGreaterThan(0);
      expect(result.meta.has_more, action).toBe(true);
    }
  });

  it("profiles.get takes the API's own query identifier: a URL, public identifier or profile id", async () => {
    const c = harvestapi();
    const byName = await c.execute<Rec>("profiles", "get", { query: FIXTURES.creator.publicIdentifier, main: true });
    expect(log().at(-1)!.query).toMatchObject({ query: FIXTURES.creator.publicIdentifier, main: "true" });
    const byUrl = await c.execute<Rec>("profiles", "get", { query: FIXTURES.creator.linkedinUrl, main: true });
    const byId = await c.execute<Rec>("profiles", "get", { query: byName.data.id, main: true });
    expect([byName.data.firstName, byUrl.data.id, byId.data.publicIdentifier]).toEqual(["Dana", byName.data.id, FIXTURES.creator.publicIdentifier]);
  });

  it("sends a switch the API turns on by its presence (findEmail, under10Applicants) only when true", async () => {
    const c = harvestapi();
    const plain = await c.execute("profiles", "get", { query: FIXTURES.creator.publicIdentifier, findEmail: false });
    expect(log().at(-1)!.query).not.toHaveProperty("findEmail");
    expect(plain.meta.cost).toBe(0.0064);
    const withEmail = await c.execute("profiles", "get", { query: FIXTURES.creator.publicIdentifier, findEmail: true });
    expect(log().at(-1)!.query.findEmail).toBe("true");
    expect(withEmail.meta.cost).toBe(0.02);
    await c.execute("jobs", "search", { search: "engineer", under10Applicants: false, easyApply: false });
    expect(log().at(-1)!.query).not.toHaveProperty("under10Applicants");
    // easyApply=false means something (leave Easy Apply jobs out), so it is sent.
    expect(log().at(-1)!.query.easyApply).toBe("false");
  });

  it("companies, jobs, groups, services, geo and ads", async () => {
    const c = harvestapi();
    const company = await c.execute<Rec>("companies", "get", { universalName: FIXTURES.company.universalName });
    expect(company.data.name).toBe("Northwind Labs");
    expect((await c.execute<Rec[]>("companies", "search", { search: "labs" })).data.length).toBeGreaterThan(0);
    expect((await c.execute<Rec[]>("companies", "posts", { companyUniversalName: FIXTURES.company.universalName })).data.length).toBeGreaterThan(0);
    const jobs = await c.execute<Rec[]>("jobs", "search", { search: "engineer" });
    expect(jobs.meta.cost).toBe(0.001);
    expect((await c.execute<Rec>("jobs", "get", { jobId: String(jobs.data[0]!.id) })).data.id).toBe(jobs.data[0]!.id);
    const groups = await c.execute<Rec[]>("groups", "search", { search: "product" });
    expect(groups.meta.cost).toBe(0.002);
    expect((await c.execute<Rec>("groups", "get", { url: groups.data[0]!.linkedinUrl })).data).toBeTruthy();
    expect((await c.execute<Rec[]>("services", "search", { search: "design" })).data.length).toBeGreaterThan(0);
    const geo = await c.execute<Rec[]>("geo", "search", { search: "San Francisco" });
    expect(geo.data.length).toBeGreaterThan(0);
    expect(geo.meta.cost).toBeUndefined();
    const ads = await c.execute<Rec[]>("ads", "search", { accountOwner: "Northwind Labs" });
    expect(ads.meta.cost).toBe(0.0016);
    expect((await c.execute<Rec>("ads", "get", { adId: String(ads.data[0]!.id) })).data).toBeTruthy();
  });

  it("posts: get, search, comments, reactions, comment replies, comment reactions", async () => {
    const c = harvestapi();
    const posts = await c.execute<Rec[]>("profiles", "posts", { profile: FIXTURES.creator.linkedinUrl });
    const postUrl = posts.data[0]!.linkedinUrl as string;
    expect((await c.execute<Rec>("posts", "get", { url: postUrl })).data).toBeTruthy();
    expect((await c.execute<Rec[]>("posts", "search", { search: "the" })).data.length).toBeGreaterThan(0);
    const comments = await c.execute<Rec[]>("posts", "comments", { post: postUrl });
    expect(comments.data.length).toBeGreaterThan(0);
    expect((await c.execute<Rec[]>("posts", "reactions", { post: postUrl })).data.length).toBeGreaterThan(0);
    const commentUrl = comments.data[0]!.linkedinUrl as string;
    expect((await c.execute<Rec[]>("posts", "comment_replies", { url: commentUrl })).data.length).toBeGreaterThan(0);
    expect((await c.execute<Rec[]>("posts", "comment_reactions", { url: commentUrl })).data.length).toBeGreaterThan(0);
  });

  it("account: my API user and private pools, free of charge", async () => {
    const me = await harvestapi().execute<Rec>("account", "me");
    expect(me.data.balance).toBe(10);
    expect(me.meta.cost).toBeUndefined();
    expect(Array.isArray((await harvestapi().execute("account", "private_pools")).data)).toBe(true);
    expect(sandbox.harvestapi.balance()).toBe(10);
  });
});

describe("credits", () => {
  it("bills every call, the balance goes down, and a miss (HTTP 200, status 404) is a NotFoundError", async () => {
    const c = harvestapi();
    await c.execute("profiles", "get", { publicIdentifier: FIXTURES.creator.publicIdentifier });
    const miss = await c.execute("profiles", "get", { publicIdentifier: "nobody-at-all-xyz" }).catch((e) => e);
    expect(miss).toBeInstanceOf(NotFoundError);
    expect(miss.code).toBe("E_NOT_FOUND");
    expect(sandbox.harvestapi.balance()).toBeCloseTo(10 - 0.0064 * 2, 6);
  });

  it("refuses a lead search walk over budget and sends nothing", async () => {
    const error = await harvestapi().execute("profiles", "lead_search", { currentJobTitles: ["CTO"] }, { all: true, budget: 1 }).catch((e) => e);
    expect(error).toBeInstanceOf(CreditsError);
    expect(error.message).toContain("over the budget of $1; nothing was sent");
    expect(log()).toHaveLength(0);
  });

  it("stays within budget with limit and reports what it spent", async () => {
    const result = await harvestapi().execute<Rec[]>("profiles", "lead_search", { currentJobTitles: ["CTO"] }, { limit: 30, budget: 0.2 });
    expect(result.data).toHaveLength(30);
    expect(result.meta.cost).toBe(0.2);
    expect(sandbox.harvestapi.stats.spentUsd).toBeCloseTo(0.2, 6);
  });

  it("fails early with the balance when a pre-flight shows it cannot cover the call", async () => {
    sandbox.harvestapi.setBalance(0.05);
    const error = await harvestapi({ preflight: true }).execute("profiles", "lead_search", { currentJobTitles: ["CTO"] }).catch((e) => e);
    expect(error).toBeInstanceOf(CreditsError);
    expect(error).toMatchObject({ balance: 0.05, cost: 0.1 });
    expect(log().map((r) => r.path)).toEqual(["/users/my-api-user"]);
  });

  it("turns an exhausted balance into CreditsError with the API's message", async () => {
    sandbox.harvestapi.setBalance(0.001);
    const error = await harvestapi().execute("profiles", "get", { publicIdentifier: FIXTURES.creator.publicIdentifier }).catch((e) => e);
    expect(error).toBeInstanceOf(CreditsError);
    expect(error.message).toContain("Not enough credits");
  });
});

describe("pagination", () => {
  it("walks profile comments to the end, carrying the paginationToken to later pages", async () => {
    const result = await harvestapi().execute<Rec[]>("profiles", "comments", { profile: FIXTURES.creator.linkedinUrl }, { all: true });
    expect(result.data).toHaveLength(55);
    expect(result.meta.pages).toBe(3);
    const pages = log().filter((r) => r.path === "/linkedin/profile-comments");
    expect(pages[0]!.query.paginationToken).toBeUndefined();
    expect(pages.slice(1).every((p) => p.query.paginationToken && p.query.profile === FIXTURES.creator.linkedinUrl)).toBe(true);
  });

  it("walks comment replies by paginationToken alone", async () => {
    const c = harvestapi();
    const posts = await c.execute<Rec[]>("profiles", "posts", { profile: FIXTURES.creator.linkedinUrl });
    const comments = await c.execute<Rec[]>("posts", "comments", { post: posts.data[0]!.linkedinUrl });
    const replies = await c.execute<Rec[]>("posts", "comment_replies", { url: comments.data[0]!.linkedinUrl }, { all: true });
    expect(replies.data).toHaveLength(25);
    const requests = log().filter((r) => r.path === "/linkedin/post-comment-replies");
    expect(requests.length).toBeGreaterThan(1);
    expect(requests.every((r) => r.query.page === undefined)).toBe(true);
  });
});

describe("the LinkedIn session (li_at)", () => {
  it("sends a connection request, lists and accepts invitations, and messages a connection", async () => {
    const c = harvestapi();
    const sent = await c.execute("connections", "send_request", { profile: FIXTURES.creator.linkedinUrl });
    expect(sent.meta.status).toBe(200);
    expect(log().at(-1)!.query.cookie).toBe("sandbox-li-at-cookie");
    const received = await c.execute<Rec[]>("connections", "list_received");
    const invitation = received.data[0]!;
    await c.execute("connections", "accept", { invitationId: String(invitation.invitationId), sharedSecret: String(invitation.sharedSecret) });
    const message = await c.execute("messages", "send", { recipientProfile: invitation.sender.linkedinUrl, message: "Thanks for connecting!" });
    expect(message.meta.status).toBe(200);
  });

  it("refuses, sending nothing, when li_at is missing, naming it", async () => {
    const error = await harvestapi({ credentials: { api_key: "sandbox-harvestapi-key" } }).execute("messages", "send", { recipientProfile: "x", message: "hi" }).catch((e) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error.credentials).toEqual(["li_at"]);
    // Credentials given explicitly: named by field, since no variable is read.
    expect(error.message).toContain('also needs the "li_at" credential');
    expect(log()).toHaveLength(0);
  });

  it("says the LinkedIn session must be renewed when li_at expired, unlike a bad API key", async () => {
    sandbox.harvestapi.expireLiAt();
    const expired = await harvestapi().execute("connections", "list_sent").catch((e) => e);
    expect(expired).toBeInstanceOf(AuthError);
    expect(expired).toMatchObject({ reason: "expired", credentials: ["li_at"] });
    expect(expired.message).toContain("must be renewed");
    const badKey = await harvestapi({ credentials: { api_key: "wrong-key-value", li_at: "sandbox-li-at-cookie" } }).execute("connections", "list_sent").catch((e) => e);
    expect(badKey).toBeInstanceOf(AuthError);
    expect(badKey.credentials).toEqual(["api_key"]);
    expect(badKey.message).not.toContain("must be renewed");
    expect(`${expired.message}${badKey.message}${JSON.stringify([expired, badKey])}`).not.toMatch(/sandbox-li-at-cookie|wrong-key-value/);
  });
});

describe("Apify bulk scrape", () => {
  it("runs the actor with the Apify token only, billed by Apify", async () => {
    const urls = [FIXTURES.creator.linkedinUrl, FIXTURES.self.linkedinUrl];
    const c = harvestapi();
    expect(c.estimate("profiles", "bulk_scrape", { urls })).toMatchObject({ amount: 0.008, billed_by: "apify" });
    const result = await c.execute<Rec[]>("profiles", "bulk_scrape", { urls });
    expect(result.data).toHaveLength(2);
    expect(result.meta).toMatchObject({ billed_by: "apify", cost: 0.008 });
    const request = log().at(-1)!;
    expect(request.host).toBe("apify");
    expect(request.headers["x-api-key"]).toBeUndefined();
    expect(request.query.token).toBe("sandbox-apify-token");
    expect(sandbox.harvestapi.balance()).toBe(10);
  });

  it("needs APIFY_TOKEN", async () => {
    const error = await harvestapi({ credentials: undefined, env: { HARVESTAPI_API_KEY: "k" } }).execute("profiles", "bulk_scrape", { urls: ["u"] }).catch((e) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toContain("APIFY_TOKEN");
  });
});

describe("concurrency", () => {
  it("never has more requests in flight than the plan allows", async () => {
    const slow = { harvestapi: createSandbox("harvestapi", { latencyMs: 30, concurrency: 2, queueSize: 0 }) };
    const c = harvestapi({ concurrency: 2 }, slow);
    const results = await Promise.all(Array.from({ length: 8 }, () => c.execute("geo", "search", { search: "Paris" })));
    expect(results).toHaveLength(8);
    expect(slow.harvestapi.stats.maxInFlight).toBe(2);
    expect(slow.harvestapi.stats.requests).toBe(8);
  });
});

describe("the embedded sandbox", () => {
  it('works with connect("harvestapi", { sandbox: true })', async () => {
    const result = await connect("harvestapi", { sandbox: true }).execute<Rec>("companies", "get", { universalName: FIXTURES.company.universalName });
    expect(result.data.name).toBe("Northwind Labs");
  });
});
