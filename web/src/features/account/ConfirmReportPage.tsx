export default function ConfirmReportPage() {
  return <main id="main" className="page">ConfirmReportPage</main>;
}
