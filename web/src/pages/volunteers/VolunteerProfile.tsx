import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { VolunteerProfileFragment } from '../../gql/graphql';
import { useLanguage } from '../../i18n';
import { useCatalogue, type Catalogue } from '../../lib/catalogue';
import { EMAIL_PATTERN, parseWhole, payloadProblems, problemsFrom, requestProblem, useProblems, type Problem } from '../../lib/forms';
import { COMMON_LANGUAGES, languageName } from '../../lib/languages';
import type { ProficiencyValue } from '../../lib/levels';
import { useSession, type Account } from '../../lib/session';
import { randomSuffix, slugify } from '../../lib/slug';
import { useAnnounce } from '../../components/Announcer';
import { ContactEmailField } from '../../components/ContactEmailField';
import {
  LevelExplainer,
  SkillOffersEditor,
  ToolProficiencyEditor,
  entryTargets,
  type OfferEntry,
  type ToolEntry,
} from '../../components/Editors';
import { Checkbox, CheckboxGroup, ErrorSummary, NumberField, SelectField, TextArea, TextField } from '../../components/Form';
import { RequireAccount } from '../../components/Guard';
import { PageHeading } from '../../components/Page';
import { SaveButton } from '../../components/SaveButton';
import { ErrorState, Loading, Notice } from '../../components/States';
import { VisibilityNote } from '../../components/Visibility';

const OwnVolunteerQuery = graphql(`
  query OwnVolunteer($slug: String!, $language: Language!) {
    volunteer(slug: $slug) {
      ...VolunteerProfile
    }
  }
`);

const CreateVolunteer = graphql(`
  mutation CreateVolunteerProfile($input: CreateVolunteerProfileInput!, $language: Language!) {
    createVolunteerProfile(input: $input) {
      volunteer {
        ...VolunteerProfile
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

const UpdateVolunteer = graphql(`
  mutation UpdateVolunteerProfile($slug: String!, $input: UpdateVolunteerProfileInput!, $language: Language!) {
    updateVolunteerProfile(slug: $slug, input: $input) {
      volunteer {
        ...VolunteerProfile
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

const FIELDS = {
  displayName: 'display-name',
  slug: 'display-name',
  bio: 'bio',
  contactEmail: 'contact-email',
  languages: 'languages',
  district: 'district',
  remote: 'remote',
  hoursPerMonth: 'hours',
  maxMentees: 'max-mentees',
};

function VolunteerForm({
  account,
  catalogue,
  existing,
  onCreated,
}: {
  account: Account;
  catalogue: Catalogue;
  existing: VolunteerProfileFragment | null;
  onCreated: (slug: string) => void;
}) {
  const { t } = useTranslation();
  const { api, locale } = useLanguage();
  const announce = useAnnounce();
  const [displayName, setDisplayName] = useState(existing?.displayName ?? '');
  const [bio, setBio] = useState(existing?.bio ?? '');
  const [contactEmail, setContactEmail] = useState(existing ? (existing.contactEmail ?? '') : account.email);
  const [languages, setLanguages] = useState<string[]>(existing?.languages ?? ['de']);
  const [district, setDistrict] = useState(existing?.district?.slug ?? '');
  const [remote, setRemote] = useState(existing?.remote ?? false);
  const [hours, setHours] = useState(existing?.hoursPerMonth == null ? '' : String(existing.hoursPerMonth));
  const [maxMentees, setMaxMentees] = useState(String(existing?.maxMentees ?? 2));
  const [skills, setSkills] = useState<OfferEntry[]>(existing?.skills.map((s) => ({ skill: s.skill.slug, level: s.level })) ?? []);
  const [tools, setTools] = useState<ToolEntry[]>(
    existing?.tools.map((k) => ({ tool: k.tool.slug, proficiency: k.proficiency as ProficiencyValue })) ?? [],
  );
  const [saved, setSaved] = useState(false);
  const problems = useProblems();
  const [createState, create] = useMutation(CreateVolunteer);
  const [updateState, update] = useMutation(UpdateVolunteer);
  const busy = createState.fetching || updateState.fetching;
  const languageOptions = [...new Set([...COMMON_LANGUAGES, ...languages])].map((code) => ({
    value: code,
    label: languageName(code, locale),
  }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setSaved(false);
    const found: Problem[] = [];
    if (!displayName.trim()) found.push({ message: t('volunteer.nameMissing'), target: 'display-name' });
    const h = parseWhole(hours);
    if (h === undefined || (h !== null && (h < 0 || h > 200))) found.push({ message: t('volunteer.hoursInvalid'), target: 'hours' });
    const m = parseWhole(maxMentees);
    if (m === undefined || m === null || m < 0 || m > 20) found.push({ message: t('volunteer.menteesInvalid'), target: 'max-mentees' });
    if (contactEmail.trim() && !EMAIL_PATTERN.test(contactEmail.trim()))
      found.push({ message: t('association.emailInvalid'), target: 'contact-email' });
    if (found.length > 0) return problems.setProblems(found);

    const common = {
      displayName: displayName.trim(),
      bio: bio.trim() || null,
      contactEmail: contactEmail.trim() || null,
      languages,
      district: district || null,
      remote,
      hoursPerMonth: h ?? null,
      maxMentees: m ?? 2,
      skills: skills.map((s) => ({ skill: s.skill, level: s.level })),
      tools: tools.map((x) => ({ tool: x.tool, proficiency: x.proficiency })),
    };
    const fields = {
      ...FIELDS,
      ...entryTargets('skills', 'skills', skills.map((s) => s.skill)),
      ...entryTargets('tools', 'tools', tools.map((x) => x.tool)),
    };

    if (existing) {
      const result = await update({ slug: existing.slug, input: common, language: api });
      const failed = payloadProblems(result.data?.updateVolunteerProfile, result.error, fields, t);
      if (failed.length > 0) return problems.setProblems(failed);
      problems.clear();
      setSaved(true);
      announce(t('volunteer.saved'));
      return;
    }

    // the address is made from the name; a taken one gets another suffix once
    for (let attempt = 0; attempt < 2; attempt++) {
      const slug = `${slugify(displayName) || 'freiwillig'}-${randomSuffix()}`.slice(0, 80);
      const result = await create({ input: { slug, ...common }, language: api });
      const payload = result.data?.createVolunteerProfile;
      if (!payload) return problems.setProblems([requestProblem(result.error, t)]);
      if (payload.errors.some((e) => e.code === 'CONFLICT' && e.field === 'slug') && attempt === 0) continue;
      if (payload.errors.length > 0 || !payload.volunteer) return problems.setProblems(problemsFrom(payload.errors, fields, t));
      problems.clear();
      announce(t('volunteer.created'));
      onCreated(payload.volunteer.slug);
      return;
    }
  };

  return (
    <form className="form" noValidate onSubmit={(e) => void submit(e)}>
      <ErrorSummary id="volunteer-errors" problems={problems.problems} round={problems.round} />
      <VisibilityNote audience="signedIn" />
      <TextField
        id="display-name"
        label={t('volunteer.displayName')}
        hint={t('volunteer.displayNameHint')}
        autoComplete="name"
        value={displayName}
        onChange={setDisplayName}
        problem={problems.errorFor('display-name')}
      />
      <TextArea id="bio" label={t('volunteer.bio')} hint={t('volunteer.bioHint')} optional value={bio} onChange={setBio} problem={problems.errorFor('bio')} maxLength={5000} />
      <SkillOffersEditor id="skills" catalogue={catalogue} value={skills} onChange={setSkills} problems={problems} />
      <LevelExplainer />
      <ToolProficiencyEditor
        id="tools"
        legend={t('volunteer.toolsLegend')}
        hint={t('volunteer.toolsHint')}
        filterLabel={t('volunteer.toolsFilter')}
        proficiencyLabel={t('association.proficiency')}
        catalogue={catalogue}
        value={tools}
        onChange={setTools}
        problems={problems}
      />
      <CheckboxGroup
        id="languages"
        legend={t('volunteer.languages')}
        options={languageOptions}
        selected={languages}
        onChange={setLanguages}
        problem={problems.errorFor('languages')}
      />
      <SelectField
        id="district"
        label={t('volunteer.district')}
        hint={t('volunteer.districtHint')}
        optional
        value={district}
        onChange={setDistrict}
        empty={t('association.noDistrict')}
        options={catalogue.districts.map((d) => ({ value: d.slug, label: d.label }))}
        problem={problems.errorFor('district')}
      />
      <Checkbox id="remote" label={t('volunteer.remote')} hint={t('volunteer.remoteHint')} checked={remote} onChange={setRemote} problem={problems.errorFor('remote')} />
      <NumberField id="hours" label={t('volunteer.hours')} hint={t('volunteer.hoursHint')} optional value={hours} onChange={setHours} problem={problems.errorFor('hours')} />
      <NumberField
        id="max-mentees"
        label={t('volunteer.maxMentees')}
        hint={t('volunteer.maxMenteesHint')}
        value={maxMentees}
        onChange={setMaxMentees}
        problem={problems.errorFor('max-mentees')}
      />
      <ContactEmailField
        id="contact-email"
        hint={t('volunteer.contactEmailHint')}
        value={contactEmail}
        onChange={setContactEmail}
        problem={problems.errorFor('contact-email')}
      />
      {!district && !remote ? <Notice tone="warning">{t('volunteer.placeWarning')}</Notice> : null}
      <SaveButton busy={busy} saved={saved}>
        {existing ? t('volunteer.save') : t('volunteer.create')}
      </SaveButton>
    </form>
  );
}

function OwnProfile({ account }: { account: Account }) {
  const { t } = useTranslation();
  const { api } = useLanguage();
  const { parties, partiesError, refreshParties } = useSession();
  const { catalogue, error: catalogueError, retry } = useCatalogue();
  const [createdSlug, setCreatedSlug] = useState<string | null>(null);
  const slug = createdSlug ?? parties?.volunteer?.slug ?? null;
  const [result, reexecute] = useQuery({
    query: OwnVolunteerQuery,
    variables: { slug: slug ?? '', language: api },
    pause: !slug,
  });

  if (partiesError && !parties) return <ErrorState retry={refreshParties} />;
  if (catalogueError && !catalogue) return <ErrorState error={catalogueError} retry={retry} />;
  if (!parties || !catalogue || (slug && result.fetching && !result.data)) return <Loading />;
  if (slug && result.error && !result.data)
    return <ErrorState error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />;
  const existing = slug ? (result.data?.volunteer ?? null) : null;

  return (
    <>
      {createdSlug ? (
        <Notice tone="success">
          <p>
            {t('volunteer.createdNotice')} <Link to="/inbox">{t('volunteer.toInbox')}</Link>
          </p>
        </Notice>
      ) : null}
      {existing ? (
        <p className="actions">
          <Link to={`/volunteers/${existing.slug}`}>{t('volunteer.viewPublic')}</Link> ·{' '}
          <Link to="/inbox">{t('volunteer.toInbox')}</Link>
        </p>
      ) : (
        <p>{t('volunteer.createIntro')}</p>
      )}
      <VolunteerForm
        key={existing?.id ?? 'new'}
        account={account}
        catalogue={catalogue}
        existing={existing}
        onCreated={(s) => {
          setCreatedSlug(s);
          refreshParties();
        }}
      />
    </>
  );
}

export function VolunteerProfile() {
  const { t } = useTranslation();
  return (
    <RequireAccount title={t('volunteer.title')} roles={['VOLUNTEER']} wrongRole={t('volunteer.onlyVolunteers')}>
      {(account) => (
        <>
          <PageHeading title={t('volunteer.title')} lead={t('volunteer.lead')}>
            {t('volunteer.title')}
          </PageHeading>
          <OwnProfile account={account} />
        </>
      )}
    </RequireAccount>
  );
}
