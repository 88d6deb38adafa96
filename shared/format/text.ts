/**
 * Text put together from other messages. A message used inside another sentence (after "…: ",
 * before "; …" or inside parentheses) loses its closing full stops, so that the sentence does not
 * read "Connection error.; check your network" or "… (timed out.)". A question keeps its mark.
 */
export function clause(text: string): string {
  return text.trim().replace(/[\s.]+$/u, '');
}
