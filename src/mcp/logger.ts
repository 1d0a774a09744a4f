/** FastMCP logs through console by default, and console.log/info write to stdout: on stdio that is the protocol's channel. */
import type { Logger } from "fastmcp";

/** Warnings and errors to stderr; FastMCP's info and debug chatter only when CONNECTORS_MCP_DEBUG is set. */
export function stderrLogger(env: NodeJS.ProcessEnv = process.env): Logger {
  const write = (...args: unknown[]) => process.stderr.write(`${args.map((a) => (a instanceof Error ? a.message : String(a))).join(" ")}\n`);
  const chatter = env.CONNECTORS_MCP_DEBUG ? write : () => {};
  return { debug: chatter, info: chatter, log: chatter, warn: write, error: write };
}
