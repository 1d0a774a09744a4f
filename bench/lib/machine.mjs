/** Facts about the machine a run measured on, stored with its figures. */
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";

export function machineFacts() {
  return {
    cpu: cpus()[0]?.model ?? "unknown",
    cores: availableParallelism(),
    memory_gb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    load_average: loadavg().map((load) => Math.round(load * 100) / 100),
  };
}
