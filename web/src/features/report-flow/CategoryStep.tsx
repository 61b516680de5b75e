/**
 * Step 3: what kind of problem — the AI's suggestion from what the citizen wrote, then one large
 * radio card per category, grouped as the city groups them; the chosen category's own
 * questions open under its group.
 */
import { useState } from "react";
import { flushSync } from "react-dom";
import { useCity } from "../../lib/city.tsx";
import { localized, useLanguage, useMessages } from "../../lib/i18n.tsx";
import { CategorySuggestion } from "./CategorySuggestion.tsx";
import type { Draft } from "./draft.ts";
import { focusFirstInvalid, StepForm } from "./fields.tsx";
import { GroupIcon } from "./icons.tsx";
import { Question } from "./Question.tsx";
import messages from "./report-flow.messages.ts";
import type { Suggestion } from "./use-triage.ts";

type Errors = Record<string, string>;

interface Props {
  draft: Draft;
  update(patch: Partial<Draft>): void;
  suggestion: Suggestion | null;
  /** Field errors from the server: "category", "attributes.<code>". */
  serverErrors: Errors;
  onBack(): void;
  onNext(): void;
}

export function CategoryStep({ draft, update, suggestion, serverErrors, onBack, onNext }: Props) {
  const [m] = useMessages(messages);
  const { lang } = useLanguage();
  const city = useCity();
  const [errors, setErrors] = useState<Errors>(serverErrors);
  const problem = errors.category;
  const chosen = city.categories.find((c) => c.code === draft.category);
  const questions = chosen?.questions ?? [];

  /** The citizen's own choice: the suggestion no longer replaces it. */
  const choose = (category: string) => {
    // Answers to another category's questions do not apply any more.
    update(category === draft.category ? { suggested: false } : { category, suggested: false, attributes: {} });
    // Its complaint goes, and with another category, the complaints about the old one's questions.
    setErrors(({ category: _, ...rest }) => (category === draft.category ? rest : {}));
  };

  const answer = (code: string, value: string) => {
    update({ attributes: { ...draft.attributes, [code]: value } });
    if (errors[`attributes.${code}`]) setErrors(({ [`attributes.${code}`]: _, ...rest }) => rest);
  };

  const submit = (form: HTMLFormElement) => {
    if (!draft.category) {
      setErrors({ category: m.categoryRequired });
      // The first card takes the focus: arrow keys then move through the whole list.
      requestAnimationFrame(() => form.querySelector<HTMLInputElement>('input[name="category"]')?.focus());
      return;
    }
    const found: Errors = {};
    for (const q of questions) if (q.required && !draft.attributes[q.code]?.trim()) found[`attributes.${q.code}`] = m.requiredAnswer;
    flushSync(() => setErrors(found));
    if (Object.keys(found).length) return focusFirstInvalid(form);
    // Going on is agreeing: a suggested category is the citizen's from now on.
    if (draft.suggested) update({ suggested: false });
    onNext();
  };

  return (
    <StepForm heading={m.categoryHeading} submitLabel={m.next} onSubmit={submit} onBack={onBack}>
      <CategorySuggestion suggestion={suggestion} chosen={draft.category} onChoose={choose} />
      {problem && <p className="form-error" id="category-error" role="alert">{problem}</p>}
      {city.groups.map((group) => {
        const categories = city.categories.filter((c) => c.group === group.code);
        if (categories.length === 0) return null;
        return (
          <div key={group.code}>
            <fieldset className="category-group" aria-describedby={problem ? "category-error" : undefined}>
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
            {chosen?.group === group.code && questions.length > 0 && (
              <section className="category-questions" aria-labelledby="questions-heading">
                <h3 id="questions-heading">{m.questionsHeading} — {localized(chosen.name, lang)}</h3>
                {questions.map((q) => (
                  <Question key={q.code} question={q} value={draft.attributes[q.code] ?? ""} error={errors[`attributes.${q.code}`]}
                    onChange={(value) => answer(q.code, value)} label={localized(q.label, lang)} />
                ))}
              </section>
            )}
          </div>
        );
      })}
    </StepForm>
  );
}
