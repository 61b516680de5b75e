export default function AdminApp() {
  return <main id="main" className="page">AdminApp</main>;
}
