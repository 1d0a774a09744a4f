/** The agent tool's public shapes, with no dependency on any agent framework. */
import type { AnyConnector } from "../runtime/connector.js";
import type { Scope } from "../runtime/scope.js";
import type { ToolEffects } from "./catalog.js";

export type JsonSchema = Record<string, unknown>;

export interface ToolOptions extends Scope {
  /** Longest result text handed back to the model, in characters (default 50,000). */
  maxResultChars?: number;
  /** Longest tool description, in characters (default 16,000). */
  maxDescriptionChars?: number;
  /** Refuse, before sending, any call estimated to cost more than this (the manifest's currency). */
  budget?: number;
  /** What to tell the model when credentials are missing or refused (default: the environment variables to set). */
  credentialAdvice?: string;
  /** The tool's name (default `<connector>_execute`). */
  name?: string;
}

/** What a host (an MCP server, say) can add to one call. */
export interface ToolCall {
  signal?: AbortSignal;
  onPage?: (progress: { pages: number; records: number }) => void;
  /**
   * Run this call on another connection to the same connector (a user's own credentials), held to the tool's scope
   * as well: one tool, with its description built once, serves many users.
   */
  connector?: AnyConnector;
}

/** A call's outcome: the text for the model, and whether it reports a failure. */
export interface ToolResult {
  text: string;
  isError: boolean;
}

/** The tool's own part, from which the adapters are made. */
export interface ToolRunner {
  name: string;
  description: string;
  inputSchema: JsonSchema;
  /** What the actions the tool offers can do (for hosts that label tools). */
  effects: ToolEffects;
  /** Runs the model's call; never throws for a bad call or an API error: the text says what to do instead. */
  run(args: unknown, call?: ToolCall): Promise<ToolResult>;
}

/** What every framework adapter is built from. */
export interface ToolCore extends ToolRunner {
  /** The result text of run(args). */
  invoke(args: unknown): Promise<string>;
}

export interface OpenAITool {
  type: "function";
  function: { name: string; description: string; parameters: JsonSchema };
}

export interface AnthropicTool {
  name: string;
  description: string;
  input_schema: JsonSchema;
}

/**
 * A Vercel AI SDK tool: `inputSchema` (AI SDK 5+) and `parameters` (AI SDK 4) hold the same jsonSchema() value.
 * The schema is typed `any` because the SDK's Schema type is keyed by a symbol only the SDK's own types can name;
 * anything narrower would stop `tools: { harvest_execute: tool.toVercelAITool() }` from compiling.
 */
export interface VercelAITool {
  description: string;
  inputSchema: any;
  parameters: any;
  execute(args: unknown): Promise<string>;
}

/** What every LangChain tool has (the full type is @langchain/core's StructuredToolInterface). */
export interface LangChainTool {
  name: string;
  description: string;
  invoke(input: unknown): Promise<unknown>;
}

export interface AgentTool extends ToolCore {
  toOpenAITool(): OpenAITool;
  toAnthropicTool(): AnthropicTool;
  toVercelAITool(): VercelAITool;
  /**
   * A @langchain/core DynamicStructuredTool (needs @langchain/core installed; loaded on first use). This package's
   * types cannot name LangChain's, so name the type you need: `await tool.toLangChainTool<StructuredToolInterface>()`.
   */
  toLangChainTool<T = LangChainTool>(): Promise<T>;
}
