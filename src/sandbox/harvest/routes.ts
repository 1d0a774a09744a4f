/** Every route of the Harvest API host: the special ones first (they are more specific), then the generic resources. */
import { resourceRoutes } from "./crud.js";
import { RESOURCES } from "./resources/index.js";
import { invoiceMessageTemplateRoute } from "./resources/invoices.js";
import type { Route } from "./router.js";
import { companyRoutes } from "./special/company.js";
import { peopleRoutes } from "./special/people.js";
import { reportRoutes } from "./special/reports.js";
import { timerRoutes } from "./special/timers.js";

export function harvestRoutes(): Route[] {
  return [
    ...peopleRoutes,
    ...timerRoutes,
    invoiceMessageTemplateRoute,
    ...companyRoutes,
    ...reportRoutes,
    ...RESOURCES.flatMap(resourceRoutes),
  ];
}
