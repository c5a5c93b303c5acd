import Link from "next/link";

export default function NotFound() {
  return (
    <main className="auth-page">
      <div className="auth-card">
        <h1>Not found</h1>
        <p className="muted">This page or conversation does not exist.</p>
        <Link className="button primary" href="/">
          Back to chat
        </Link>
      </div>
    </main>
  );
}
