export default function SignInPage() {
  return <main id="main" className="page">SignInPage</main>;
}
