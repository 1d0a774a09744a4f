/** `<connector>_execute`: the single tool that runs any action in its connection's scope. */
import { DEFAULT_MAX_RESULT_CHARS } from "../runtime/code/limits.js";
import type { AnyConnector } from "../runtime/connector.js";
import { withAdapters } from "./adapters.js";
import { buildCatalog } from "./catalog.js";
import { callConnections } from "./connection.js";
import { describeForAgent } from "./describe-for-agent.js";
import { explainError } from "./explain-error.js";
import { executeInputSchema, parseExecuteInput, type ExecuteInput } from "./input.js";
import { resultText } from "./result-text.js";
import type { AgentTool, ToolCall, ToolOptions } from "./types.js";

/** Built once (catalog, description, schema); each call may run on another connection to the same connector. */
export function createExecuteTool(connector: AnyConnector, options: ToolOptions = {}): AgentTool {
  const scope = { allow: options.allow, readOnly: options.readOnly };
  const scoped = connector.withScope(scope);
  const catalog = buildCatalog(scoped);
  const maxResultChars = options.maxResultChars ?? DEFAULT_MAX_RESULT_CHARS;
  const advice = { catalog, credentialAdvice: options.credentialAdvice };
  const name = options.name ?? `${connector.name}_execute`;
  const connectionFor = callConnections(name, scoped);
  return withAdapters({
    name,
    description: describeForAgent(catalog, { maxChars: options.maxDescriptionChars, maxResultChars }),
    inputSchema: executeInputSchema(catalog),
    effects: catalog.effects,
    async run(args, call: ToolCall = {}) {
      let input: ExecuteInput | undefined;
      try {
        input = parseExecuteInput(args, catalog);
        const target = connectionFor(call.connector);
        const result = await target.execute(input.entity, input.action, input.params, {
          cursor: input.cursor,
          all: input.all,
          limit: input.limit,
          fields: input.fields,
          pageSize: agentPageSize(target, input),
          budget: options.budget,
          signal: call.signal,
          onPage: call.onPage,
        });
        return { text: resultText(target, result, { maxChars: maxResultChars, fromStart: input.cursor === undefined }), isError: false };
      } catch (error) {
        return { text: explainError(error, { ...advice, entity: input?.entity ?? "", action: input?.action ?? "" }), isError: true };
      }
    },
  });
}

/** Pages that fit the result's size (the manifest's agent_page_size), unless the call walks everything or sets the size itself. */
function agentPageSize(connector: AnyConnector, input: ExecuteInput): number | undefined {
  // A call the connection refuses is refused by execute (and recorded there), not here.
  if (input.all || input.cursor !== undefined || !connector.allows(input.entity, input.action)) return undefined;
  const size = connector.plan(input.entity, input.action).pagination?.agent_page_size;
  return size === undefined ? undefined : Math.min(size, input.limit ?? size);
}
