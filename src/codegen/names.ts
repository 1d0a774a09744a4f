/** TypeScript names for generated declarations. */

/** "time_entries", "lead-search", "bulkScrape" -> "TimeEntries", "LeadSearch", "BulkScrape". */
export function pascalCase(...parts: string[]): string {
  return parts
    .flatMap((part) => part.split(/[^A-Za-z0-9]+/))
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join("");
}

/** The params interface of one action: TimeEntriesCreateParams. */
export function paramsTypeName(entity: string, action: string): string {
  return `${pascalCase(entity, action)}Params`;
}

/** The action map of one connector: HarvestActions. */
export function actionMapName(connector: string): string {
  return `${pascalCase(connector)}Actions`;
}
