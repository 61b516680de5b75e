/**
 * The AI model (/staff/admin/ai): the version in use and its training; its evaluation on
 * held-out test reports — categories by language against the keyword baseline and the target,
 * category by category, the confusion matrix; language identification, Darija against MSA and
 * Arabizi against French and English; duplicates — and the staff corrections the next
 * training learns from. Numbers and dates in the interface's locale.
 */
import type { ReactNode } from "react";
import { Link } from "wouter";
import { useCity } from "../../lib/city.tsx";
import { localized, useLanguage, useMessages, type Formatters } from "../../lib/i18n.tsx";
import { useLanguageName } from "../staff-ui.tsx";
import { TARGET_MACRO_F1, triageLanguages, type AiModel, type CategoryCorrection, type ModelEvaluation } from "../triage-types.ts";
import { Loaded, useResource } from "./admin-data.tsx";
import messages from "./ai.messages.ts";
import { TableScroll } from "./fields.tsx";

/** Shares (accuracy, precision, recall) as percentages; F1 scores as decimals, like their target. */
const numbers = (f: Formatters) => ({
  pct: (x: number) => f.number(x, { style: "percent", maximumFractionDigits: 1 }),
  dec: (x: number) => f.number(x, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
});

/** Languages in triage's order (Darija first), any other after. */
const byLanguageOrder = (codes: string[]) => {
  const rank = (c: string) => { const i = (triageLanguages as readonly string[]).indexOf(c); return i < 0 ? triageLanguages.length : i; };
  return [...codes].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
};

function useCategoryName() {
  const { lang } = useLanguage();
  const city = useCity();
  return (code: string) => localized(city.categories.find((c) => c.code === code)?.name, lang) || code;
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="ai-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function Target({ value }: { value: number }) {
  const [m] = useMessages(messages);
  const met = value >= TARGET_MACRO_F1;
  return <span className={`target ${met ? "met" : "not-met"}`}><span aria-hidden="true">{met ? "✓ " : "✗ "}</span>{met ? m.met : m.notMet}</span>;
}

function ByLanguage({ evaluation }: { evaluation: ModelEvaluation }) {
  const [m, f] = useMessages(messages);
  const languageName = useLanguageName();
  const { pct, dec } = numbers(f);
  const t = m.byLanguage;
  const { category } = evaluation;
  const rows = byLanguageOrder(Object.keys(category.perLanguage)).map((code) => [languageName(code), category.perLanguage[code]!, category.baseline.perLanguage[code]] as const);
  return (
    <Section id="ai-by-language" title={t.heading}>
      <p className="hint">{f.fill(t.hint, { target: dec(TARGET_MACRO_F1) })}</p>
      <TableScroll label={t.heading}>
        <table className="admin-table ai-table">
          <thead>
            <tr>
              <th scope="col">{t.language}</th><th scope="col">{t.n}</th><th scope="col">{t.macroF1}</th><th scope="col">{t.accuracy}</th>
              <th scope="col">{t.baseline}</th><th scope="col">{f.fill(t.target, { target: dec(TARGET_MACRO_F1) })}</th>
            </tr>
          </thead>
          <tbody>
            {[...rows, [t.all, category.overall, category.baseline.overall] as const].map(([name, s, baseline], i) => (
              <tr key={name} className={i === rows.length ? "total" : undefined}>
                <th scope="row">{name}</th>
                <td>{f.number(s.n)}</td>
                <td><strong>{dec(s.macroF1)}</strong></td>
                <td>{pct(s.accuracy)}</td>
                <td>{baseline ? dec(baseline.macroF1) : "—"}</td>
                <td><Target value={s.macroF1} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p className="hint">{f.fill(m.calibration, {
        threshold: dec(category.calibration.threshold), share: pct(category.calibration.confidentShare),
        accuracy: pct(category.calibration.confidentAccuracy), ece: dec(category.calibration.ece),
      })}</p>
    </Section>
  );
}

function ByCategory({ evaluation, labels }: { evaluation: ModelEvaluation; labels: string[] }) {
  const [m, f] = useMessages(messages);
  const nameOf = useCategoryName();
  const { pct, dec } = numbers(f);
  const t = m.byCategory;
  const rows = new Map(evaluation.category.perCategory.map((c) => [c.label, c]));
  return (
    <Section id="ai-by-category" title={t.heading}>
      <TableScroll label={t.heading}>
        <table className="admin-table ai-table">
          <thead>
            <tr><th scope="col">{t.category}</th><th scope="col">{t.support}</th><th scope="col">{t.precision}</th><th scope="col">{t.recall}</th><th scope="col">{t.f1}</th></tr>
          </thead>
          <tbody>
            {labels.filter((l) => rows.has(l)).map((l) => {
              const c = rows.get(l)!;
              return (
                <tr key={l}>
                  <th scope="row">{nameOf(l)}</th>
                  <td>{f.number(c.support)}</td><td>{pct(c.precision)}</td><td>{pct(c.recall)}</td><td><strong>{dec(c.f1)}</strong></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
    </Section>
  );
}

/** A mistake made on one report in twenty of its row or more stands out. */
const OFTEN = 0.05;

function ConfusionRow({ n, truth, labels, row }: { n: number; truth: string; labels: string[]; row: Record<string, number> }) {
  const [m, f] = useMessages(messages);
  const nameOf = useCategoryName();
  const total = Object.values(row).reduce((a, b) => a + b, 0);
  return (
    <tr>
      <th scope="row"><span className="confusion-n" aria-hidden="true">{f.number(n)}</span> {nameOf(truth)}</th>
      {labels.map((predicted) => {
        const count = row[predicted] ?? 0;
        const kind = truth === predicted ? "right" : count === 0 ? "zero" : count >= OFTEN * total ? "wrong often" : "wrong";
        return (
          <td key={predicted} className={kind} title={f.fill(m.confusion.cell, { truth: nameOf(truth), predicted: nameOf(predicted), count })}>{f.number(count)}</td>
        );
      })}
    </tr>
  );
}

/** Columns are numbered as the rows, so fifteen categories fit; each header still carries the full name for screen readers. */
function Confusion({ evaluation, labels }: { evaluation: ModelEvaluation; labels: string[] }) {
  const [m, f] = useMessages(messages);
  const nameOf = useCategoryName();
  const t = m.confusion;
  const { confusion } = evaluation.category;
  return (
    <Section id="ai-confusion" title={t.heading}>
      <p className="hint">{t.hint}</p>
      <TableScroll label={t.label}>
        <table className="admin-table confusion">
          <thead>
            <tr>
              <th scope="col" className="corner">{t.corner}</th>
              {labels.map((l, i) => (
                <th scope="col" key={l} title={nameOf(l)}><span aria-hidden="true">{f.number(i + 1)}</span><span className="visually-hidden">{nameOf(l)}</span></th>
              ))}
            </tr>
          </thead>
          <tbody>
            {labels.map((truth, i) => <ConfusionRow key={truth} n={i + 1} truth={truth} labels={labels} row={confusion[truth] ?? {}} />)}
          </tbody>
        </table>
      </TableScroll>
    </Section>
  );
}

function LanguageId({ evaluation }: { evaluation: ModelEvaluation }) {
  const [m, f] = useMessages(messages);
  const languageName = useLanguageName();
  const { pct } = numbers(f);
  const t = m.language;
  const { language } = evaluation;
  const rows: [string, { n: number; accuracy: number }, string?][] = [
    ...byLanguageOrder(Object.keys(language.perLanguage)).map((code) => [languageName(code), language.perLanguage[code]!] as [string, { n: number; accuracy: number }]),
    [t.all, language.overall, "total"],
    [t.dialect, language.dialectVsStandard, "pair"],
    [t.arabizi, language.arabiziVsLatin, "pair"],
  ];
  return (
    <Section id="ai-language" title={t.heading}>
      <TableScroll label={t.heading}>
        <table className="admin-table ai-table">
          <thead><tr><th scope="col">{t.language}</th><th scope="col">{t.n}</th><th scope="col">{t.accuracy}</th></tr></thead>
          <tbody>
            {rows.map(([name, s, kind]) => (
              <tr key={name} className={kind}>
                <th scope="row">{name}</th><td>{f.number(s.n)}</td><td><strong>{pct(s.accuracy)}</strong></td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </Section>
  );
}

function Duplicates({ evaluation }: { evaluation: ModelEvaluation }) {
  const [m, f] = useMessages(messages);
  const { pct, dec } = numbers(f);
  const t = m.duplicates;
  const d = evaluation.duplicates;
  return (
    <Section id="ai-duplicates" title={t.heading}>
      {d ? (
        <>
          <p>{f.fill(t.text, { pairs: d.pairs, same: d.same, threshold: dec(d.threshold) })}</p>
          <dl className="ai-facts">
            <div><dt>{t.precision}</dt><dd>{pct(d.precision)}</dd></div>
            <div><dt>{t.recall}</dt><dd>{pct(d.recall)}</dd></div>
            <div><dt>{t.f1}</dt><dd>{dec(d.f1)}</dd></div>
          </dl>
        </>
      ) : <p className="muted">{t.none}</p>}
    </Section>
  );
}

const excerpt = (text: string) => (text.length > 140 ? `${text.slice(0, 139).trimEnd()}…` : text);

function Corrections({ corrections }: { corrections: AiModel["corrections"] }) {
  const [m, f] = useMessages(messages);
  const nameOf = useCategoryName();
  const t = m.corrections;
  const row = (c: CategoryCorrection, i: number) => (
    <tr key={`${c.createdAt}-${i}`}>
      <td className="nowrap"><time dateTime={c.createdAt}>{f.dateTime(c.createdAt)}</time></td>
      <th scope="row" className="nowrap">{c.reportRef ? <Link href={`~/staff/r/${c.reportRef}`}>{c.reportRef}</Link> : t.unknown}</th>
      <td>{f.fill(t.fromTo, { from: nameOf(c.fromCategory), to: nameOf(c.toCategory) })}</td>
      <td>{c.predictedCategory ? nameOf(c.predictedCategory) : t.unknown}</td>
      <td>{c.correctedBy ?? t.unknown}</td>
      <td className="ai-text" dir="auto" lang={c.language} title={c.text}>{excerpt(c.text)}</td>
    </tr>
  );
  return (
    <Section id="ai-corrections" title={t.heading}>
      <p><strong>{f.plural(t.since, corrections.sinceTraining)}</strong>. {f.plural(t.total, corrections.total)}</p>
      {corrections.recent.length === 0 ? <p className="muted">{t.none}</p> : (
        <TableScroll label={t.recent}>
          <table className="admin-table ai-table corrections">
            <thead>
              <tr>
                <th scope="col">{t.when}</th><th scope="col">{t.report}</th><th scope="col">{t.change}</th>
                <th scope="col">{t.predicted}</th><th scope="col">{t.who}</th><th scope="col">{t.text}</th>
              </tr>
            </thead>
            <tbody>{corrections.recent.map(row)}</tbody>
          </table>
        </TableScroll>
      )}
    </Section>
  );
}

function Model({ model }: { model: AiModel }) {
  const [m, f] = useMessages(messages);
  const { dec } = numbers(f);
  const nameOf = useCategoryName();
  const { training, evaluation } = model;
  const examples = training.examples;
  // Every category the evaluation names, in the order of their names in this language.
  const labels = evaluation
    ? [...new Set([...evaluation.category.perCategory.map((c) => c.label), ...Object.keys(evaluation.category.confusion)])]
      .sort((a, b) => nameOf(a).localeCompare(nameOf(b), f.locale))
    : [];
  return (
    <>
      <dl className="ai-facts" aria-label={m.facts.label}>
        <div><dt>{m.facts.version}</dt><dd dir="ltr"><code>{model.version}</code></dd></div>
        <div><dt>{m.facts.trainedAt}</dt><dd><time dateTime={model.trainedAt}>{f.dateTime(model.trainedAt)}</time></dd></div>
        {examples?.train !== undefined && (
          <div><dt>{m.facts.examples}</dt><dd>{f.fill(m.facts.split, { train: examples.train, validation: examples.validation ?? 0, test: examples.test ?? 0 })}</dd></div>
        )}
        {examples?.corrections !== undefined && <div><dt>{m.facts.corrections}</dt><dd>{f.number(examples.corrections)}</dd></div>}
        {training.validationMacroF1 !== undefined && <div><dt>{m.facts.validation}</dt><dd>{dec(training.validationMacroF1)}</dd></div>}
        {evaluation && <div><dt>{m.facts.evaluatedAt}</dt><dd><time dateTime={evaluation.evaluatedAt}>{f.dateTime(evaluation.evaluatedAt)}</time></dd></div>}
      </dl>
      {evaluation ? (
        <>
          <ByLanguage evaluation={evaluation} />
          <ByCategory evaluation={evaluation} labels={labels} />
          <Confusion evaluation={evaluation} labels={labels} />
          <LanguageId evaluation={evaluation} />
          <Duplicates evaluation={evaluation} />
        </>
      ) : <p className="notice" role="note">{m.noEvaluation}</p>}
      <Corrections corrections={model.corrections} />
    </>
  );
}

export default function AiModelPage() {
  const [m] = useMessages(messages);
  const { state, reload } = useResource<AiModel>("/api/admin/ai");
  return (
    <>
      <h1>{m.title}</h1>
      <p className="muted">{m.intro}</p>
      <Loaded states={[state]} reload={reload}>
        {(model) => <Model model={model} />}
      </Loaded>
    </>
  );
}
