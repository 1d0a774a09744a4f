/** The progress line on stderr: rewritten in place on a terminal, at most one line a second otherwise (logs, CI). */
const QUIET_INTERVAL_MS = 1000;

export function progressLine(stream = process.stderr) {
  let lastPrinted = 0;
  let shown = false;
  return {
    update(text) {
      if (stream.isTTY) {
        stream.write(`\r\x1b[K${text.slice(0, (stream.columns ?? 120) - 1)}`);
        shown = true;
      } else if (Date.now() - lastPrinted >= QUIET_INTERVAL_MS) {
        stream.write(`${text}\n`);
        lastPrinted = Date.now();
      }
    },
    /** Clears the line before anything else is printed. */
    done() {
      if (shown) stream.write("\r\x1b[K");
      shown = false;
    },
  };
}
