/** `connectors sandbox`: every variable a user needs to reach it, and the README's copies of them. */
import { describe, expect, it } from "vitest";
import { readmeBlock } from "../package/readme.js";
import { run, withCliSandbox } from "./run.js";

describe.concurrent("connectors sandbox", () => {
  it("prints where each API is, the OAuth token and consent URLs, each auth variant's credentials and the other accounts", async () => {
    await withCliSandbox(async (env) => {
      expect(Object.keys(env).sort()).toEqual(
        [
          ...["CONNECTORS_HARVEST_BASE_URL", "CONNECTORS_HARVEST_TOKEN_URL", "CONNECTORS_HARVEST_AUTHORIZE_URL", "CONNECTORS_HARVEST_ID_BASE_URL"],
          ...["HARVEST_ACCESS_TOKEN", "HARVEST_ACCOUNT_ID", "HARVEST_CLIENT_ID", "HARVEST_CLIENT_SECRET", "HARVEST_REFRESH_TOKEN"],
          ...["HARVEST_ACCESS_TOKEN_MEMBER", "HARVEST_ACCOUNT_ID_MEMBER"],
          ...["CONNECTORS_HARVESTAPI_BASE_URL", "CONNECTORS_HARVESTAPI_APIFY_BASE_URL", "HARVESTAPI_API_KEY", "LINKEDIN_LI_AT", "APIFY_TOKEN"],
        ].sort(),
      );
      // The other account, through --account as its variables' suffix says: a member, not the administrator.
      const member = await run(["execute", "harvest", "users", "me", "--account", "member", "--fields", "first_name,access_roles"], { env });
      expect(JSON.parse(member.stdout).data).toEqual({ first_name: "Jonas", access_roles: ["member"] });
      // The consent page approves the printed client at once and sends the browser back with a code.
      const consent = new URL(env.CONNECTORS_HARVEST_AUTHORIZE_URL!);
      consent.search = new URLSearchParams({ client_id: env.HARVEST_CLIENT_ID!, response_type: "code", redirect_uri: "http://127.0.0.1:9/oauth/callback", state: "s1" }).toString();
      const answer = await fetch(consent, { redirect: "manual" });
      expect(answer.status).toBe(302);
      const back = new URL(answer.headers.get("location")!);
      expect(back.searchParams.get("state")).toBe("s1");
      expect(back.searchParams.get("code")).toBeTruthy();
    });
  });

  it("is what the README's hosted API steps copy: its variables on the default port, its token and its OAuth client", async () => {
    const start = readmeBlock("To try it with no account, run the simulated APIs", "sh");
    const connect = readmeBlock("picks out the field the next command needs", "sh");
    const oauth = readmeBlock("runs the whole flow; on the server started above", "sh");
    await withCliSandbox(async (env, printed) => {
      const port = new URL(env.CONNECTORS_HARVEST_BASE_URL!).port;
      const urls = printed.split("\n").filter((line) => line.startsWith("export CONNECTORS_HARVEST_"));
      expect(start.split("\n").filter((line) => line.startsWith("export CONNECTORS_HARVEST_"))).toEqual(urls.map((line) => line.replace(`:${port}/`, ":4010/")));
      expect(connect).toContain(`"credentials":{"token":"${env.HARVEST_ACCESS_TOKEN}","account_id":"${env.HARVEST_ACCOUNT_ID}"}`);
      expect(oauth).toContain(`"credentials":{"client_id":"${env.HARVEST_CLIENT_ID}","client_secret":"${env.HARVEST_CLIENT_SECRET}"}`);
    });
  });
});
