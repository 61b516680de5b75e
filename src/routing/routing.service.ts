/**
 * Which authority receives a report: the most specific routing rule for its category wins
 * (the arrondissement's own rule, then its préfecture's, then the whole city's); with no
 * rule, the city's default triage authority.
 */
import type { Authority, City, Location } from "../cities/index.ts";

export function chooseAuthority(city: City, categoryCode: string, location: Location): Authority {
  const rules = city.rules.filter((r) => r.categoryCode === categoryCode);
  const chain = [location.area, ...location.parents].map((a) => a.code);
  for (const code of chain) {
    const rule = rules.find((r) => r.areaCode === code);
    if (rule) return city.authorities.get(rule.authorityId)!;
  }
  const cityWide = rules.find((r) => r.areaCode === null);
  const fallback = city.authorityByCode.get(city.manifest.defaultAuthority)!;
  return (cityWide && city.authorities.get(cityWide.authorityId)) || fallback;
}
