import { useEffect, useLayoutEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { AnswerField } from './answer-field.tsx';
import {
  fetchSurvey,
  sendSurveyAnswers,
  type SurveyForm,
  type SurveyProblem,
} from './survey-api.ts';
import './survey-page.css';

/** The toolkit's own reminder, from the sample survey's introduction. */
export const STUDENT_PRIVACY_REMINDER =
  'Please do not share any information regarding specific students in your responses.';

type PageState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'form'; readonly form: SurveyForm }
  | { readonly kind: 'sent' }
  | { readonly kind: 'link-closed'; readonly message: string }
  | { readonly kind: 'unreachable'; readonly message: string };

/**
 * `/s/:token`: the staff survey as a form, for whoever holds the survey link. The token is the
 * whole capability and opens only this page: nothing is kept on the device (no token, no draft),
 * no socket is opened, and the answer goes out as one request with no name attached.
 */
export function SurveyPage({ token }: { readonly token: string }) {
  const [state, setState] = useState<PageState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    document.title = 'Staff survey · Pathways';
    let current = true;
    void fetchSurvey(token).then((answer) => {
      if (current)
        setState(answer.kind === 'form' ? answer : { kind: answer.kind, message: answer.message });
    });
    return () => {
      current = false;
    };
  }, [token, attempt]);

  switch (state.kind) {
    case 'loading':
      return (
        <main id="main" className="page narrow survey-page">
          <p role="status">Opening the survey…</p>
        </main>
      );
    case 'link-closed':
      return (
        <Message title="This survey is closed">
          <p>{state.message}</p>
        </Message>
      );
    case 'unreachable':
      return (
        <Message title="The survey could not be opened">
          <p>{state.message}</p>
          <button
            type="button"
            className="primary"
            onClick={() => (setState({ kind: 'loading' }), setAttempt((n) => n + 1))}
          >
            Try again
          </button>
        </Message>
      );
    case 'sent':
      return (
        <Message title="Thank you">
          <p>
            Your answers were received. They are kept without your name, your device or the time you
            sent them, only the date, and the team will read them together.
          </p>
          <p>You can close this page now.</p>
        </Message>
      );
    case 'form':
      return (
        <SurveyFormView
          token={token}
          form={state.form}
          onSent={() => setState({ kind: 'sent' })}
          onClosed={(message) => setState({ kind: 'link-closed', message })}
        />
      );
  }
}

/** A whole-page message whose heading takes focus, so a screen reader hears what happened. */
function Message({
  title,
  children,
}: {
  readonly title: string;
  readonly children: React.ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <main id="main" className="page narrow survey-page">
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </main>
  );
}

interface FormProps {
  readonly token: string;
  readonly form: SurveyForm;
  readonly onSent: () => void;
  readonly onClosed: (message: string) => void;
}

function SurveyFormView({ token, form, onSent, onClosed }: FormProps) {
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [focusRequest, setFocusRequest] = useState<{ readonly field: string } | null>(null);
  const fields = useRef(new Map<string, HTMLTextAreaElement>());
  // In the same commit as the messages the field is described by, so nobody sees them unfocused.
  useLayoutEffect(() => {
    if (focusRequest !== null) fields.current.get(focusRequest.field)?.focus();
  }, [focusRequest]);
  const groups = useMemo(() => {
    const byGroup = new Map<string, SurveyForm['questions'][number][]>();
    for (const question of form.questions)
      byGroup.set(question.group, [...(byGroup.get(question.group) ?? []), question]);
    return [...byGroup];
  }, [form.questions]);
  const firstId = form.questions[0]?.id ?? '';

  /** Shows errors in place and moves focus to the first field they concern. */
  const showErrors = (message: string | null, problems: readonly SurveyProblem[]) => {
    const byField: Record<string, string> = {};
    const general: string[] = message === null ? [] : [message];
    for (const problem of problems) {
      if (
        problem.questionId !== null &&
        form.questions.some((question) => question.id === problem.questionId)
      )
        byField[problem.questionId] ??= problem.message;
      else if (!general.includes(problem.message)) general.push(problem.message);
    }
    setFieldErrors(byField);
    setFormError(general.length > 0 ? general.join(' ') : null);
    const first =
      form.questions.find((question) => byField[question.id] !== undefined)?.id ?? firstId;
    setFocusRequest({ field: first });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    const problems: SurveyProblem[] = [];
    const trimmed: Record<string, string> = {};
    for (const question of form.questions) {
      const text = (answers[question.id] ?? '').trim();
      if (text.length > form.maxAnswerCharacters) {
        problems.push({
          questionId: question.id,
          message: `This answer is ${text.length.toLocaleString('en-US')} characters; please keep it under ${form.maxAnswerCharacters.toLocaleString('en-US')}.`,
        });
      } else if (text !== '') trimmed[question.id] = text;
    }
    if (problems.length > 0) return showErrors(null, problems);
    if (Object.keys(trimmed).length === 0)
      return showErrors('Please answer at least one question before sending.', []);

    setSending(true);
    const answer = await sendSurveyAnswers(token, trimmed);
    setSending(false);
    if (answer.kind === 'sent') onSent();
    else if (answer.kind === 'link-closed') onClosed(answer.message);
    else if (answer.kind === 'refused') {
      const onFields = answer.problems.some((problem) => problem.questionId !== null);
      showErrors(onFields ? null : answer.message, answer.problems);
    } else showErrors(answer.message, []);
  };

  return (
    <main id="main" className="page narrow survey-page">
      <h1>Staff survey</h1>
      <p className="survey-for">{form.title}</p>
      <p>
        We are interested in your opinions about how school staff and community mental health
        providers work together. Answer as many questions as you like.
      </p>
      <p className="survey-anonymous">
        Your answers are anonymous: no name, account, device or time is kept with them, only the
        date they arrive.
      </p>
      <p className="notice survey-reminder" id="survey-reminder">
        <strong>Reminder:</strong> {STUDENT_PRIVACY_REMINDER}
      </p>
      <form noValidate onSubmit={submit} aria-describedby="survey-reminder">
        {formError !== null && (
          <p id="survey-form-error" className="form-error survey-form-error">
            {formError}
          </p>
        )}
        {groups.map(([group, questions]) => (
          <fieldset key={group} className="survey-group">
            <legend>{group}</legend>
            {questions.map((question) => (
              <AnswerField
                key={question.id}
                id={question.id}
                prompt={question.prompt}
                value={answers[question.id] ?? ''}
                max={form.maxAnswerCharacters}
                error={fieldErrors[question.id] ?? null}
                formErrorId={
                  question.id === firstId && formError !== null ? 'survey-form-error' : null
                }
                register={(element) => {
                  if (element === null) fields.current.delete(question.id);
                  else fields.current.set(question.id, element);
                }}
                onChange={(text) => {
                  setFormError(null);
                  setAnswers((current) => ({ ...current, [question.id]: text }));
                  if (
                    fieldErrors[question.id] !== undefined &&
                    text.trim().length <= form.maxAnswerCharacters
                  ) {
                    setFieldErrors(({ [question.id]: _fixed, ...rest }) => rest);
                  }
                }}
              />
            ))}
          </fieldset>
        ))}
        <button
          type="submit"
          className="primary survey-send"
          disabled={sending}
          aria-describedby={formError !== null ? 'survey-form-error' : undefined}
        >
          {sending ? 'Sending…' : 'Send answers'}
        </button>
      </form>
    </main>
  );
}
