/** The application shell: the header every page shares and the main area. */
export function App() {
  return (
    <div className="shell">
      <header className="shell-header">
        <span className="brand">Lanthorn</span>
      </header>
      <main className="shell-main">
        <h1>Kubernetes, with your own identity</h1>
        <p>Sign-in and cluster views arrive with the server.</p>
      </main>
    </div>
  );
}
