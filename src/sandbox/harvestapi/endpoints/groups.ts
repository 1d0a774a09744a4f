/** Groups: get by URL or id, and group search. (A group's posts: post search with `group`.) */
import { PRICES, fixedCharge } from "../costs.js";
import { itemEndpoint, listEndpoint, type Endpoint } from "../endpoint.js";
import { filterBy, search } from "../facets.js";
import { oneOf } from "../params.js";
import { group, groupShort } from "../render/organizations.js";
import { findGroup } from "../resolve.js";
import type { Group } from "../store.js";

const groupCharge = fixedCharge(PRICES.group, "group");

export const groupEndpoints: Endpoint[] = [
  itemEndpoint({
    path: "/linkedin/group",
    cost: groupCharge,
    find: (ctx) => findGroup(ctx.store, oneOf(ctx.query, ["url", "groupId"])),
    id: (item) => item.id,
    render: (item, ctx) => group(ctx.store, item),
  }),
  listEndpoint({
    path: "/linkedin/group-search",
    cost: groupCharge,
    page: { mode: "page", pageSize: 10, maxPages: 100 },
    collect: (ctx) => filterBy(ctx.store.tables.groups, ctx.query, { search: search((item: Group) => `${item.name} ${item.summary}`) }),
    render: (item) => groupShort(item),
  }),
];
