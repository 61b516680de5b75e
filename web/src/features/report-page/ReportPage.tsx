export default function ReportPage() {
  return <main id="main" className="page">ReportPage</main>;
}
