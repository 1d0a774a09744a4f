/** The API's endpoint table: the 28 /linkedin endpoints of HarvestAPI's reference plus the account endpoints. */
import type { Endpoint } from "../endpoint.js";
import { accountEndpoints } from "./account.js";
import { adEndpoints } from "./ads.js";
import { companyEndpoints } from "./companies.js";
import { connectionEndpoints } from "./connections.js";
import { geoEndpoints } from "./geo.js";
import { groupEndpoints } from "./groups.js";
import { jobEndpoints } from "./jobs.js";
import { postEndpoints } from "./posts.js";
import { profileEndpoints } from "./profiles.js";

export const ENDPOINTS: readonly Endpoint[] = [
  ...profileEndpoints,
  ...companyEndpoints,
  ...jobEndpoints,
  ...postEndpoints,
  ...groupEndpoints,
  ...adEndpoints,
  ...geoEndpoints,
  ...connectionEndpoints,
  ...accountEndpoints,
];
