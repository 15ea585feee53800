import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { AssociationProfileFragment, SetAssociationNeedsMutationVariables, Visibility } from '../../gql/graphql';
import { useLanguage } from '../../i18n';
import { useCatalogue, type Catalogue } from '../../lib/catalogue';
import { EMAIL_PATTERN, parseWhole, payloadProblems, useProblems, type Problem } from '../../lib/forms';
import { COMMON_LANGUAGES, languageName } from '../../lib/languages';
import type { ProficiencyValue } from '../../lib/levels';
import { useSession } from '../../lib/session';
import { useAnnounce } from '../../components/Announcer';
import { ContactEmailField } from '../../components/ContactEmailField';
import { DangerZone } from '../../components/DangerZone';
import { NeedsEditor, ToolProficiencyEditor, entryTargets, toolGroups, type NeedEntry, type ToolEntry } from '../../components/Editors';
import { CheckboxGroup, NumberField, RadioGroup, SelectField, TextArea, TextField } from '../../components/Form';
import { RequireAccount } from '../../components/Guard';
import { PageHeading } from '../../components/Page';
import { Picker } from '../../components/Picker';
import { ErrorState, Loading } from '../../components/States';
import type { Audience } from '../../components/Visibility';
import { ProfileHints } from './AssociationPage';
import { EditorSection, type SaveResult } from './EditorSection';

const EditQuery = graphql(`
  query AssociationEdit($slug: String!, $language: Language!) {
    association(slug: $slug) {
      ...AssociationProfile
    }
  }
`);

const UpdateBasics = graphql(`
  mutation UpdateAssociationBasics($slug: String!, $input: UpdateAssociationInput!, $language: Language!) {
    updateAssociation(slug: $slug, input: $input) {
      ...AssociationResult
    }
  }
`);

const SetTools = graphql(`
  mutation SetAssociationTools($slug: String!, $tools: [ToolUsageInput!]!, $language: Language!) {
    setAssociationTools(slug: $slug, tools: $tools) {
      ...AssociationResult
    }
  }
`);

const SetNeeds = graphql(`
  mutation SetAssociationNeeds(
    $slug: String!
    $needs: [SkillNeedInput!]
    $considers: [String!]
    $fields: [String!]
    $targetGroups: [String!]
    $language: Language!
  ) {
    setAssociationNeeds(slug: $slug, needs: $needs, considers: $considers, fields: $fields, targetGroups: $targetGroups) {
      ...AssociationResult
    }
  }
`);

const DeleteAssociation = graphql(`
  mutation DeleteAssociation($slug: String!) {
    deleteAssociation(slug: $slug) {
      deletedId
      errors {
        field
        code
        message
      }
    }
  }
`);

function profileAudience(a: AssociationProfileFragment): Audience {
  return a.visibility === 'PUBLIC' ? 'everyone' : 'members';
}

function BasicsSection({ association }: { association: AssociationProfileFragment }) {
  const { t } = useTranslation();
  const { api, locale } = useLanguage();
  const { catalogue } = useCatalogue();
  const a = association;
  const [name, setName] = useState(a.name);
  const [description, setDescription] = useState(a.description ?? '');
  const [members, setMembers] = useState(a.members == null ? '' : String(a.members));
  const [paidStaff, setPaidStaff] = useState(a.paidStaff == null ? '' : String(a.paidStaff));
  const [languages, setLanguages] = useState<string[]>(a.languages);
  const [district, setDistrict] = useState(a.district?.slug ?? '');
  const [visibility, setVisibility] = useState<Visibility>(a.visibility);
  const [contactEmail, setContactEmail] = useState(a.contactEmail ?? '');
  const problems = useProblems();
  const [, update] = useMutation(UpdateBasics);
  const languageOptions = [...new Set([...COMMON_LANGUAGES, ...a.languages])].map((code) => ({
    value: code,
    label: languageName(code, locale),
  }));

  const validate = () => {
    const found: Problem[] = [];
    if (!name.trim()) found.push({ message: t('association.nameMissing'), target: 'basics-name' });
    const m = parseWhole(members);
    if (m === undefined || (m !== null && m < 0)) found.push({ message: t('association.membersInvalid'), target: 'basics-members' });
    const p = parseWhole(paidStaff);
    if (p === undefined || (p !== null && p < 0))
      found.push({ message: t('association.paidStaffInvalid'), target: 'basics-paid-staff' });
    if (contactEmail.trim() && !EMAIL_PATTERN.test(contactEmail.trim()))
      found.push({ message: t('association.emailInvalid'), target: 'basics-contact-email' });
    return found;
  };

  const save = async () => {
    const result = await update({
      slug: a.slug,
      language: api,
      input: {
        name: name.trim(),
        description: description.trim() || null,
        members: parseWhole(members) ?? null,
        paidStaff: parseWhole(paidStaff) ?? null,
        languages,
        district: district || null,
        visibility,
        contactEmail: contactEmail.trim() || null,
      },
    });
    return { payload: result.data?.updateAssociation, error: result.error };
  };

  return (
    <EditorSection
      id="basics"
      title={t('edit.basicsTitle')}
      audience={profileAudience(a)}
      submitLabel={t('edit.saveBasics')}
      problems={problems}
      validate={validate}
      save={save}
      fields={() => ({
        name: 'basics-name',
        description: 'basics-description',
        members: 'basics-members',
        paidStaff: 'basics-paid-staff',
        languages: 'basics-languages',
        district: 'basics-district',
        visibility: 'basics-visibility',
        contactEmail: 'basics-contact-email',
      })}
    >
      <TextField id="basics-name" label={t('association.name')} value={name} onChange={setName} problem={problems.errorFor('basics-name')} />
      <TextArea
        id="basics-description"
        label={t('association.description')}
        optional
        value={description}
        onChange={setDescription}
        problem={problems.errorFor('basics-description')}
        maxLength={5000}
      />
      <NumberField
        id="basics-members"
        label={t('association.members')}
        optional
        value={members}
        onChange={setMembers}
        problem={problems.errorFor('basics-members')}
      />
      <NumberField
        id="basics-paid-staff"
        label={t('association.paidStaff')}
        hint={t('association.paidStaffHint')}
        optional
        value={paidStaff}
        onChange={setPaidStaff}
        problem={problems.errorFor('basics-paid-staff')}
      />
      <CheckboxGroup
        id="basics-languages"
        legend={t('association.languages')}
        hint={t('association.languagesHint')}
        options={languageOptions}
        selected={languages}
        onChange={setLanguages}
        problem={problems.errorFor('basics-languages')}
      />
      <SelectField
        id="basics-district"
        label={t('association.district')}
        hint={t('association.districtHint')}
        optional
        value={district}
        onChange={setDistrict}
        empty={t('association.noDistrict')}
        options={(catalogue?.districts ?? []).map((d) => ({ value: d.slug, label: d.label }))}
        problem={problems.errorFor('basics-district')}
      />
      <RadioGroup
        id="basics-visibility"
        legend={t('association.visibility')}
        value={visibility}
        onChange={setVisibility}
        problem={problems.errorFor('basics-visibility')}
        options={[
          { value: 'PUBLIC', label: t('association.visibilityPublic'), hint: t('association.visibilityPublicHint') },
          { value: 'MEMBERS', label: t('association.visibilityMembers'), hint: t('association.visibilityMembersHint') },
        ]}
      />
      <ContactEmailField
        id="basics-contact-email"
        hint={t('association.contactEmailHint')}
        value={contactEmail}
        onChange={setContactEmail}
        problem={problems.errorFor('basics-contact-email')}
      />
    </EditorSection>
  );
}

type NeedsInput = Omit<SetAssociationNeedsMutationVariables, 'slug' | 'language'>;

/** Saves one part of what the association needs (skills, considered tools, fields and groups). */
function useSetNeeds(slug: string): (input: NeedsInput) => Promise<SaveResult> {
  const { api } = useLanguage();
  const [, setAssociationNeeds] = useMutation(SetNeeds);
  return async (input) => {
    const result = await setAssociationNeeds({ slug, language: api, ...input });
    return { payload: result.data?.setAssociationNeeds, error: result.error };
  };
}

function ToolsSection({ association, catalogue }: { association: AssociationProfileFragment; catalogue: Catalogue }) {
  const { t } = useTranslation();
  const { api } = useLanguage();
  const [tools, setTools] = useState<ToolEntry[]>(
    association.tools.map((u) => ({ tool: u.tool.slug, proficiency: u.proficiency as ProficiencyValue })),
  );
  const problems = useProblems();
  const [, setAssociationTools] = useMutation(SetTools);
  // keep the "since" dates the editor does not show
  const since = new Map(association.tools.map((u) => [u.tool.slug, u.since ?? null]));
  const save = async () => {
    const result = await setAssociationTools({
      slug: association.slug,
      language: api,
      tools: tools.map((x) => ({ tool: x.tool, proficiency: x.proficiency, since: since.get(x.tool) ?? null })),
    });
    return { payload: result.data?.setAssociationTools, error: result.error };
  };
  return (
    <EditorSection
      id="tools-section"
      title={t('edit.toolsTitle')}
      audience={profileAudience(association)}
      intro={t('edit.toolsIntro')}
      submitLabel={t('edit.saveTools')}
      problems={problems}
      save={save}
      fields={() => entryTargets('tools', 'tools', tools.map((x) => x.tool))}
    >
      <ToolProficiencyEditor
        id="tools"
        legend={t('association.toolsLegend')}
        filterLabel={t('association.toolsFilter')}
        proficiencyLabel={t('association.proficiency')}
        catalogue={catalogue}
        value={tools}
        onChange={setTools}
        problems={problems}
      />
    </EditorSection>
  );
}

function NeedsSection({ association, catalogue }: { association: AssociationProfileFragment; catalogue: Catalogue }) {
  const { t } = useTranslation();
  const [needs, setNeedsValue] = useState<NeedEntry[]>(
    association.needs.map((n) => ({ skill: n.skill.slug, minLevel: n.minLevel, priority: n.priority })),
  );
  const problems = useProblems();
  const setNeeds = useSetNeeds(association.slug);
  const save = () => setNeeds({ needs: needs.map((n) => ({ skill: n.skill, minLevel: n.minLevel, priority: n.priority })) });
  return (
    <EditorSection
      id="needs-section"
      title={t('edit.needsTitle')}
      audience={profileAudience(association)}
      intro={t('edit.needsIntro')}
      submitLabel={t('edit.saveNeeds')}
      problems={problems}
      save={save}
      fields={() => entryTargets('needs', 'needs', needs.map((n) => n.skill))}
    >
      <NeedsEditor id="needs" catalogue={catalogue} value={needs} onChange={setNeedsValue} problems={problems} />
    </EditorSection>
  );
}

function ConsidersSection({ association, catalogue }: { association: AssociationProfileFragment; catalogue: Catalogue }) {
  const { t } = useTranslation();
  const [considers, setConsiders] = useState<string[]>(association.considers.map((c) => c.slug));
  const problems = useProblems();
  const setNeeds = useSetNeeds(association.slug);
  const save = () => setNeeds({ considers });
  return (
    <EditorSection
      id="considers-section"
      title={t('edit.considersTitle')}
      audience={profileAudience(association)}
      intro={t('edit.considersIntro')}
      submitLabel={t('edit.saveConsiders')}
      problems={problems}
      save={save}
      fields={() => entryTargets('considers', 'considers', considers)}
    >
      <Picker
        id="considers"
        legend={t('edit.considersLegend')}
        filterLabel={t('edit.considersFilter')}
        groups={toolGroups(catalogue)}
        selected={considers}
        onChange={setConsiders}
        problem={problems.errorFor('considers')}
        entryProblem={(slug) => problems.errorFor(`considers-${slug}`)}
      />
    </EditorSection>
  );
}

function FieldsSection({ association, catalogue }: { association: AssociationProfileFragment; catalogue: Catalogue }) {
  const { t } = useTranslation();
  const [fields, setFields] = useState<string[]>(association.fields.map((f) => f.slug));
  const [groups, setGroups] = useState<string[]>(association.targetGroups.map((g) => g.slug));
  const problems = useProblems();
  const setNeeds = useSetNeeds(association.slug);
  const save = () => setNeeds({ fields, targetGroups: groups });
  return (
    <EditorSection
      id="fields-section"
      title={t('edit.fieldsTitle')}
      audience={profileAudience(association)}
      intro={t('edit.fieldsIntro')}
      submitLabel={t('edit.saveFields')}
      problems={problems}
      save={save}
      fields={() => ({ fields: 'fields', targetGroups: 'target-groups' })}
    >
      <CheckboxGroup
        id="fields"
        legend={t('edit.fieldsLegend')}
        options={catalogue.fields.map((f) => ({ value: f.slug, label: f.label }))}
        selected={fields}
        onChange={setFields}
        problem={problems.errorFor('fields')}
      />
      <CheckboxGroup
        id="target-groups"
        legend={t('edit.groupsLegend')}
        hint={t('edit.groupsHint')}
        options={catalogue.targetGroups.map((g) => ({ value: g.slug, label: g.label }))}
        selected={groups}
        onChange={setGroups}
        problem={problems.errorFor('target-groups')}
      />
    </EditorSection>
  );
}

function DeleteSection({ association }: { association: AssociationProfileFragment }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const { refreshParties } = useSession();
  const problems = useProblems();
  const [state, remove] = useMutation(DeleteAssociation);
  const confirm = async (close: () => void) => {
    if (state.fetching) return;
    const result = await remove({ slug: association.slug });
    const failed = payloadProblems(result.data?.deleteAssociation, result.error, {}, t);
    if (failed.length > 0) return problems.setProblems(failed);
    close();
    refreshParties();
    announce(t('edit.deleted', { name: association.name }));
    void navigate('/me');
  };
  return (
    <DangerZone
      id="delete"
      dialogId="delete-association"
      title={t('edit.deleteTitle')}
      text={t('edit.deleteText')}
      button={t('edit.deleteButton')}
      dialogTitle={t('edit.deleteDialogTitle', { name: association.name })}
      dialogText={t('edit.deleteDialogText')}
      confirmLabel={t('edit.deleteConfirm')}
      keepLabel={t('me.cancel')}
      errorsId="delete-association-errors"
      problems={problems}
      confirm={confirm}
    />
  );
}

function Editor({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const { api } = useLanguage();
  // the editor keeps what was typed: the query result is read once per association, not on every save
  const [result, reexecute] = useQuery({ query: EditQuery, variables: { slug, language: api }, requestPolicy: 'cache-and-network' });
  const { catalogue, error: catalogueError, retry } = useCatalogue();
  const a = result.data?.association;
  const title = a ? t('edit.title', { name: a.name }) : t('edit.titlePlain');

  let body: ReactNode;
  if ((result.fetching && !result.data) || (!catalogue && !catalogueError)) body = <Loading />;
  else if (result.error && !result.data)
    body = <ErrorState error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />;
  else if (catalogueError && !catalogue) body = <ErrorState error={catalogueError} retry={retry} />;
  else if (!a) body = <p>{t('association.notFoundText')}</p>;
  else if (!a.canEdit) body = <p>{t('edit.notAllowed')}</p>;
  else if (catalogue)
    body = (
      <div key={a.id}>
        <p className="actions">
          <Link to={`/associations/${a.slug}`}>{t('edit.toPage')}</Link>
        </p>
        <ProfileHints association={a} />
        <nav aria-label={t('edit.sectionsNav')} className="section-nav">
          <ul>
            <li>
              <a href="#basics-title">{t('edit.basicsTitle')}</a>
            </li>
            <li>
              <a href="#tools-section-title">{t('edit.toolsTitle')}</a>
            </li>
            <li>
              <a href="#needs-section-title">{t('edit.needsTitle')}</a>
            </li>
            <li>
              <a href="#considers-section-title">{t('edit.considersTitle')}</a>
            </li>
            <li>
              <a href="#fields-section-title">{t('edit.fieldsTitle')}</a>
            </li>
          </ul>
        </nav>
        <BasicsSection association={a} />
        <ToolsSection association={a} catalogue={catalogue} />
        <NeedsSection association={a} catalogue={catalogue} />
        <ConsidersSection association={a} catalogue={catalogue} />
        <FieldsSection association={a} catalogue={catalogue} />
        <DeleteSection association={a} />
      </div>
    );

  return (
    <>
      <PageHeading title={title} lead={t('edit.lead')}>
        {title}
      </PageHeading>
      {body}
    </>
  );
}

export function AssociationEdit() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  return <RequireAccount title={t('edit.titlePlain')}>{() => <Editor slug={slug} />}</RequireAccount>;
}
