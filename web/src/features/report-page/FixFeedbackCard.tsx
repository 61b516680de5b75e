/**
 * "Is it really fixed?": shown to the reporter (signed in, or holding the e-mailed link's token)
 * while the report is fixed and their answer is awaited. Yes or no, a satisfaction score as
 * five radio buttons (stars you can reach and read with a keyboard or a screen reader), an
 * optional comment. "No" reopens the report (see answer-fix-feedback.ts).
 */
import { useEffect, useState } from "react";
import { api, ApiError } from "../../lib/api.ts";
import { useLanguage, useMessages } from "../../lib/i18n.tsx";
import messages from "./report-loop.messages.ts";

const SCORES = [1, 2, 3, 4, 5] as const;

export function FixFeedbackCard({ reportRef, token, onDone }: { reportRef: string; token: string | null; onDone(): Promise<void> }) {
  const [m, f] = useMessages(messages);
  const { lang } = useLanguage();
  const [fixed, setFixed] = useState<boolean | null>(null);
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState("");
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<{ field: "fixed" | "comment" | null; message: string } | null>(null);
  const [answered, setAnswered] = useState<boolean | null>(null);
  // Opened from the e-mail, the question is what the reporter came for: bring it into view.
  useEffect(() => {
    if (token) document.getElementById("fix-feedback")?.scrollIntoView({ block: "start" });
  }, [token]);

  const submit = async () => {
    if (fixed === null) return setError({ field: "fixed", message: m.chooseAnswer });
    setSending(true);
    setError(null);
    try {
      await api(`/api/reports/${reportRef}/fix-feedback`, {
        json: { fixed, ...(score ? { score } : {}), ...(comment.trim() ? { comment: comment.trim() } : {}), language: lang, ...(token ? { token } : {}) },
      });
      setAnswered(fixed);
      await onDone();
    } catch (err) {
      if (err instanceof ApiError) {
        const comment = err.messageFor("comment");
        setError({ field: comment ? "comment" : null, message: comment ?? err.title });
      } else {
        setError({ field: null, message: m.failed });
      }
    } finally {
      setSending(false);
    }
  };

  if (answered !== null) {
    return (
      <section aria-labelledby="fix-feedback-heading" className="card fix-feedback" id="fix-feedback">
        <h2 id="fix-feedback-heading">{m.feedbackHeading}</h2>
        <p className="notice" role="status">{answered ? m.thanksFixed : m.thanksNotFixed}</p>
      </section>
    );
  }

  return (
    <section aria-labelledby="fix-feedback-heading" className="card fix-feedback" id="fix-feedback">
      <h2 id="fix-feedback-heading">{m.feedbackHeading}</h2>
      <p>{m.feedbackIntro}</p>
      <form noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <fieldset className="field" aria-describedby={error?.field === "fixed" ? "fix-feedback-error" : undefined}>
          <legend>{m.fixedQuestion}</legend>
          <label className="choice">
            <input type="radio" name="fixed" value="yes" checked={fixed === true} onChange={() => setFixed(true)} />
            {m.fixedYes}
          </label>
          <label className="choice">
            <input type="radio" name="fixed" value="no" checked={fixed === false} onChange={() => setFixed(false)} aria-describedby="fix-feedback-no-hint" />
            {m.fixedNo}
          </label>
          <span className="hint" id="fix-feedback-no-hint">{m.notFixedHint}</span>
        </fieldset>
        <fieldset className="field">
          <legend>{m.scoreQuestion}</legend>
          <span className="hint" id="fix-feedback-score-hint">{m.scoreHint}</span>
          <div className="stars" role="presentation">
            {SCORES.map((n) => (
              <label key={n} className={score !== null && n <= score ? "star on" : "star"}>
                <input type="radio" name="score" value={n} checked={score === n} onChange={() => setScore(n)}
                  aria-describedby={n === 1 ? "fix-feedback-score-hint" : undefined} />
                <span aria-hidden="true">★</span>
                <span className="visually-hidden">{f.plural(m.stars, n)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor="fix-feedback-comment">{m.commentLabel}</label>
          <span className="hint" id="fix-feedback-comment-hint">{m.commentHint}</span>
          <textarea id="fix-feedback-comment" dir="auto" rows={3} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)}
            aria-describedby={["fix-feedback-comment-hint", error?.field === "comment" && "fix-feedback-error"].filter(Boolean).join(" ")}
            aria-invalid={error?.field === "comment" ? true : undefined} />
        </div>
        {error && <p className="form-error" id="fix-feedback-error" role="alert">{error.message}</p>}
        <button type="submit" className="button primary" disabled={sending}>{sending ? m.sending : m.sendAnswer}</button>
      </form>
    </section>
  );
}
