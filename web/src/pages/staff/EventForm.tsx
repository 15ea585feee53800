import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { EventFormat, StaffEventEditQuery, Visibility } from '../../gql/graphql';
import { useCatalogue, type Catalogue } from '../../lib/catalogue';
import { fromDateTimeLocal, toDateTimeLocal } from '../../lib/format';
import { parseWhole, payloadProblems, useProblems, type Problem } from '../../lib/forms';
import { SLUG_PATTERN } from '../../lib/slug';
import { useDerivedSlug } from '../../lib/useDerivedSlug';
import { useAnnounce } from '../../components/Announcer';
import { DangerZone } from '../../components/DangerZone';
import { skillGroups, toolGroups } from '../../components/Editors';
import { CheckboxGroup, ErrorSummary, NumberField, RadioGroup, SelectField, TextArea, TextField } from '../../components/Form';
import { RequireAccount } from '../../components/Guard';
import { PageHeading } from '../../components/Page';
import { Picker } from '../../components/Picker';
import { SaveButton } from '../../components/SaveButton';
import { ErrorState, Loading, Notice } from '../../components/States';
import { FORMATS, formatLabel } from '../events/Events';

// what the form edits: read by the edit page, returned by a save (so the cache stays complete)
graphql(`
  fragment StaffEventFields on Event {
    id
    slug
    title
    description
    startsAt
    endsAt
    format
    status
    visibility
    capacity
    outreachShare
    district {
      slug
    }
    tools {
      slug
    }
    skills {
      slug
    }
    fields {
      slug
    }
  }
`);

const EditQuery = graphql(`
  query StaffEventEdit($slug: String!) {
    event(slug: $slug) {
      ...StaffEventFields
      canEdit
    }
  }
`);

const CreateEvent = graphql(`
  mutation CreateEvent($input: CreateEventInput!) {
    createEvent(input: $input) {
      event {
        id
        slug
        title
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

const UpdateEvent = graphql(`
  mutation UpdateEvent($slug: String!, $input: UpdateEventInput!) {
    updateEvent(slug: $slug, input: $input) {
      event {
        ...StaffEventFields
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

const CancelEvent = graphql(`
  mutation CancelEvent($slug: String!) {
    cancelEvent(slug: $slug) {
      event {
        id
        status
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

type Existing = NonNullable<StaffEventEditQuery['event']>;

const FIELDS = {
  slug: 'slug',
  title: 'title',
  description: 'description',
  startsAt: 'starts',
  endsAt: 'ends',
  format: 'format',
  district: 'district',
  capacity: 'capacity',
  visibility: 'visibility',
  outreachShare: 'outreach',
  about: 'topic-tools',
  'about.tools': 'topic-tools',
  'about.skills': 'topic-skills',
  'about.fields': 'topic-fields',
};

function Form({ catalogue, existing }: { catalogue: Catalogue; existing: Existing | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const [title, setTitle] = useState(existing?.title ?? '');
  const slug = useDerivedSlug(title, existing?.slug ?? '', !!existing);
  const [starts, setStarts] = useState(toDateTimeLocal(existing?.startsAt));
  const [ends, setEnds] = useState(toDateTimeLocal(existing?.endsAt));
  const [description, setDescription] = useState(existing?.description ?? '');
  const [format, setFormat] = useState<EventFormat>(existing?.format ?? 'IN_PERSON');
  const [district, setDistrict] = useState(existing?.district?.slug ?? '');
  const [capacity, setCapacity] = useState(existing?.capacity == null ? '' : String(existing.capacity));
  const [visibility, setVisibility] = useState<Visibility>(existing?.visibility ?? 'PUBLIC');
  const [outreach, setOutreach] = useState(String(Math.round((existing?.outreachShare ?? 0.3) * 100)));
  const [tools, setTools] = useState<string[]>(existing?.tools.map((x) => x.slug) ?? []);
  const [skills, setSkills] = useState<string[]>(existing?.skills.map((x) => x.slug) ?? []);
  const [fields, setFields] = useState<string[]>(existing?.fields.map((x) => x.slug) ?? []);
  const [saved, setSaved] = useState(false);
  const problems = useProblems();
  const [createState, create] = useMutation(CreateEvent);
  const [updateState, update] = useMutation(UpdateEvent);
  const busy = createState.fetching || updateState.fetching;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setSaved(false);
    const found: Problem[] = [];
    if (!title.trim()) found.push({ message: t('eventForm.titleMissing'), target: 'title' });
    if (!existing && (title.trim() || slug.edited) && !SLUG_PATTERN.test(slug.value)) found.push({ message: t('association.slugInvalid'), target: 'slug' });
    const startsAt = fromDateTimeLocal(starts);
    const endsAt = fromDateTimeLocal(ends);
    if (!startsAt) found.push({ message: t('eventForm.startsMissing'), target: 'starts' });
    if (!endsAt) found.push({ message: t('eventForm.endsMissing'), target: 'ends' });
    if (startsAt && endsAt && endsAt <= startsAt) found.push({ message: t('eventForm.endsBeforeStart'), target: 'ends' });
    const cap = parseWhole(capacity);
    if (cap === undefined || (cap !== null && cap < 1)) found.push({ message: t('eventForm.capacityInvalid'), target: 'capacity' });
    const share = parseWhole(outreach);
    if (share === undefined || share === null || share < 0 || share > 100)
      found.push({ message: t('eventForm.outreachInvalid'), target: 'outreach' });
    if (found.length > 0 || !startsAt || !endsAt) return problems.setProblems(found);

    const common = {
      title: title.trim(),
      description: description.trim() || null,
      startsAt,
      endsAt,
      format,
      district: district || null,
      capacity: cap ?? null,
      visibility,
      outreachShare: (share ?? 30) / 100,
      about: { tools, skills, fields },
    };
    if (existing) {
      const result = await update({ slug: existing.slug, input: common });
      const failed = payloadProblems(result.data?.updateEvent, result.error, FIELDS, t);
      if (failed.length > 0) return problems.setProblems(failed);
      problems.clear();
      setSaved(true);
      announce(t('eventForm.saved'));
      return;
    }
    const result = await create({ input: { slug: slug.value, ...common } });
    const payload = result.data?.createEvent;
    const failed = payloadProblems(payload, result.error, FIELDS, t, (e) =>
      e.code === 'CONFLICT' && e.field === 'slug' ? t('eventForm.slugTaken') : undefined,
    );
    if (failed.length > 0 || !payload?.event) {
      if (payload) slug.keep();
      return problems.setProblems(failed);
    }
    problems.clear();
    announce(t('eventForm.created', { title: payload.event.title }));
    void navigate(`/staff/events/${payload.event.slug}`, { state: { created: true } });
  };

  return (
    <form className="form" noValidate onSubmit={(e) => void submit(e)}>
      <ErrorSummary id="event-form-errors" problems={problems.problems} round={problems.round} />
      <TextField id="title" label={t('eventForm.title')} value={title} onChange={setTitle} problem={problems.errorFor('title')} />
      {!existing ? (
        <TextField
          id="slug"
          label={t('eventForm.slug')}
          hint={t('eventForm.slugHint', { slug: slug.value || 'nextcloud-stammtisch-2027' })}
          value={slug.value}
          onChange={slug.edit}
          problem={problems.errorFor('slug')}
          spellCheck={false}
          width="medium"
        />
      ) : null}
      <TextField id="starts" label={t('eventForm.starts')} type="datetime-local" width="medium" value={starts} onChange={setStarts} problem={problems.errorFor('starts')} />
      <TextField id="ends" label={t('eventForm.ends')} type="datetime-local" width="medium" value={ends} onChange={setEnds} problem={problems.errorFor('ends')} />
      <TextArea id="description" label={t('eventForm.description')} optional value={description} onChange={setDescription} problem={problems.errorFor('description')} />
      <RadioGroup
        id="format"
        legend={t('events.format')}
        value={format}
        onChange={setFormat}
        inline
        options={FORMATS.map((f) => ({ value: f, label: formatLabel(f, t) }))}
        problem={problems.errorFor('format')}
      />
      <SelectField
        id="district"
        label={t('association.district')}
        optional
        value={district}
        onChange={setDistrict}
        empty={t('association.noDistrict')}
        options={catalogue.districts.map((d) => ({ value: d.slug, label: d.label }))}
        problem={problems.errorFor('district')}
      />
      <NumberField id="capacity" label={t('eventForm.capacity')} hint={t('eventForm.capacityHint')} optional value={capacity} onChange={setCapacity} problem={problems.errorFor('capacity')} />
      <NumberField id="outreach" label={t('eventForm.outreach')} hint={t('eventForm.outreachHint')} value={outreach} onChange={setOutreach} problem={problems.errorFor('outreach')} />
      <RadioGroup
        id="visibility"
        legend={t('association.visibility')}
        value={visibility}
        onChange={setVisibility}
        options={[
          { value: 'PUBLIC', label: t('association.visibilityPublic') },
          { value: 'MEMBERS', label: t('association.visibilityMembers') },
        ]}
        problem={problems.errorFor('visibility')}
      />
      <h2 className="form-heading">{t('eventForm.topicsTitle')}</h2>
      <p>{t('eventForm.topicsHint')}</p>
      <Picker
        id="topic-tools"
        legend={t('eventForm.topicTools')}
        filterLabel={t('eventForm.topicToolsFilter')}
        groups={toolGroups(catalogue)}
        selected={tools}
        onChange={setTools}
        problem={problems.errorFor('topic-tools')}
      />
      <Picker
        id="topic-skills"
        legend={t('eventForm.topicSkills')}
        filterLabel={t('eventForm.topicSkillsFilter')}
        groups={skillGroups(catalogue, t('eventForm.topicSkills'))}
        selected={skills}
        onChange={setSkills}
        problem={problems.errorFor('topic-skills')}
      />
      <CheckboxGroup
        id="topic-fields"
        legend={t('eventForm.topicFields')}
        options={catalogue.fields.map((f) => ({ value: f.slug, label: f.label }))}
        selected={fields}
        onChange={setFields}
        problem={problems.errorFor('topic-fields')}
      />
      <SaveButton busy={busy} saved={saved} savedText={t('eventForm.savedInline')}>
        {existing ? t('eventForm.save') : t('eventForm.create')}
      </SaveButton>
    </form>
  );
}

function CancelSection({ event }: { event: Existing }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const problems = useProblems();
  const [state, cancel] = useMutation(CancelEvent);
  if (event.status === 'CANCELLED') return <Notice tone="warning">{t('eventPage.isCancelled')}</Notice>;
  const confirm = async (close: () => void) => {
    if (state.fetching) return;
    const result = await cancel({ slug: event.slug });
    const failed = payloadProblems(result.data?.cancelEvent, result.error, {}, t);
    if (failed.length > 0) return problems.setProblems(failed);
    close();
    announce(t('eventForm.cancelled'));
  };
  return (
    <DangerZone
      id="cancel"
      dialogId="cancel-dialog"
      title={t('eventForm.cancelTitle')}
      text={t('eventForm.cancelText')}
      button={t('eventForm.cancelButton')}
      dialogTitle={t('eventForm.cancelDialogTitle', { title: event.title })}
      dialogText={t('eventForm.cancelDialogText')}
      confirmLabel={t('eventForm.cancelConfirm')}
      keepLabel={t('eventForm.keep')}
      errorsId="cancel-errors"
      problems={problems}
      confirm={confirm}
    />
  );
}

function EditEvent({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const { catalogue, error: catalogueError, retry } = useCatalogue();
  const [result, reexecute] = useQuery({ query: EditQuery, variables: { slug } });
  const event = result.data?.event;
  const title = event ? t('eventForm.editTitle', { title: event.title }) : t('eventForm.editTitlePlain');
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      {(result.fetching && !result.data) || (!catalogue && !catalogueError) ? <Loading /> : null}
      {result.error && !result.data ? <ErrorState error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} /> : null}
      {catalogueError && !catalogue ? <ErrorState error={catalogueError} retry={retry} /> : null}
      {result.data && !event ? <p>{t('eventPage.notFoundText')}</p> : null}
      {event && catalogue ? (
        <>
          <p className="actions">
            <Link to={`/staff/events/${event.slug}`}>{t('eventForm.toInvites')}</Link> ·{' '}
            <Link to={`/events/${event.slug}`}>{t('eventForm.toPublic')}</Link>
          </p>
          <Form key={event.id} catalogue={catalogue} existing={event} />
          <CancelSection event={event} />
        </>
      ) : null}
    </>
  );
}

function NewEvent() {
  const { t } = useTranslation();
  const { catalogue, error, retry } = useCatalogue();
  return (
    <>
      <PageHeading title={t('eventForm.newTitle')} lead={t('eventForm.newLead')}>
        {t('eventForm.newTitle')}
      </PageHeading>
      {error && !catalogue ? <ErrorState error={error} retry={retry} /> : null}
      {!catalogue && !error ? <Loading /> : null}
      {catalogue ? <Form catalogue={catalogue} existing={null} /> : null}
    </>
  );
}

export function StaffEventNew() {
  const { t } = useTranslation();
  return (
    <RequireAccount title={t('eventForm.newTitle')} roles={['STAFF']} wrongRole={t('staff.onlyStaff')}>
      {() => <NewEvent />}
    </RequireAccount>
  );
}

export function StaffEventEdit() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  return (
    <RequireAccount title={t('eventForm.editTitlePlain')} roles={['STAFF']} wrongRole={t('staff.onlyStaff')}>
      {() => <EditEvent slug={slug} />}
    </RequireAccount>
  );
}
