/** Public entry of the triage domain: AI triage applied to the city's reports. */
export { reportText, Triage, urgencyOf, type DuplicateSuggestion, type ReportForTriage, type TriageCity, type TriageResult } from "./triage.service.ts";
export { triageRoutes } from "./triage.routes.ts";
export { urgencyView } from "./triage.views.ts";
export { allCorrections, findTriage, findTriages, type TriageRow } from "./triage.repo.ts";
export { correctionExample, evaluateModelsCommand, trainCommand, triageCommand } from "./triage.cli.ts";
export { RESCORE_TOPIC, rescoreOverdue, rescoreOverdueHandler, scheduleRescore } from "./rescore-overdue.ts";
