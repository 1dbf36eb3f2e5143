export default function HomePage() {
  return (
    <main>
      <h1>VECTRA</h1>
      <p>Prospection B2B : campagnes, leads et agents IA de qualification.</p>
    </main>
  );
}
