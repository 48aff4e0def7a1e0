export { createCatalogService, type CatalogService } from './catalog.service.ts';
export { catalogRoutes } from './catalog.routes.ts';
export { loadDemoCatalog } from './catalog.demo.ts';
/** Read-only lookups other modules (orders) may use inside their own transactions. */
export { findProduct, findSpec } from './catalog.repo.ts';
