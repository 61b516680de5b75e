export default function VerifyEmailPage() {
  return <main id="main" className="page">VerifyEmailPage</main>;
}
