import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { useCatalogue } from '../../lib/catalogue';
import { EMAIL_PATTERN, payloadProblems, useProblems, type Problem } from '../../lib/forms';
import { useSession, type Account } from '../../lib/session';
import { SLUG_PATTERN } from '../../lib/slug';
import { useDerivedSlug } from '../../lib/useDerivedSlug';
import { useAnnounce } from '../../components/Announcer';
import { ContactEmailField } from '../../components/ContactEmailField';
import { NeedsEditor, ToolProficiencyEditor, entryTargets, type NeedEntry, type ToolEntry } from '../../components/Editors';
import { ErrorSummary, SelectField, SubmitButton, TextArea, TextField } from '../../components/Form';
import { RequireAccount } from '../../components/Guard';
import { PageHeading } from '../../components/Page';
import { ErrorState, Loading } from '../../components/States';
import { VisibilityNote } from '../../components/Visibility';

const CreateAssociation = graphql(`
  mutation CreateAssociation($input: CreateAssociationInput!) {
    createAssociation(input: $input) {
      association {
        id
        slug
        name
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

function NewAssociationForm({ account }: { account: Account }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const { refreshParties } = useSession();
  const { catalogue, error, retry } = useCatalogue();
  const [name, setName] = useState('');
  const slug = useDerivedSlug(name);
  const [district, setDistrict] = useState('');
  const [description, setDescription] = useState('');
  const [contactEmail, setContactEmail] = useState(account.email);
  const [tools, setTools] = useState<ToolEntry[]>([]);
  const [needs, setNeeds] = useState<NeedEntry[]>([]);
  const problems = useProblems();
  const [state, create] = useMutation(CreateAssociation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (state.fetching) return;
    const found: Problem[] = [];
    if (!name.trim()) found.push({ message: t('association.nameMissing'), target: 'name' });
    if (!slug.value) {
      if (name.trim() || slug.edited) found.push({ message: t('association.slugMissing'), target: 'slug' });
    }
    else if (!SLUG_PATTERN.test(slug.value)) found.push({ message: t('association.slugInvalid'), target: 'slug' });
    if (contactEmail.trim() && !EMAIL_PATTERN.test(contactEmail.trim()))
      found.push({ message: t('association.emailInvalid'), target: 'contact-email' });
    if (found.length > 0) return problems.setProblems(found);

    const result = await create({
      input: {
        slug: slug.value,
        name: name.trim(),
        description: description.trim() || null,
        district: district || null,
        contactEmail: contactEmail.trim() || null,
        tools: tools.map((x) => ({ tool: x.tool, proficiency: x.proficiency })),
        needs: needs.map((n) => ({ skill: n.skill, minLevel: n.minLevel, priority: n.priority })),
      },
    });
    const payload = result.data?.createAssociation;
    if (!payload || payload.errors.length > 0 || !payload.association) {
      const fields = {
        slug: 'slug',
        name: 'name',
        description: 'description',
        district: 'district',
        contactEmail: 'contact-email',
        ...entryTargets('tools', 'tools', tools.map((x) => x.tool)),
        ...entryTargets('needs', 'needs', needs.map((n) => n.skill)),
      };
      if (payload) slug.keep();
      return problems.setProblems(
        payloadProblems(payload, result.error, fields, t, (e) =>
          e.code === 'CONFLICT' && e.field === 'slug' ? t('association.slugTaken') : undefined,
        ),
      );
    }
    problems.clear();
    refreshParties();
    announce(t('association.created', { name: payload.association.name }));
    void navigate(`/associations/${payload.association.slug}`, { state: { created: true } });
  };

  if (error && !catalogue) return <ErrorState error={error} retry={retry} />;
  if (!catalogue) return <Loading />;

  return (
    <form className="form" noValidate onSubmit={(e) => void submit(e)}>
      <ErrorSummary id="new-association-errors" problems={problems.problems} round={problems.round} />
      <VisibilityNote audience="everyone" />
      <TextField id="name" label={t('association.name')} value={name} onChange={setName} problem={problems.errorFor('name')} autoComplete="organization" />
      <TextField
        id="slug"
        label={t('association.slug')}
        hint={t('association.slugHint', { slug: slug.value || 'kiezgarten-neukoelln' })}
        value={slug.value}
        onChange={slug.edit}
        problem={problems.errorFor('slug')}
        spellCheck={false}
        autoCapitalize="none"
        width="medium"
      />
      <SelectField
        id="district"
        label={t('association.district')}
        hint={t('association.districtHint')}
        optional
        value={district}
        onChange={setDistrict}
        empty={t('association.noDistrict')}
        options={catalogue.districts.map((d) => ({ value: d.slug, label: d.label }))}
        problem={problems.errorFor('district')}
      />
      <TextArea
        id="description"
        label={t('association.description')}
        hint={t('association.descriptionHint')}
        optional
        value={description}
        onChange={setDescription}
        problem={problems.errorFor('description')}
        maxLength={5000}
      />
      <ToolProficiencyEditor
        id="tools"
        legend={t('association.toolsLegend')}
        hint={t('association.toolsHint')}
        filterLabel={t('association.toolsFilter')}
        proficiencyLabel={t('association.proficiency')}
        catalogue={catalogue}
        value={tools}
        onChange={setTools}
        problems={problems}
      />
      <NeedsEditor id="needs" catalogue={catalogue} value={needs} onChange={setNeeds} problems={problems} />
      <ContactEmailField
        id="contact-email"
        hint={t('association.contactEmailHint')}
        value={contactEmail}
        onChange={setContactEmail}
        problem={problems.errorFor('contact-email')}
      />
      <SubmitButton busy={state.fetching} busyText={t('association.creating')}>
        {t('association.create')}
      </SubmitButton>
    </form>
  );
}

export function AssociationNew() {
  const { t } = useTranslation();
  return (
    <RequireAccount title={t('association.newTitle')} roles={['MEMBER', 'STAFF']} wrongRole={t('association.onlyMembers')}>
      {(account) => (
        <>
          <PageHeading title={t('association.newTitle')} lead={t('association.newLead')}>
            {t('association.newTitle')}
          </PageHeading>
          <NewAssociationForm account={account} />
        </>
      )}
    </RequireAccount>
  );
}
