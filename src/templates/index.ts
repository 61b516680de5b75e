/** Public entry of the templates domain: canned public answers staff pick from. */
export { seedTemplates, type TemplatesContext } from "./templates.service.ts";
export * as templateSchemas from "./templates.schemas.ts";
export { templatesRoutes } from "./templates.routes.ts";
