/** The HarvestAPI sandbox over loopback: auth, envelopes, billing, LinkedIn sessions, connections, pagination, concurrency, Apify, reset. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { HARVESTAPI_SANDBOX_FIXTURES as FIXTURES } from "../../src/sandbox/harvestapi/index.js";
import { startSandbox, type SandboxServer } from "../../src/sandbox/server.js";

const API_KEY = "sandbox-harvestapi-key";
const LI_AT = "sandbox-li-at-cookie";
const APIFY_TOKEN = "sandbox-apify-token";
const ACTOR = "harvestapi~linkedin-profile-scraper";
const NO_EMAIL = "Profile details no email ($4 per 1k)";
const WITH_EMAIL = "Profile details + email search ($10 per 1k)";

let sandbox: SandboxServer;
let api: string;
let apify: string;

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

async function send(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, init);
  return { status: response.status, headers: response.headers, body: await response.json() };
}

/** Every HarvestAPI parameter goes in the query string, POST included. */
function call(method: string, path: string, params: Record<string, string> = {}, headers: Record<string, string> = { "X-API-Key": API_KEY }): Promise<Answer> {
  const query = new URLSearchParams(params).toString();
  return send(`${api}${path}${query ? `?${query}` : ""}`, { method, headers });
}

const get = (path: string, params?: Record<string, string>) => call("GET", path, params);
const post = (path: string, params?: Record<string, string>) => call("POST", path, params);

/** `token: null` sends none. */
function runActor(input: unknown, token: string | null = APIFY_TOKEN): Promise<Answer> {
  const query = token === null ? "" : `?token=${encodeURIComponent(token)}`;
  return send(`${apify}/acts/${ACTOR}/run-sync-get-dataset-items${query}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(input),
  });
}

beforeAll(async () => {
  sandbox = await startSandbox();
  api = sandbox.connectors.harvestapi!.baseUrl;
  apify = sandbox.connectors.harvestapi!.hosts.apify!;
});

afterAll(() => sandbox.close());

beforeEach(() => sandbox.harvestapi.reset());

describe("connector info", () => {
  it("describes both hosts and the fixed credentials", () => {
    expect(sandbox.connectors.harvestapi).toEqual({
      baseUrl: `${sandbox.url}/harvestapi`,
      hosts: { apify: `${sandbox.url}/apify/v2` },
      credentials: { api_key: { api_key: API_KEY, li_at: LI_AT, apify_token: APIFY_TOKEN } },
      tokenUrl: undefined,
      authorizeUrl: undefined,
      accounts: {},
    });
  });
});

describe("authentication", () => {
  it("answers a missing or wrong X-API-Key with HarvestAPI's 401 body, unbilled", async () => {
    for (const headers of [{}, { "X-API-Key": "wrong" }] as Array<Record<string, string>>) {
      const answer = await call("GET", "/linkedin/profile", { publicIdentifier: FIXTURES.creator.publicIdentifier }, headers);
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ error: { error: "Invalid API key" } });
      expect(answer.headers.get("x-request-id")).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(sandbox.harvestapi.balance()).toBe(10);
    expect(sandbox.harvestapi.stats.requests).toBe(2);
  });

  it("answers an unknown route like HarvestAPI's NestJS server", async () => {
    const answer = await get("/linkedin/nope");
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ message: "Cannot GET /linkedin/nope", error: "Not Found", statusCode: 404 });
  });
});

describe("envelopes", () => {
  it("wraps one record in { element, status, error, query, cost, payments }", async () => {
    const answer = await get("/linkedin/profile", { url: FIXTURES.creator.linkedinUrl });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      status: 200,
      error: null,
      query: { url: FIXTURES.creator.linkedinUrl },
      cost: 0.0064,
      payments: ["profile"],
      requestId: answer.headers.get("x-request-id"),
      user: { membershipTier: "Sandbox", requestsConcurrency: 5 },
    });
    const element = answer.body.element;
    expect(answer.body.entityId).toBe(element.id);
    expect(element).toMatchObject({ publicIdentifier: "dana-whitfield", firstName: "Dana", lastName: "Whitfield", emails: [] });
    expect(element.id).toMatch(/^ACoAA/);
    expect(element.experience.length).toBeGreaterThan(0);
    expect(element.location.parsed.countryCode).toMatch(/^[A-Z]{2}$/);
  });

  it("finds a profile by URL, public identifier or member id alike", async () => {
    const byUrl = await get("/linkedin/profile", { url: FIXTURES.creator.linkedinUrl });
    const byId = await get("/linkedin/profile", { profileId: byUrl.body.element.id });
    const byIdentifier = await get("/linkedin/profile", { publicIdentifier: FIXTURES.creator.publicIdentifier });
    expect(byId.body.element).toEqual(byUrl.body.element);
    expect(byIdentifier.body.element).toEqual(byUrl.body.element);
  });

  it("wraps lists in { elements, pagination, status, error, query, cost }", async () => {
    const answer = await get("/linkedin/profile-search", { search: "engineer", page: "2" });
    expect(answer.body).toMatchObject({ status: 200, error: null, query: { search: "engineer", page: "2" }, cost: 0.004 });
    expect(answer.body.pagination).toMatchObject({ pageNumber: 2, pageSize: 10, previousElements: 10, paginationToken: null });
    expect(answer.body.pagination.totalPages).toBeGreaterThanOrEqual(3);
    expect(answer.body.elements).toHaveLength(10);
    expect(answer.body.elements[0]).toEqual(expect.objectContaining({ publicIdentifier: expect.any(String), name: expect.any(String), linkedinUrl: expect.any(String) }));
  });

  it("never echoes the li_at cookie back", async () => {
    const answer = await get("/linkedin/sent-connections", { cookie: LI_AT });
    expect(answer.status).toBe(200);
    expect(answer.body.query).toEqual({});
    expect(JSON.stringify(answer.body)).not.toContain(LI_AT);
  });

  it("reports a miss as HTTP 200 with status 404, and still bills it", async () => {
    const answer = await get("/linkedin/profile", { url: "https://www.linkedin.com/in/nobody-here-123" });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ element: null, status: 404, error: "Not found", cost: 0.0064 });
    expect(sandbox.harvestapi.balance()).toBeCloseTo(10 - 0.0064, 10);

    const comments = await get("/linkedin/post-comments", { post: "https://www.linkedin.com/feed/update/urn:li:activity:7000000000000000000/" });
    expect(comments.body).toMatchObject({ elements: [], status: 404, error: "Not found", cost: 0.004 });
  });

  it("bills an empty result like any other", async () => {
    const answer = await get("/linkedin/company-search", { search: "no such company anywhere" });
    expect(answer.body).toMatchObject({ elements: [], status: 200, cost: 0.004 });
    expect(answer.body.pagination.totalElements).toBe(0);
  });

  it("refuses a request without its required parameter with a 400, unbilled", async () => {
    const answer = await get("/linkedin/post");
    expect(answer.status).toBe(400);
    expect(answer.body.error.error).toContain("url");
    expect(sandbox.harvestapi.balance()).toBe(10);
  });

  it("reads parameters from the query string only, even on POST", async () => {
    const answer = await send(`${api}/linkedin/send-connection?cookie=${LI_AT}`, {
      method: "POST",
      headers: { "X-API-Key": API_KEY, "Content-Type": "application/json" },
      body: JSON.stringify({ profile: FIXTURES.creator.linkedinUrl }),
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.error).toContain("profile");
    expect(sandbox.harvestapi.stats.requestLog.at(-1)!.body).toEqual({ profile: FIXTURES.creator.linkedinUrl });
  });
});

describe("every /linkedin endpoint", () => {
  it("answers with seeded data", async () => {
    const creator = (await get("/linkedin/profile", { publicIdentifier: "dana-whitfield" })).body.element;
    const [latest] = (await get("/linkedin/profile-posts", { profile: creator.linkedinUrl })).body.elements;
    const [topComment] = (await get("/linkedin/post-comments", { post: latest.linkedinUrl })).body.elements;
    const [job] = (await get("/linkedin/job-search", { search: "engineer" })).body.elements;
    const [group] = (await get("/linkedin/group-search", { search: "founders" })).body.elements;
    const [advert] = (await get("/linkedin/ad-search", { accountOwner: "Northwind" })).body.elements;
    const [berlin] = (await get("/linkedin/geo-id-search", { search: "Berlin" })).body.elements;
    const calls: Array<[string, Record<string, string>]> = [
      ["/linkedin/profile-search", { currentCompany: FIXTURES.company.linkedinUrl, geoId: berlin.geoId }],
      ["/linkedin/lead-search", { currentJobTitles: "CTO,CEO", locations: "United States" }],
      ["/linkedin/service-search", { search: "coaching" }],
      ["/linkedin/profile-comments", { profile: creator.id }],
      ["/linkedin/profile-reactions", { profile: creator.publicIdentifier }],
      ["/linkedin/company", { url: FIXTURES.company.linkedinUrl }],
      ["/linkedin/company", { search: "northwind" }],
      ["/linkedin/company-search", { search: "labs", companySize: "1-10,11-50,51-200,201-500,501-1000,1001-5000,5001-10000,10001+" }],
      ["/linkedin/company-posts", { companyUniversalName: FIXTURES.company.universalName }],
      ["/linkedin/job", { jobId: job.id }],
      ["/linkedin/job", { url: job.url }],
      ["/linkedin/post", { url: latest.linkedinUrl }],
      ["/linkedin/post-search", { search: "hiring", sortBy: "date" }],
      ["/linkedin/post-reactions", { post: latest.linkedinUrl }],
      ["/linkedin/post-comment-replies", { url: topComment.linkedinUrl }],
      ["/linkedin/comment-reactions", { url: topComment.linkedinUrl }],
      ["/linkedin/group", { url: group.linkedinUrl }],
      ["/linkedin/ad", { adId: advert.id }],
      ["/linkedin/received-connections", { cookie: LI_AT }],
    ];
    for (const [path, params] of calls) {
      const answer = await get(path, params);
      expect({ path, status: answer.status, body: answer.body.status }).toEqual({ path, status: 200, body: 200 });
      const found = answer.body.element ?? answer.body.elements;
      expect(Array.isArray(found) ? found.length : Object.keys(found).length, path).toBeGreaterThan(0);
    }
    expect(berlin.title).toBe("Berlin, Berlin, Germany");
  });

  it("filters lead search by several comma-separated facets at once", async () => {
    const { body } = await get("/linkedin/lead-search", { currentJobTitles: "CTO,CEO", companyHeadcount: "B,C,D", excludeLocations: "Germany" });
    expect(body.elements.length).toBeGreaterThan(0);
    for (const lead of body.elements) {
      expect(["CTO", "CEO"]).toContain(lead.currentPositions[0].title);
      expect(lead.location.linkedinText).not.toContain("Germany");
    }
  });
});

describe("costs and balance", () => {
  it("charges each kind of request its price and lowers the balance by it", async () => {
    const prices: Array<[string, Record<string, string>, number]> = [
      ["/linkedin/profile", { publicIdentifier: "dana-whitfield" }, 0.0064],
      ["/linkedin/profile", { publicIdentifier: "dana-whitfield", main: "true" }, 0.004],
      ["/linkedin/profile", { publicIdentifier: "dana-whitfield", findEmail: "true" }, 0.02],
      ["/linkedin/lead-search", { currentJobTitles: "CTO" }, 0.1],
      ["/linkedin/job-search", { search: "engineer" }, 0.001],
      ["/linkedin/ad-search", { keyword: "data" }, 0.0016],
      ["/linkedin/group-search", { search: "tech" }, 0.002],
      ["/linkedin/geo-id-search", { search: "London" }, 0],
      ["/linkedin/company", { universalName: "northwind-labs" }, 0.004],
    ];
    let total = 0;
    for (const [path, params, price] of prices) {
      const before = sandbox.harvestapi.balance();
      const answer = await get(path, params);
      expect({ path, params, cost: answer.body.cost }).toEqual({ path, params, cost: price });
      expect(sandbox.harvestapi.balance()).toBeCloseTo(before - price, 10);
      total += price;
    }
    expect(sandbox.harvestapi.stats.spentUsd).toBeCloseTo(total, 10);
  });

  it("finds the email only with findEmail, and trims sections with main=true", async () => {
    const full = (await get("/linkedin/profile", { publicIdentifier: "dana-whitfield" })).body.element;
    const main = (await get("/linkedin/profile", { publicIdentifier: "dana-whitfield", main: "true" })).body.element;
    const withEmail = (await get("/linkedin/profile", { publicIdentifier: "dana-whitfield", findEmail: "true" })).body.element;
    expect(full.emails).toEqual([]);
    expect(withEmail.emails[0]).toMatchObject({ email: expect.stringContaining("@"), deliverable: true });
    expect(main.skills.length).toBeLessThanOrEqual(2);
    expect(main.experience.length).toBeLessThanOrEqual(5);
    expect(full.skills.length).toBeGreaterThan(main.skills.length);
  });

  it("reports the account for free", async () => {
    await get("/linkedin/company", { universalName: "northwind-labs" });
    const user = await get("/users/my-api-user");
    expect(user.body).toMatchObject({ balance: 9.996, plan: "Sandbox", concurrency: 5, email: expect.stringContaining("@") });
    const pools = await get("/users/my-private-account-pools");
    expect(pools.body.elements.length).toBeGreaterThan(0);
    expect(pools.body.cost).toBe(0);
    expect(sandbox.harvestapi.balance()).toBeCloseTo(9.996, 10);
  });

  it("answers 402 when the balance cannot cover a request, and bills nothing", async () => {
    sandbox.harvestapi.setBalance(0.005);
    const refused = await get("/linkedin/profile", { publicIdentifier: "dana-whitfield" });
    expect(refused.status).toBe(402);
    expect(refused.body.error).toMatchObject({ balance: 0.005, cost: 0.0064 });
    expect(refused.body.error.error).toMatch(/not enough credits/i);
    expect(sandbox.harvestapi.balance()).toBe(0.005);

    const cheaper = await get("/linkedin/profile", { publicIdentifier: "dana-whitfield", main: "true" });
    expect(cheaper.status).toBe(200);
    expect(sandbox.harvestapi.balance()).toBeCloseTo(0.001, 10);
    expect((await get("/linkedin/geo-id-search", { search: "Paris" })).status).toBe(200);
  });
});

describe("LinkedIn session (li_at)", () => {
  it("requires the cookie on connection and message endpoints", async () => {
    const answer = await get("/linkedin/received-connections");
    expect(answer.status).toBe(400);
    expect(answer.body.error.error).toMatch(/cookie is required/);
  });

  it("answers an invalid or expired li_at with a 401 that names the LinkedIn session, not the API key", async () => {
    const wrong = await get("/linkedin/sent-connections", { cookie: "not-the-cookie" });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ error: { error: "LinkedIn session expired: li_at cookie is invalid" } });

    expect((await get("/linkedin/sent-connections", { cookie: `li_at=${LI_AT}; JSESSIONID="ajax:123"` })).status).toBe(200);
    sandbox.harvestapi.expireLiAt();
    const expired = await get("/linkedin/sent-connections", { cookie: LI_AT });
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual(wrong.body);
    expect(expired.body).not.toEqual({ error: { error: "Invalid API key" } });
    expect(sandbox.harvestapi.balance()).toBeCloseTo(10 - 0.004, 10);

    sandbox.harvestapi.reset();
    expect((await get("/linkedin/sent-connections", { cookie: LI_AT })).status).toBe(200);
  });
});

describe("connections and messages", () => {
  it("accepts a received invitation, after which the sender can be messaged", async () => {
    const received = await get("/linkedin/received-connections", { cookie: LI_AT });
    expect(received.body.element.myProfile).toMatchObject({ firstName: FIXTURES.self.firstName, lastName: FIXTURES.self.lastName });
    const [invitation, ...others] = received.body.element.receivedInvitations;
    expect(invitation).toMatchObject({ invitationId: expect.any(String), sharedSecret: expect.any(String), sender: { linkedinUrl: expect.any(String) } });
    const message = { recipientProfile: invitation.sender.linkedinUrl, message: "Thanks for connecting!", cookie: LI_AT };

    const refused = await post("/linkedin/send-message", message);
    expect(refused.status).toBe(400);
    expect(refused.body.error.error).toMatch(/first-degree connections/);

    const badSecret = await post("/linkedin/accept-connection", { invitationId: invitation.invitationId, sharedSecret: "nope", cookie: LI_AT });
    expect(badSecret.status).toBe(400);

    const accepted = await post("/linkedin/accept-connection", { invitationId: invitation.invitationId, sharedSecret: invitation.sharedSecret, cookie: LI_AT });
    expect(accepted.status).toBe(200);
    expect(accepted.body.element.connectedMember).toBe(`urn:li:fsd_profile:${invitation.sender.id}`);
    expect((await get("/linkedin/received-connections", { cookie: LI_AT })).body.element.receivedInvitations).toEqual(others);

    const sent = await post("/linkedin/send-message", message);
    expect(sent.status).toBe(200);
    expect(sent.body.element.body.text).toBe("Thanks for connecting!");
    expect(sent.body.cost).toBe(0.004);
  });

  it("sends a connection request that then shows among the sent invitations", async () => {
    const before = (await get("/linkedin/sent-connections", { cookie: LI_AT })).body.element.sentInvitations;
    const sent = await post("/linkedin/send-connection", { profile: FIXTURES.creator.linkedinUrl, cookie: LI_AT });
    expect(sent.body.element.connectionId).toEqual(expect.any(String));
    const after = (await get("/linkedin/sent-connections", { cookie: LI_AT })).body.element.sentInvitations;
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)).toMatchObject({ invitationId: sent.body.element.connectionId, firstName: "Dana", lastName: "Whitfield" });

    const again = await post("/linkedin/send-connection", { profile: FIXTURES.creator.linkedinUrl, cookie: LI_AT });
    expect(again.status).toBe(400);
    expect(again.body.error.error).toMatch(/already pending/);
  });
});

describe("pagination", () => {
  it("walks a profile's comments with the paginationToken from page 1; page 2 without it is a 422", async () => {
    const profile = FIXTURES.creator.linkedinUrl;
    const first = await get("/linkedin/profile-comments", { profile });
    expect(first.body.pagination).toMatchObject({ pageNumber: 1, totalPages: 3, totalElements: 55 });
    const token = first.body.pagination.paginationToken;
    expect(token).toEqual(expect.any(String));

    const withoutToken = await get("/linkedin/profile-comments", { profile, page: "2" });
    expect(withoutToken.status).toBe(422);
    expect(withoutToken.body.error.error).toMatch(/paginationToken is required/);
    const foreignToken = (await get("/linkedin/profile-reactions", { profile })).body.pagination.paginationToken;
    expect((await get("/linkedin/profile-comments", { profile, page: "2", paginationToken: foreignToken })).status).toBe(422);

    const ids = first.body.elements.map((comment: { id: string }) => comment.id);
    for (let page = 2; page <= first.body.pagination.totalPages; page += 1) {
      const next = await get("/linkedin/profile-comments", { profile, page: String(page), paginationToken: token });
      expect(next.body.pagination.pageNumber).toBe(page);
      ids.push(...next.body.elements.map((comment: { id: string }) => comment.id));
    }
    expect(new Set(ids).size).toBe(55);
  });

  it("walks comment replies and ad search by paginationToken alone", async () => {
    const [latest] = (await get("/linkedin/profile-posts", { profile: FIXTURES.creator.publicIdentifier })).body.elements;
    const [topComment] = (await get("/linkedin/post-comments", { post: latest.linkedinUrl })).body.elements;
    for (const [path, params, expected] of [
      ["/linkedin/post-comment-replies", { url: topComment.linkedinUrl }, 25],
      ["/linkedin/ad-search", { accountOwner: FIXTURES.company.name }, 15],
    ] as const) {
      const seen: string[] = [];
      let token: string | null = null;
      let pages = 0;
      do {
        const answer: Answer = await get(path, { ...params, ...(token ? { paginationToken: token } : {}) });
        seen.push(...answer.body.elements.map((element: { id: string }) => element.id));
        token = answer.body.pagination.paginationToken;
        pages += 1;
      } while (token);
      expect({ path, items: new Set(seen).size, pages: pages >= 2 }).toEqual({ path, items: expected, pages: true });
    }
  });

  it("serves page 1 again for a post listing asked for page 2 without its token, as LinkedIn does", async () => {
    const profile = FIXTURES.creator.publicIdentifier;
    const first = await get("/linkedin/profile-posts", { profile });
    const blind = await get("/linkedin/profile-posts", { profile, page: "2" });
    expect(blind.body.pagination.pageNumber).toBe(1);
    expect(blind.body.elements).toEqual(first.body.elements);
    const second = await get("/linkedin/profile-posts", { profile, page: "2", paginationToken: first.body.pagination.paginationToken });
    expect(second.body.pagination.pageNumber).toBe(2);
    expect(second.body.elements[0].id).not.toBe(first.body.elements[0].id);
  });

  it("stops lead search at page 100 (about 25 leads a page), clamping later pages", async () => {
    const first = await get("/linkedin/lead-search");
    expect(first.body.pagination).toMatchObject({ totalPages: 100, pageSize: 25, pageNumber: 1 });
    expect(first.body.pagination.totalElements).toBeGreaterThan(2500);
    const past = await get("/linkedin/lead-search", { page: "150" });
    expect(past.body.pagination.pageNumber).toBe(100);
    expect(past.body.elements).toHaveLength(25);
    expect(past.body.cost).toBe(0.1);
  });
});

describe("concurrency", () => {
  it("serves `concurrency` requests at once, queues `queueSize` more and refuses the rest with 429", async () => {
    const busy = await startSandbox({ harvestapi: { concurrency: 2, queueSize: 1, latencyMs: 150 } });
    try {
      const url = `${busy.connectors.harvestapi!.baseUrl}/linkedin/geo-id-search?search=London`;
      const answers = await Promise.all(Array.from({ length: 6 }, () => fetch(url, { headers: { "X-API-Key": API_KEY } })));
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
      const refused = answers.find((answer) => answer.status === 429)!;
      expect(refused.headers.get("retry-after")).toBe("1");
      expect((await refused.json()).error.error).toMatch(/concurren/i);
      expect(busy.harvestapi.stats.maxInFlight).toBe(2);
    } finally {
      await busy.close();
    }
  });
});

describe("Apify bulk profile scraper", () => {
  it("returns one dataset item per URL with 201, billed to Apify rather than the HarvestAPI balance", async () => {
    const unknown = "https://www.linkedin.com/in/nobody-here-123";
    const answer = await runActor({ urls: [FIXTURES.creator.linkedinUrl, unknown], profileScraperMode: NO_EMAIL });
    expect(answer.status).toBe(201);
    expect(answer.body).toHaveLength(2);
    expect(answer.body[0]).toMatchObject({ publicIdentifier: "dana-whitfield", emails: [] });
    expect(answer.body[1]).toMatchObject({ error: expect.any(String), query: { url: unknown } });
    expect(sandbox.harvestapi.balance()).toBe(10);
    expect(sandbox.harvestapi.stats.apifyRequests).toBe(1);
    expect(sandbox.harvestapi.stats.requestLog[0]).toMatchObject({ host: "apify", method: "POST", query: { token: APIFY_TOKEN } });

    const withEmail = await runActor({ urls: [FIXTURES.creator.linkedinUrl], profileScraperMode: WITH_EMAIL });
    expect(withEmail.body[0].emails[0].email).toContain("@");
  });

  it("accepts the token as a bearer header too", async () => {
    const answer = await send(`${apify}/acts/${ACTOR}/run-sync-get-dataset-items`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${APIFY_TOKEN}` },
      body: JSON.stringify({ urls: [FIXTURES.creator.linkedinUrl] }),
    });
    expect(answer.status).toBe(201);
  });

  it("refuses a wrong or missing token with Apify's 401, and bad input with its 400", async () => {
    for (const token of ["wrong", null]) {
      const answer = await runActor({ urls: [FIXTURES.creator.linkedinUrl] }, token);
      expect(answer.status).toBe(401);
      expect(answer.body.error.type).toBe("token-not-valid");
    }
    const noUrls = await runActor({ profileScraperMode: NO_EMAIL });
    expect(noUrls.status).toBe(400);
    expect(noUrls.body.error).toMatchObject({ type: "invalid-input", message: expect.stringContaining("urls") });
    const badMode = await runActor({ urls: [FIXTURES.creator.linkedinUrl], profileScraperMode: "Everything ($1 per 1k)" });
    expect(badMode.status).toBe(400);
    expect(badMode.body.error.message).toContain("profileScraperMode");
  });
});

describe("reset", () => {
  it("restores the seeded network, the balance, the li_at session and the stats", async () => {
    const invitation = (await get("/linkedin/received-connections", { cookie: LI_AT })).body.element.receivedInvitations[0];
    await post("/linkedin/accept-connection", { invitationId: invitation.invitationId, sharedSecret: invitation.sharedSecret, cookie: LI_AT });
    sandbox.harvestapi.setBalance(1);
    sandbox.harvestapi.expireLiAt();
    await runActor({ urls: [FIXTURES.creator.linkedinUrl] });

    sandbox.harvestapi.reset();
    expect(sandbox.harvestapi.balance()).toBe(10);
    expect(sandbox.harvestapi.stats).toEqual({ requests: 0, apifyRequests: 0, spentUsd: 0, maxInFlight: 0, requestLog: [] });
    const again = await get("/linkedin/received-connections", { cookie: LI_AT });
    expect(again.status).toBe(200);
    expect(again.body.element.receivedInvitations[0]).toEqual(invitation);
  });
});
