/** `<connector>_execute`: the single tool that runs any action in its scope. */
import type { AnyConnector } from "../runtime/connector.js";
import { withAdapters } from "./adapters.js";
import { buildCatalog, offeredAction } from "./catalog.js";
import { describeForAgent } from "./describe-for-agent.js";
import { explainError } from "./explain-error.js";
import { executeInputSchema, parseExecuteInput, type ExecuteInput } from "./input.js";
import { resultText } from "./result-text.js";
import type { AgentTool, ToolOptions } from "./types.js";

const DEFAULT_MAX_RESULT_CHARS = 50_000;

export function createExecuteTool(connector: AnyConnector, options: ToolOptions = {}): AgentTool {
  const catalog = buildCatalog(connector.manifest, options);
  const maxResultChars = options.maxResultChars ?? DEFAULT_MAX_RESULT_CHARS;
  const scoped = !!options.allow || !!options.readOnly;
  return withAdapters({
    name: `${connector.name}_execute`,
    description: describeForAgent(catalog, { maxChars: options.maxDescriptionChars, maxResultChars, scoped }),
    inputSchema: executeInputSchema(catalog),
    async run(args, call = {}) {
      let input: ExecuteInput | undefined;
      try {
        input = parseExecuteInput(args, catalog);
        // Refused before anything is sent: an entity or action the tool does not offer.
        offeredAction(catalog, input.entity, input.action);
        const walk = { all: input.all, limit: input.limit, budget: options.budget, signal: call.signal, onPage: call.onPage };
        const result = await connector.execute(input.entity, input.action, input.params, walk);
        return { text: resultText(result, { maxChars: maxResultChars, fields: input.fields }), isError: false };
      } catch (error) {
        return { text: explainError(error, { catalog, entity: input?.entity ?? "", action: input?.action ?? "" }), isError: true };
      }
    },
  });
}
