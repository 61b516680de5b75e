/** Public entry of the cities domain. */
export { CityRegistry, type City, type Authority, type Category, type Place, type RoutingRule } from "./cities.service.ts";
export { CityPackError, loadCityPack } from "./cities.loader.ts";
export type { Area, Location } from "./cities.areas.ts";
export { languageCode, localizedText, type LanguageCode, type LocalizedText } from "./cities.schemas.ts";
export { authoritiesSendingBy, currentAuthority, maskSecret, parseOpen311Config, type Open311SendConfig } from "./send-config.ts";
export { citiesRoutes } from "./cities.routes.ts";
export { citiesAdminRoutes } from "./cities.admin.routes.ts";
