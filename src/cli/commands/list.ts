import { connect } from "../../runtime/connector.js";
import { listConnectorNames } from "../../manifest/registry.js";

export function list(options: { json?: boolean }): void {
  const rows = listConnectorNames().map((name) => {
    const connector = connect(name);
    const entities = connector.entities;
    return { name, title: connector.manifest.title, entities: entities.length, actions: entities.reduce((n, e) => n + e.actions.length, 0) };
  });
  if (options.json) return void process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  for (const r of rows) process.stdout.write(`${r.name.padEnd(12)} ${r.title.padEnd(12)} ${r.entities} entities, ${r.actions} actions\n`);
}
