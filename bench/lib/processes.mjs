/**
 * Child processes for benchmarks: servers that announce themselves with a JSON line, commands timed to their end,
 * and the temporary folders (config, databases) they work in.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export const benchDir = fileURLToPath(new URL("..", import.meta.url));
export const repoDir = fileURLToPath(new URL("../..", import.meta.url));
export const cliPath = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

/**
 * Starts `node args...` and resolves, with the child, once it says it is ready: by default the first JSON object it
 * prints on stdout (its address, say), or the first stderr line `readyOnStderr` turns into a value. Later stdout
 * lines go to `onLine`. Rejects with its stderr if it exits first.
 */
export async function startNode(args, { env, nodeOptions = [], onLine, readyOnStderr } = {}) {
  const child = spawn(process.execPath, [...nodeOptions, ...args], { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, ...env } });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const lines = createInterface({ input: child.stdout });
  const ready = await new Promise((resolve, reject) => {
    if (readyOnStderr)
      createInterface({ input: child.stderr }).on("line", (line) => {
        const value = readyOnStderr(line);
        if (value !== undefined) resolve(value);
      });
    else lines.once("line", (line) => resolve(JSON.parse(line)));
    child.once("exit", (code) => reject(new Error(`${args.join(" ")} exited (${code}) before it was ready: ${stderr}`)));
  });
  if (onLine) lines.on("line", onLine);
  return { child, ready, stderr: () => stderr, stop: () => stop(child) };
}

/** SIGTERM, then the exit. */
export async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  await exited;
}

/** The loopback Harvest-shaped upstream (workers/upstream.mjs); baseUrl ends in /v2 like Harvest's. */
export async function startUpstream() {
  const server = await startNode([`${benchDir}workers/upstream.mjs`]);
  return { baseUrl: `http://127.0.0.1:${server.ready.port}/v2`, stop: server.stop };
}

/**
 * Runs `node args...` to its end: resolves to its wall time in ms, its stdout's byte and line counts (or its text
 * when `keepOutput`), and its stderr. Rejects when it fails.
 */
export function runNode(args, { env, keepOutput = false } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
    let bytes = 0;
    let lines = 0;
    let output = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      bytes += chunk.length;
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
      if (keepOutput) output += chunk;
    });
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.once("error", reject);
    child.once("close", (code) => {
      const ms = performance.now() - started;
      if (code !== 0) reject(new Error(`node ${args.join(" ")} exited with ${code}: ${stderr.slice(-2000)}`));
      else resolve({ ms, bytes, lines, output, stderr });
    });
  });
}

/** A fresh temporary folder (a CLI's config, a SQLite file); remove() deletes it. */
export function tempDir(prefix) {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
