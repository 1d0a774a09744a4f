/** agent-connectors: declarative API connectors for AI agents. */
export { connect, Connector } from "./library.js";
export type { ConnectOptions, ExecuteOptions, Result, ResultMeta } from "./runtime/connector.js";
export type { CostEstimate } from "./runtime/costs.js";
export type { ConnectorDescription, ActionDescription } from "./runtime/describe.js";
export type { ConnectorRunOptions, LogEntry, RunResult } from "./runtime/code/types.js";
export type { Page } from "./runtime/pagination.js";
export { loadManifestFile as loadManifest, parseManifest } from "./manifest/loader.js";
export { listConnectorNames as listConnectors } from "./manifest/registry.js";
export type { Manifest } from "./manifest/types.js";
export { envCredentialStore, staticCredentialStore } from "./credentials/env.js";
export { vaultCredentialStore, type VaultOptions } from "./credentials/vault.js";
export type { CredentialRecord, CredentialStore } from "./credentials/types.js";
export * from "./errors.js";
export type { AgentTool, AnthropicTool, LangChainTool, OpenAITool, RunToolOptions, ToolOptions, VercelAITool } from "./agent/index.js";
export type { ActionMap } from "./runtime/typed-actions.js";
export type * from "./generated/index.js";
