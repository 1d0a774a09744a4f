/** Paid calls from the CLI: --estimate sends nothing; a call over the threshold asks first, or needs --yes or --budget. */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, run } from "./run.js";

/** An upstream that counts what reaches it: nothing should. */
let upstream: Server;
let received = 0;
let baseUrl: string;
beforeAll(async () => {
  upstream = createServer((_request, response) => {
    received++;
    response.writeHead(500).end();
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => upstream.close(resolve)));

const leadSearch = ["execute", "harvestapi", "profiles", "lead_search", "-p", "currentJobTitles=CTO"];
const paid = { env: { HARVESTAPI_API_KEY: "a-key-for-the-counting-upstream" } };

/** The CLI on a terminal (util-linux `script` gives it one), answering `answer` to any question. */
async function onTerminal(args: string[], answer: string): Promise<{ code: number | null; output: string }> {
  const command = [process.execPath, CLI, ...args].map((a) => `'${a}'`).join(" ");
  const child = spawn("script", ["-qec", command, "/dev/null"], { stdio: ["pipe", "pipe", "inherit"] });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
    if (output.includes("[y/N]") && child.stdin.writable) child.stdin.end(`${answer}\n`);
  });
  const [code] = (await once(child, "close")) as [number | null];
  return { code, output };
}

describe.concurrent("paid calls from the CLI", () => {
  it("--estimate prints what the call would cost and sends nothing", async () => {
    const { code, stdout } = await run([...leadSearch, "--base-url", baseUrl, "--limit", "50", "--estimate"], paid);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ amount: 0.2, currency: "USD", per_request: 0.1, requests: 2, billed_by: "harvestapi", note: "per page of about 25 leads" });
    const all = await run([...leadSearch, "--base-url", baseUrl, "--all", "--estimate"], paid);
    expect(JSON.parse(all.stdout)).toMatchObject({ amount: 10, requests: 100 });
    const free = await run(["execute", "harvest", "time_entries", "list", "--base-url", baseUrl, "--all", "--estimate"]);
    expect(JSON.parse(free.stdout)).toMatchObject({ amount: 0 });
    expect(received).toBe(0);
  });

  it("refuses, off a terminal, a walk estimated over the threshold unless --yes or --budget says so; nothing is sent", async () => {
    for (const walk of [["--limit", "50"], ["--all"]]) {
      const { code, stdout, stderr } = await run([...leadSearch, "--base-url", baseUrl, ...walk], paid);
      expect(code).toBe(4);
      expect(stdout).toBe("");
      expect(stderr).toMatch(/^ValidationError: harvestapi profiles\.lead_search is estimated at (0\.2|10) USD \(\d+ requests at 0\.1 USD\), over the 0\.1 USD a call may spend without asking \(CONNECTORS_CONFIRM_ABOVE\); add --yes to send it, or --budget to cap what it may spend; nothing was sent\n$/);
    }
    expect(received).toBe(0);
    for (const agreed of [["--yes"], ["-y"], ["--budget", "0.5"]]) {
      const { code, stdout } = await run([...leadSearch, "--sandbox", "--limit", "30", "--output", "ndjson", ...agreed]);
      expect(code).toBe(0);
      expect(stdout.trim().split("\n")).toHaveLength(30);
    }
  });

  it("runs without asking at or under the threshold, which CONNECTORS_CONFIRM_ABOVE sets", async () => {
    const underDefault = await run([...leadSearch, "--sandbox", "--limit", "5", "--output", "ndjson"]);
    expect(underDefault.stdout.trim().split("\n")).toHaveLength(5);
    const raised = await run([...leadSearch, "--sandbox", "--limit", "50", "--output", "ndjson"], { env: { CONNECTORS_CONFIRM_ABOVE: "0.25" } });
    expect(raised.code).toBe(0);
    const lowered = await run([...leadSearch, "--base-url", baseUrl, "--limit", "5"], { env: { ...paid.env, CONNECTORS_CONFIRM_ABOVE: "0" } });
    expect(lowered.code).toBe(4);
    const wrong = await run([...leadSearch, "--sandbox", "--limit", "5"], { env: { CONNECTORS_CONFIRM_ABOVE: "ten cents" } });
    expect(wrong.code).toBe(4);
    expect(wrong.stderr).toContain('CONNECTORS_CONFIRM_ABOVE must be an amount of money, 0 or more, such as 0.5 (got "ten cents")');
    expect(received).toBe(0);
  });

  it.runIf(process.platform === "linux")("asks on a terminal, and sends only on yes", async () => {
    const args = [...leadSearch, "--sandbox", "--limit", "30", "--output", "csv", "--fields", "firstName"];
    const yes = await onTerminal(args, "y");
    expect(yes.output).toContain("harvestapi profiles.lead_search is estimated at 0.2 USD (2 requests at 0.1 USD). Send it? [y/N]");
    expect(yes.output).toMatch(/firstName\r?\n/);
    expect(yes.code).toBe(0);
    const no = await onTerminal(args, "n");
    expect(no.output).toContain("error: cancelled; nothing was sent");
    expect(no.output).not.toContain("firstName");
    expect(no.code).toBe(1);
  });
});
