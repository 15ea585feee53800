import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { MyHelpQuestionsQuery } from '../../gql/graphql';
import { useLanguage } from '../../i18n';
import { useCatalogue } from '../../lib/catalogue';
import { formatTime } from '../../lib/format';
import { useSession, type Account } from '../../lib/session';
import { usePolling } from '../../lib/usePolling';
import { ErrorMessage } from '../../components/Form';
import { RequireAccount } from '../../components/Guard';
import { PageHeading, Section } from '../../components/Page';
import { Empty, ErrorState, Loading, Notice } from '../../components/States';
import { AskForm } from './AskForm';
import { ForYou, HelpQuestionsForMeDocument } from './ForYou';
import { AnswerText, QUESTION_LISTS, QuestionMeta, StatusBadge, domId, shortText, useCloseQuestion } from './questions';

const MyHelpQuestionsDocument = graphql(`
  query MyHelpQuestions {
    myHelpQuestions(first: 30) {
      totalCount
      nodes {
        ...HelpQuestionCard
      }
    }
  }
`);

/** Answers and claims arrive while the page is open: it asks again this often while the tab is visible. */
const POLL_MS = 10000;

type AskedQuestion = MyHelpQuestionsQuery['myHelpQuestions']['nodes'][number];

/** One of the asker's questions: where it stands, what happens next, the answer once there is one. */
function AskedCard({ question }: { question: AskedQuestion }) {
  const { t } = useTranslation();
  const close = useCloseQuestion(t('help.withdrawn'));
  const headingId = domId('asked', question.id);
  const name = shortText(question.text);
  const waiting = question.status === 'OPEN' || question.status === 'CLAIMED';
  return (
    <article className="card" aria-labelledby={headingId}>
      <h3 id={headingId} className="card__title card__title--small">
        {name} <StatusBadge status={question.status} />
      </h3>
      <QuestionMeta question={question} showAsker={false} />
      {question.text !== name ? <p className="answer__text">{question.text}</p> : null}
      {question.status === 'OPEN' ? <p>{t('help.nextOPEN')}</p> : null}
      {question.status === 'CLAIMED' ? (
        <p>{t('help.nextCLAIMED', { name: question.claimedBy ?? t('help.someone') })}</p>
      ) : null}
      {question.status === 'CLOSED' ? <p>{t('help.nextCLOSED')}</p> : null}
      <AnswerText question={question} />
      <ErrorMessage id={`${headingId}-error`} problem={close.problem} />
      {waiting ? (
        <button
          type="button"
          className="button button--secondary"
          aria-label={`${t('help.withdraw')}: ${name}`}
          aria-disabled={close.busy || undefined}
          onClick={() => void close.send(question.id)}
        >
          {t('help.withdraw')}
        </button>
      ) : null}
    </article>
  );
}

function Updated({ at }: { at: Date | null }) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  if (!at) return null;
  return <p className="updated">{t('help.updated', { time: formatTime(at.toISOString(), locale) })}</p>;
}

function HelpContent({ account }: { account: Account }) {
  const { t } = useTranslation();
  const { parties } = useSession();
  const { catalogue } = useCatalogue();
  const volunteer = parties?.volunteer ?? null;
  const [mine, refreshMine] = useQuery({ query: MyHelpQuestionsDocument, context: QUESTION_LISTS, requestPolicy: 'cache-and-network' });
  const [forMe, refreshForMe] = useQuery({
    query: HelpQuestionsForMeDocument,
    context: QUESTION_LISTS,
    requestPolicy: 'cache-and-network',
    pause: !volunteer,
  });
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  usePolling(() => {
    refreshMine({ requestPolicy: 'network-only' });
    if (volunteer) refreshForMe({ requestPolicy: 'network-only' });
    setUpdatedAt(new Date());
  }, POLL_MS);

  const forYou = volunteer ? (
    <Section id="for-you" title={t('help.forYouTitle')}>
      <p>{t('help.forYouIntro')}</p>
      {forMe.fetching && !forMe.data ? <Loading /> : null}
      {forMe.error && !forMe.data ? (
        <ErrorState error={forMe.error} retry={() => refreshForMe({ requestPolicy: 'network-only' })} />
      ) : null}
      {forMe.data ? <ForYou questions={forMe.data.helpQuestionsForMe.nodes} catalogue={catalogue} /> : null}
    </Section>
  ) : null;

  return (
    <>
      <Updated at={updatedAt} />
      {forYou}
      <Section id="ask" title={t('help.askTitle')}>
        {account.verified ? (
          <AskForm />
        ) : (
          <Notice tone="warning">
            <p>{t('help.unverified')}</p>
          </Notice>
        )}
      </Section>
      <Section id="mine" title={t('help.mineTitle')}>
        {mine.fetching && !mine.data ? <Loading /> : null}
        {mine.error && !mine.data ? (
          <ErrorState error={mine.error} retry={() => refreshMine({ requestPolicy: 'network-only' })} />
        ) : null}
        {mine.data && mine.data.myHelpQuestions.nodes.length === 0 ? <Empty>{t('help.noneMine')}</Empty> : null}
        {mine.data && mine.data.myHelpQuestions.nodes.length > 0 ? (
          <ul className="card-list">
            {mine.data.myHelpQuestions.nodes.map((q) => (
              <li key={q.id}>
                <AskedCard question={q} />
              </li>
            ))}
          </ul>
        ) : null}
      </Section>
    </>
  );
}

export function Help() {
  const { t } = useTranslation();
  return (
    <RequireAccount title={t('help.title')}>
      {(account) => (
        <>
          <PageHeading title={t('help.title')} lead={t('help.lead')}>
            {t('help.title')}
          </PageHeading>
          <HelpContent account={account} />
        </>
      )}
    </RequireAccount>
  );
}
