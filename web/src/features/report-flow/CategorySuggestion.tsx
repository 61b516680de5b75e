/**
 * Reserved slot above the category list. The AI issue fills it: a suggested category for what
 * the citizen has shown so far (photo, place), with a short explanation and a way to accept it.
 * Until then it renders nothing.
 */
export function CategorySuggestion(_props: { onChoose(category: string): void }) {
  return null;
}
