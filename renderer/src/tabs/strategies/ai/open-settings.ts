/**
 * Takes the user to Settings > API keys. The tab bar owns which tab is shown (App.tsx), so this
 * presses its Settings tab, then brings the keys card into view once it has rendered.
 */
export function openSecretsSettings(): void {
  document.getElementById('tab-settings')?.click();
  const reveal = (triesLeft: number) => {
    const card = document.getElementById('keys-title');
    if (card) {
      card.scrollIntoView({ block: 'start' });
      document.getElementById('secret-anthropic-apiKey')?.focus();
    } else if (triesLeft > 0) {
      requestAnimationFrame(() => reveal(triesLeft - 1));
    }
  };
  requestAnimationFrame(() => reveal(60));
}
