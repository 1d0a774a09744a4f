/** Reads from the person at the terminal: credential values (a prompt, no echo for secrets; else one line each from stdin, never argv) and yes/no answers. */
import { createInterface } from "node:readline/promises";
import { Writable } from "node:stream";

export interface ValueInput {
  /** The next value, trimmed; undefined when piped input has ended. */
  read(label: string, secret: boolean): Promise<string | undefined>;
  close(): void;
}

export function valueInput(): ValueInput {
  return process.stdin.isTTY ? terminalInput() : pipedInput();
}

function pipedInput(): ValueInput {
  const rl = createInterface({ input: process.stdin, terminal: false, crlfDelay: Infinity });
  const lines = rl[Symbol.asyncIterator]();
  return {
    async read() {
      const line = await lines.next();
      return line.done ? undefined : line.value.trim();
    },
    close: () => rl.close(),
  };
}

function terminalInput(): ValueInput {
  let muted = false;
  // readline echoes what is typed through this stream; while a secret is typed nothing reaches the terminal.
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  const cancel = new AbortController();
  rl.on("SIGINT", () => cancel.abort());
  return {
    async read(label, secret) {
      try {
        if (!secret) return (await rl.question(label, { signal: cancel.signal })).trim();
        process.stderr.write(label);
        muted = true;
        const answer = await rl.question("", { signal: cancel.signal });
        return answer.trim();
      } catch (error) {
        if (cancel.signal.aborted) throw new Error("cancelled; nothing was saved");
        throw error;
      } finally {
        if (muted) process.stderr.write("\n");
        muted = false;
      }
    },
    close: () => rl.close(),
  };
}

/** Asks a yes/no question on the terminal; only "y" or "yes" is yes (Ctrl-C is no). */
export async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const cancel = new AbortController();
  rl.on("SIGINT", () => cancel.abort());
  try {
    return /^y(es)?$/i.test((await rl.question(question, { signal: cancel.signal })).trim());
  } catch (error) {
    if (cancel.signal.aborted) return false;
    throw error;
  } finally {
    rl.close();
  }
}
