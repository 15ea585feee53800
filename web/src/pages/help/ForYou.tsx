import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { HelpQuestionsForMeQuery } from '../../gql/graphql';
import type { Catalogue } from '../../lib/catalogue';
import { codeMessage, payloadProblems, requestProblem, useProblems, type Problem } from '../../lib/forms';
import { useAnnounce } from '../../components/Announcer';
import { ErrorMessage, ErrorSummary, SubmitButton, TextArea } from '../../components/Form';
import { Empty } from '../../components/States';
import { ReasonList } from '../../components/SuggestionCard';
import { AnswerText, QUESTION_LISTS, QuestionMeta, StatusBadge, domId, shortText } from './questions';

export const HelpQuestionsForMeDocument = graphql(`
  query HelpQuestionsForMe {
    helpQuestionsForMe(first: 30) {
      totalCount
      nodes {
        ...HelpQuestionCard
        canClaim
        canAnswer
        yourRoute {
          rank
          reasons {
            code
            detail
          }
        }
      }
    }
  }
`);

const ClaimQuestion = graphql(`
  mutation ClaimQuestion($id: ID!) {
    claimQuestion(id: $id) {
      question {
        ...HelpQuestionCard
        canClaim
        canAnswer
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

const AnswerQuestion = graphql(`
  mutation AnswerQuestion($id: ID!, $text: String!) {
    answerQuestion(id: $id, text: $text) {
      question {
        ...HelpQuestionCard
        canClaim
        canAnswer
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

/** As network/help/models.py allows. */
const ANSWER_MAX = 10000;

type RoutedQuestion = HelpQuestionsForMeQuery['helpQuestionsForMe']['nodes'][number];

/** The answer to a question the volunteer claimed; what was typed stays after an error. */
function AnswerForm({ question }: { question: RoutedQuestion }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [text, setText] = useState('');
  const problems = useProblems();
  const [state, answer] = useMutation(AnswerQuestion);
  const field = domId('answer', question.id);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (state.fetching) return;
    const found: Problem[] = [];
    if (!text.trim()) found.push({ message: t('help.answerMissing'), target: field });
    else if (text.length > ANSWER_MAX) found.push({ message: t('help.answerLong', { max: ANSWER_MAX }), target: field });
    if (found.length > 0) return problems.setProblems(found);
    const result = await answer({ id: question.id, text: text.trim() }, QUESTION_LISTS);
    const payload = result.data?.answerQuestion;
    const failed = payloadProblems(payload, result.error, { text: field }, t);
    if (failed.length > 0 || !payload?.question) return problems.setProblems(failed);
    problems.clear();
    announce(t('help.answered'));
  };
  return (
    <form className="form" noValidate onSubmit={(e) => void submit(e)}>
      <ErrorSummary id={`${field}-errors`} problems={problems.problems} round={problems.round} />
      <TextArea
        id={field}
        label={t('help.answerLabel')}
        hint={t('help.answerHint')}
        value={text}
        onChange={setText}
        rows={6}
        problem={problems.errorFor(field)}
      />
      <SubmitButton busy={state.fetching} busyText={t('help.sending')}>
        {t('help.sendAnswer')}
      </SubmitButton>
    </form>
  );
}

/** A question sent to the volunteer: why them first (as on a suggestion card), then the question, then what to do. */
function RoutedCard({ question, catalogue }: { question: RoutedQuestion; catalogue: Catalogue | null }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [claiming, claim] = useMutation(ClaimQuestion);
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const [lost, setLost] = useState(false);
  const headingId = domId('routed', question.id);
  const name = shortText(question.text);

  const onClaim = async () => {
    if (claiming.fetching) return;
    setProblem(undefined);
    const result = await claim({ id: question.id }, QUESTION_LISTS);
    const payload = result.data?.claimQuestion;
    if (!payload) return setProblem(requestProblem(result.error, t));
    const error = payload.errors[0];
    if (error?.code === 'CONFLICT') {
      setLost(true);
      return announce(t('help.taken'));
    }
    if (error) return setProblem({ message: codeMessage(error.code, t), detail: error.message });
    announce(t('help.claimed'));
  };

  const mine = question.canAnswer;
  const takenByOther = !mine && !question.canClaim && question.status === 'CLAIMED';
  return (
    <article className={`suggestion${question.status === 'ANSWERED' ? ' suggestion--connected' : ''}`} aria-labelledby={headingId}>
      {question.yourRoute ? (
        <>
          <p className="reasons__title">{t('help.whyYou')}</p>
          <ReasonList reasons={question.yourRoute.reasons} perspective="helpRoute" catalogue={catalogue} />
        </>
      ) : null}
      <h3 id={headingId} className="suggestion__name">
        {name} <StatusBadge status={question.status} />
      </h3>
      <QuestionMeta question={question} showAsker />
      {question.text.length > name.length || question.text.includes('\n') ? (
        <p className="answer__text">{question.text}</p>
      ) : null}
      <ErrorMessage id={`${headingId}-error`} problem={problem} />
      {question.status === 'ANSWERED' ? (
        <AnswerText question={question} />
      ) : question.status === 'CLOSED' ? (
        <p className="suggestion__state">{t('help.nextCLOSED')}</p>
      ) : mine ? (
        <>
          <p className="suggestion__state suggestion__state--waiting">{t('help.claimed')}</p>
          <AnswerForm question={question} />
        </>
      ) : question.canClaim && !lost ? (
        <div className="answer-buttons">
          <button
            type="button"
            className="button"
            aria-label={`${t('help.claim')}: ${name}`}
            aria-disabled={claiming.fetching || undefined}
            onClick={() => void onClaim()}
          >
            {t('help.claim')}
          </button>
          <span className="busy" role="status">
            {claiming.fetching ? t('help.claiming') : ''}
          </span>
        </div>
      ) : takenByOther && question.claimedBy ? (
        <p className="suggestion__state">{t('help.takenByOther', { name: question.claimedBy })}</p>
      ) : (
        <p className="suggestion__state">{t('help.taken')}</p>
      )}
    </article>
  );
}

/** "Fragen an Sie": the questions routed to the volunteer profile the account acts for. */
export function ForYou({
  questions,
  catalogue,
}: {
  questions: readonly RoutedQuestion[];
  catalogue: Catalogue | null;
}) {
  const { t } = useTranslation();
  if (questions.length === 0)
    return <Empty action={<Link to="/volunteer">{t('help.completeProfile')}</Link>}>{t('help.noneForYou')}</Empty>;
  // Open work first: what the volunteer may claim or answer, then the rest, each newest first as the API sends them.
  const open = questions.filter((q) => q.canClaim || q.canAnswer);
  const rest = questions.filter((q) => !q.canClaim && !q.canAnswer);
  return (
    <ul className="suggestion-list question-list">
      {[...open, ...rest].map((q) => (
        <li key={q.id}>
          <RoutedCard question={q} catalogue={catalogue} />
        </li>
      ))}
    </ul>
  );
}
