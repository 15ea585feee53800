import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { MailFrequency, MailLanguage } from '../gql/graphql';
import { payloadProblems, useProblems, type Problem } from '../lib/forms';
import { useAnnounce } from '../components/Announcer';
import { ErrorSummary, RadioGroup } from '../components/Form';
import { SaveButton } from '../components/SaveButton';
import { ErrorState, Loading } from '../components/States';

const MailPreferencesQuery = graphql(`
  query MailPreferences {
    mailPreferences {
      frequency
      language
    }
  }
`);

const SetMailPreferences = graphql(`
  mutation SetMailPreferences($input: MailPreferencesInput!) {
    setMailPreferences(input: $input) {
      mailPreferences {
        frequency
        language
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

const FREQUENCIES: MailFrequency[] = ['IMMEDIATE', 'DAILY', 'WEEKLY', 'NEVER'];
const FIELDS = { frequency: 'mail-frequency', language: 'mail-language' };

/** How often the account gets mail and in which language; an event's cancellation always comes, as the page says. */
export function MailSettings() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [result, reexecute] = useQuery({ query: MailPreferencesQuery, requestPolicy: 'cache-and-network' });
  const [state, save] = useMutation(SetMailPreferences);
  const [frequency, setFrequency] = useState<MailFrequency | ''>('');
  const [language, setLanguage] = useState<MailLanguage | ''>('');
  const [saved, setSaved] = useState(false);
  const problems = useProblems();
  const stored = result.data?.mailPreferences;

  // The form starts from what is stored; after that it keeps what the person chose, also after an error.
  useEffect(() => {
    if (!stored) return;
    setFrequency((f) => f || stored.frequency);
    setLanguage((l) => l || stored.language);
  }, [stored]);

  if (result.fetching && !result.data) return <Loading lines={2} />;
  if (result.error && !result.data)
    return <ErrorState error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />;

  const labels: Record<MailFrequency, [string, string]> = {
    IMMEDIATE: [t('me.mailIMMEDIATE'), t('me.mailIMMEDIATEHint')],
    DAILY: [t('me.mailDAILY'), t('me.mailDAILYHint')],
    WEEKLY: [t('me.mailWEEKLY'), t('me.mailWEEKLYHint')],
    NEVER: [t('me.mailNEVER'), t('me.mailNEVERHint')],
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (state.fetching) return;
    setSaved(false);
    const found: Problem[] = [];
    if (!frequency) found.push({ message: t('me.mailChoose'), target: FIELDS.frequency });
    if (!language) found.push({ message: t('me.mailChooseLanguage'), target: FIELDS.language });
    if (found.length > 0 || !frequency || !language) return problems.setProblems(found);
    const answer = await save({ input: { frequency, language } });
    const payload = answer.data?.setMailPreferences;
    const failed = payloadProblems(payload, answer.error, FIELDS, t);
    if (failed.length > 0 || !payload?.mailPreferences) return problems.setProblems(failed);
    problems.clear();
    setSaved(true);
    announce(t('me.mailSaved'));
  };

  return (
    <form className="form narrow" noValidate onSubmit={(e) => void submit(e)}>
      <p>{t('me.mailIntro')}</p>
      <ErrorSummary id="mail-errors" problems={problems.problems} round={problems.round} />
      <RadioGroup
        id={FIELDS.frequency}
        legend={t('me.mailFrequency')}
        value={frequency}
        onChange={(value) => {
          setFrequency(value);
          setSaved(false);
        }}
        problem={problems.errorFor(FIELDS.frequency)}
        options={FREQUENCIES.map((value) => ({ value, label: labels[value][0], hint: labels[value][1] }))}
      />
      <p className="notice">{t('me.mailAlways')}</p>
      <RadioGroup
        id={FIELDS.language}
        legend={t('me.mailLanguage')}
        value={language}
        inline
        onChange={(value) => {
          setLanguage(value);
          setSaved(false);
        }}
        problem={problems.errorFor(FIELDS.language)}
        options={[
          { value: 'DE', label: <span lang="de">Deutsch</span> },
          { value: 'EN', label: <span lang="en">English</span> },
        ]}
      />
      <p className="hint">{t('me.mailUnsubscribe')}</p>
      <SaveButton busy={state.fetching} saved={saved} savedText={t('me.mailSaved')}>
        {t('me.mailSave')}
      </SaveButton>
    </form>
  );
}
