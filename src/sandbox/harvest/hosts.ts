/** The real Harvest hosts (as connectors/harvest/connector.yaml declares them): the sandbox's handlers answer there. */

/** api.harvestapp.com/v2: the REST API. */
export const HARVEST_API = "https://api.harvestapp.com/v2";
/** id.getharvest.com: OAuth (consent page, token endpoint) and the accounts a token reaches, under /api/v2. */
export const HARVEST_ID = "https://id.getharvest.com";
