/** Preloaded with `node --import` into a child whose memory a benchmark measures: prints its peak RSS to stderr at exit. */
process.on("exit", () => process.stderr.write(`\n${JSON.stringify({ peak_rss_bytes: process.resourceUsage().maxRSS * 1024 })}\n`));
