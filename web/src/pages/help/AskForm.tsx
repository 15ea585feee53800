import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { useLanguage } from '../../i18n';
import { useCatalogue } from '../../lib/catalogue';
import { payloadProblems, useProblems, type Problem } from '../../lib/forms';
import { COMMON_LANGUAGES, languageName } from '../../lib/languages';
import { useAnnounce } from '../../components/Announcer';
import { ErrorSummary, RadioGroup, SelectField, SubmitButton, TextArea } from '../../components/Form';
import { QUESTION_LISTS } from './questions';

const AskQuestion = graphql(`
  mutation AskQuestion($input: AskQuestionInput!) {
    askQuestion(input: $input) {
      question {
        ...HelpQuestionCard
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
const QUESTION_MAX = 5000;

type About = 'TOOL' | 'SKILL' | 'NONE';
const FIELDS = { text: 'question-text', tool: 'question-tool', skill: 'question-skill', language: 'question-language' };

/**
 * Asking a question: the text, what it is about (a tool or a skill of the catalogue, preselected by `?tool=` or
 * `?skill=` from their pages) and its language (the interface's unless changed).
 */
export function AskForm() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const { language: uiLanguage, locale } = useLanguage();
  const { catalogue } = useCatalogue();
  const [params] = useSearchParams();
  const [text, setText] = useState('');
  const [about, setAbout] = useState<About | ''>(params.get('tool') ? 'TOOL' : params.get('skill') ? 'SKILL' : '');
  const [tool, setTool] = useState(params.get('tool') ?? '');
  const [skill, setSkill] = useState(params.get('skill') ?? '');
  const [language, setLanguage] = useState<string>(uiLanguage);
  const [asked, setAsked] = useState(false);
  const problems = useProblems();
  const [state, ask] = useMutation(AskQuestion);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (state.fetching) return;
    setAsked(false);
    const found: Problem[] = [];
    if (!text.trim()) found.push({ message: t('help.textMissing'), target: FIELDS.text });
    else if (text.length > QUESTION_MAX) found.push({ message: t('help.textLong', { max: QUESTION_MAX }), target: FIELDS.text });
    if (about === 'TOOL' && !tool) found.push({ message: t('help.toolMissing'), target: FIELDS.tool });
    if (about === 'SKILL' && !skill) found.push({ message: t('help.skillMissing'), target: FIELDS.skill });
    if (found.length > 0) return problems.setProblems(found);
    const input = {
      text: text.trim(),
      tool: about === 'TOOL' ? tool : null,
      skill: about === 'SKILL' ? skill : null,
      language,
    };
    const result = await ask({ input }, QUESTION_LISTS);
    const payload = result.data?.askQuestion;
    const failed = payloadProblems(payload, result.error, FIELDS, t, (e) =>
      e.code === 'CONFLICT' ? t('help.tooMany') : undefined,
    );
    if (failed.length > 0 || !payload?.question) return problems.setProblems(failed);
    problems.clear();
    setText('');
    setAsked(true);
    announce(t('help.asked'));
  };

  const languages = COMMON_LANGUAGES.includes(language) ? COMMON_LANGUAGES : [language, ...COMMON_LANGUAGES];
  return (
    <form className="form narrow" noValidate onSubmit={(e) => void submit(e)}>
      <ErrorSummary id="ask-errors" problems={problems.problems} round={problems.round} />
      {asked ? (
        <div className="notice notice--success" role="status">
          <p>{t('help.asked')}</p>
        </div>
      ) : null}
      <TextArea
        id={FIELDS.text}
        label={t('help.text')}
        hint={t('help.textHint')}
        value={text}
        onChange={(value) => {
          setText(value);
          setAsked(false);
        }}
        rows={6}
        problem={problems.errorFor(FIELDS.text)}
      />
      <RadioGroup
        id="question-about"
        legend={t('help.aboutLegend')}
        hint={t('help.aboutHint')}
        value={about}
        onChange={setAbout}
        options={[
          { value: 'TOOL', label: t('help.aboutTool'), hint: t('help.aboutToolHint') },
          { value: 'SKILL', label: t('help.aboutSkill'), hint: t('help.aboutSkillHint') },
          { value: 'NONE', label: t('help.aboutNone') },
        ]}
      />
      {about === 'TOOL' ? (
        <SelectField
          id={FIELDS.tool}
          label={t('help.tool')}
          value={tool}
          onChange={setTool}
          empty={t('help.choose')}
          options={(catalogue?.tools ?? []).map((x) => ({ value: x.slug, label: x.label }))}
          problem={problems.errorFor(FIELDS.tool)}
        />
      ) : null}
      {about === 'SKILL' ? (
        <SelectField
          id={FIELDS.skill}
          label={t('help.skill')}
          value={skill}
          onChange={setSkill}
          empty={t('help.choose')}
          options={(catalogue?.skills ?? []).map((x) => ({ value: x.slug, label: x.label }))}
          problem={problems.errorFor(FIELDS.skill)}
        />
      ) : null}
      <SelectField
        id={FIELDS.language}
        label={t('help.language')}
        hint={t('help.languageHint')}
        value={language}
        onChange={setLanguage}
        options={languages.map((code) => ({ value: code, label: languageName(code, locale) }))}
        problem={problems.errorFor(FIELDS.language)}
      />
      <SubmitButton busy={state.fetching} busyText={t('help.busy')}>
        {t('help.submit')}
      </SubmitButton>
    </form>
  );
}
