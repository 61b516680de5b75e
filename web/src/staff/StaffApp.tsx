export default function StaffApp() {
  return <main id="main" className="page">StaffApp</main>;
}
