/** Pieces of WHERE clauses shared by the repositories behind the Logs tab (logs and audit trail). */

/** A LIKE pattern matching `text` anywhere, with %, _ and \ taken literally (ESCAPE '\'). */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Adds the free-text condition (over `textColumns`) and the inclusive time range, pushing their
 * parameters in order, and returns the whole WHERE clause ('' when there is no condition).
 */
export function finishWhere(
  where: string[],
  params: unknown[],
  filter: { text?: string | undefined; from?: number | undefined; to?: number | undefined },
  textColumns: readonly [string, string],
): string {
  if (filter.text !== undefined && filter.text !== '') {
    where.push(`(${textColumns[0]} LIKE ? ESCAPE '\\' OR ${textColumns[1]} LIKE ? ESCAPE '\\')`);
    const pattern = likePattern(filter.text);
    params.push(pattern, pattern);
  }
  if (filter.from !== undefined) {
    where.push('time >= ?');
    params.push(filter.from);
  }
  if (filter.to !== undefined) {
    where.push('time <= ?');
    params.push(filter.to);
  }
  return where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
}
