export default function ReportFlowPage() {
  return <main id="main" className="page">ReportFlowPage</main>;
}
