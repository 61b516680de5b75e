/** Public entry of the routing domain: who receives a report, and how it is sent. */
export { chooseAuthority } from "./routing.service.ts";
export { registerSender, sendReportHandler, SEND_REPORT_TOPIC, type ReportSnapshot, type Sender, type SendResult } from "./routing.senders.ts";
