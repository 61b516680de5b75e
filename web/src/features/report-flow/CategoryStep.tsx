/** Step 2: what kind of problem — one large radio card per category, grouped as the city groups them. */
import { useState } from "react";
import { useCity } from "../../lib/city.tsx";
import { localized, useLanguage, useMessages } from "../../lib/i18n.tsx";
import { CategorySuggestion } from "./CategorySuggestion.tsx";
import type { Draft } from "./draft.ts";
import { StepForm } from "./fields.tsx";
import { GroupIcon } from "./icons.tsx";
import messages from "./report-flow.messages.ts";

interface Props {
  draft: Draft;
  update(patch: Partial<Draft>): void;
  error?: string;
  onBack(): void;
  onNext(): void;
}

export function CategoryStep({ draft, update, error, onBack, onNext }: Props) {
  const [m] = useMessages(messages);
  const { lang } = useLanguage();
  const city = useCity();
  const [problem, setProblem] = useState(error);

  const choose = (category: string) => {
    // Answers to another category's questions do not apply any more.
    if (category !== draft.category) update({ category, attributes: {} });
    setProblem(undefined);
  };

  const submit = (form: HTMLFormElement) => {
    if (!draft.category) {
      setProblem(m.categoryRequired);
      // The first card takes the focus: arrow keys then move through the whole list.
      requestAnimationFrame(() => form.querySelector<HTMLInputElement>('input[name="category"]')?.focus());
      return;
    }
    onNext();
  };

  return (
    <StepForm heading={m.categoryHeading} submitLabel={m.next} onSubmit={submit} onBack={onBack}>
      <CategorySuggestion onChoose={choose} />
      {problem && <p className="form-error" id="category-error" role="alert">{problem}</p>}
      {city.groups.map((group) => {
        const categories = city.categories.filter((c) => c.group === group.code);
        if (categories.length === 0) return null;
        return (
          <fieldset key={group.code} className="category-group" aria-describedby={problem ? "category-error" : undefined}>
            <legend>
              <h3>{localized(group.name, lang)}</h3>
            </legend>
            <div className="category-cards">
              {categories.map((c) => (
                <label key={c.code} className="category-card">
                  <input type="radio" name="category" value={c.code} checked={draft.category === c.code}
                    onChange={() => choose(c.code)} aria-describedby={`category-${c.code}-desc`} />
                  <span className="category-icon"><GroupIcon group={group.code} /></span>
                  <span className="category-name">{localized(c.name, lang)}</span>
                  <span className="category-desc" id={`category-${c.code}-desc`}>{localized(c.description, lang)}</span>
                </label>
              ))}
            </div>
          </fieldset>
        );
      })}
    </StepForm>
  );
}
