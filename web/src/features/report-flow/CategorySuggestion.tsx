/**
 * Above the category list: what the AI suggests from the citizen's title and description.
 * When it is sure, the category is already chosen and this says so; when it hesitates, its
 * three best guesses are offered as large buttons ("Which fits best?"). Probabilities are
 * never shown. Everything here lands in a polite live region, announced after the step's heading.
 */
import { Fragment, useEffect, useState, type ReactNode } from "react";
import { useCity } from "../../lib/city.tsx";
import { localized, useLanguage, useMessages } from "../../lib/i18n.tsx";
import { GroupIcon } from "./icons.tsx";
import messages from "./report-flow.messages.ts";
import type { Suggestion } from "./use-triage.ts";

interface Props {
  suggestion: Suggestion | null;
  /** The category chosen now (by the citizen, or filled in from the suggestion). */
  chosen: string;
  onChoose(category: string): void;
}

/** A message with one {placeholder} replaced by an element (a name in bold, say). */
function withNode(template: string, key: string, node: ReactNode): ReactNode {
  const [before, ...after] = template.split(`{${key}}`);
  return after.length ? <>{before}{after.map((part, i) => <Fragment key={i}>{node}{part}</Fragment>)}</> : template;
}

export function CategorySuggestion({ suggestion, chosen, onChoose }: Props) {
  const [m] = useMessages(messages);
  const { lang } = useLanguage();
  const city = useCity();
  // The live region is on the page empty first: what then fills it is announced (a region
  // that appears already full is not).
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const frame = requestAnimationFrame(() => setReady(true));
    return () => cancelAnimationFrame(frame);
  }, []);

  const categories = (suggestion?.codes ?? []).flatMap((code) => city.categories.filter((c) => c.code === code));
  const top = categories[0];
  const name = (c: { name: Record<string, string> }) => <strong>{localized(c.name, lang)}</strong>;

  let content: ReactNode = null;
  if (ready && top && suggestion?.confident) {
    content = chosen === top.code ? (
      <p className="suggestion-text">{withNode(m.suggestedChosen, "category", name(top))}</p>
    ) : (
      <>
        <p className="suggestion-text">{withNode(m.suggestedOther, "category", name(top))}</p>
        <button type="button" className="button suggestion-use" onClick={() => onChoose(top.code)}>
          {withNode(m.suggestedUse, "category", localized(top.name, lang))}
        </button>
      </>
    );
  } else if (ready && top) {
    content = (
      <>
        <h3 id="suggestion-heading" className="suggestion-heading">{m.whichFits}</h3>
        <p className="suggestion-text" id="suggestion-hint">{m.whichFitsHint}</p>
        <ul className="suggestion-choices" aria-labelledby="suggestion-heading">
          {categories.map((c) => (
            <li key={c.code}>
              <button type="button" className="suggestion-choice" aria-pressed={chosen === c.code}
                data-category={c.code} onClick={() => onChoose(c.code)}>
                <span className="category-icon"><GroupIcon group={c.group} /></span>
                <span className="category-name">{localized(c.name, lang)}</span>
              </button>
            </li>
          ))}
        </ul>
      </>
    );
  }

  return (
    <div className={content ? "category-suggestion" : undefined} aria-live="polite" data-testid="category-suggestion"
      data-suggested={top?.code} data-confident={suggestion ? String(suggestion.confident) : undefined}>
      {content}
    </div>
  );
}
