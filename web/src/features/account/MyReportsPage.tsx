export default function MyReportsPage() {
  return <main id="main" className="page">MyReportsPage</main>;
}
