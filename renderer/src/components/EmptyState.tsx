import type { ReactNode } from 'react';

/** An honest empty tab: what will appear here and why it is not here yet. No fake data. */
export function EmptyState({ title, children, items }: { title: string; children: ReactNode; items: string[] }) {
  return (
    <section className="empty-state" aria-label={title}>
      <h2>{title}</h2>
      <p>{children}</p>
      <ul>
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </section>
  );
}
