import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { AssociationProfileFragment } from '../../gql/graphql';
import { useLanguage } from '../../i18n';
import { languageName } from '../../lib/languages';
import { levelText, priorityLabel, proficiencyLabel } from '../../lib/levels';
import { PageHeading, Section } from '../../components/Page';
import { Empty, ErrorState, Loading, Notice } from '../../components/States';

const AssociationQuery = graphql(`
  query AssociationPage($slug: String!, $language: Language!) {
    association(slug: $slug) {
      ...AssociationProfile
    }
  }
`);

/** What more data would improve the suggestions, for the people who can add it. */
export function ProfileHints({ association }: { association: AssociationProfileFragment }) {
  const { t } = useTranslation();
  const hints: string[] = [];
  if (association.tools.length < 2) hints.push(t('hints.tools'));
  if (!association.district) hints.push(t('hints.district'));
  if (association.needs.length === 0) hints.push(t('hints.needs'));
  if (!association.contactEmail) hints.push(t('hints.contactEmail'));
  if (association.languages.length === 0) hints.push(t('hints.languages'));
  if (association.fields.length === 0) hints.push(t('hints.fields'));
  if (hints.length === 0) return null;
  return (
    <aside className="hints" aria-labelledby="hints-title">
      <h2 id="hints-title" className="hints__title">
        {t('hints.title')}
      </h2>
      <ul>
        {hints.map((h) => (
          <li key={h}>{h}</li>
        ))}
      </ul>
    </aside>
  );
}

function Facts({ association }: { association: AssociationProfileFragment }) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const a = association;
  return (
    <dl className="facts">
      <div>
        <dt>{t('association.district')}</dt>
        <dd>{a.district?.name ?? t('association.unknown')}</dd>
      </div>
      <div>
        <dt>{t('association.members')}</dt>
        <dd>{a.members ?? t('association.unknown')}</dd>
      </div>
      <div>
        <dt>{t('association.paidStaff')}</dt>
        <dd>
          {a.paidStaff == null ? t('association.unknown') : a.paidStaff === 0 ? t('association.volunteerRun') : a.paidStaff}
        </dd>
      </div>
      <div>
        <dt>{t('association.languages')}</dt>
        <dd>{a.languages.length ? a.languages.map((l) => languageName(l, locale)).join(', ') : t('association.unknown')}</dd>
      </div>
      {a.canEdit ? (
        <div>
          <dt>{t('association.visibility')}</dt>
          <dd>{a.visibility === 'PUBLIC' ? t('association.visibilityPublic') : t('association.visibilityMembers')}</dd>
        </div>
      ) : null}
    </dl>
  );
}

export function AssociationPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const { api } = useLanguage();
  const location = useLocation();
  const created = (location.state as { created?: boolean } | null)?.created === true;
  const [result, reexecute] = useQuery({ query: AssociationQuery, variables: { slug, language: api } });
  const a = result.data?.association;

  if (result.fetching && !result.data) {
    return (
      <>
        <PageHeading title={t('association.pageTitle')}>{t('association.pageTitle')}</PageHeading>
        <Loading />
      </>
    );
  }
  if (result.error && !result.data) {
    return (
      <>
        <PageHeading title={t('association.pageTitle')}>{t('association.pageTitle')}</PageHeading>
        <ErrorState error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />
      </>
    );
  }
  if (!a) {
    return (
      <>
        <PageHeading title={t('association.notFoundTitle')}>{t('association.notFoundTitle')}</PageHeading>
        <p>{t('association.notFoundText')}</p>
        <p>
          <Link to="/associations">{t('association.toList')}</Link>
        </p>
      </>
    );
  }

  return (
    <>
      <PageHeading title={a.name}>{a.name}</PageHeading>
      {created ? (
        <Notice tone="success">
          <p>
            {t('association.createdNotice')} <Link to="/inbox">{t('association.toInbox')}</Link>
          </p>
        </Notice>
      ) : null}
      {a.canEdit ? (
        <p className="actions">
          <Link className="button" to={`/associations/${a.slug}/edit`}>
            {t('association.edit')}
          </Link>
          <Link className="button button--secondary" to="/inbox">
            {t('association.toInbox')}
          </Link>
        </p>
      ) : null}
      {a.canEdit ? <ProfileHints association={a} /> : null}
      {a.description ? <p className="description">{a.description}</p> : null}
      <Facts association={a} />

      <Section id="tools" title={t('association.toolsTitle')}>
        {a.tools.length === 0 ? (
          <Empty>{t('association.noTools')}</Empty>
        ) : (
          <ul className="tag-list">
            {a.tools.map((u) => (
              <li key={u.tool.slug}>
                <Link to={`/tools/${u.tool.slug}`}>{u.tool.name}</Link>{' '}
                <span className="tag-list__meta">({proficiencyLabel(u.proficiency, t)})</span>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="needs" title={t('association.needsTitle')}>
        {a.needs.length === 0 ? (
          <Empty>{t('association.noNeeds')}</Empty>
        ) : (
          <ul className="need-list">
            {[...a.needs]
              .sort((x, y) => x.priority - y.priority)
              .map((n) => (
                <li key={n.skill.slug}>
                  <Link to={`/skills/${n.skill.slug}`}>{n.skill.label}</Link>
                  <span className="need-list__meta">
                    {t('association.needLevel', { level: levelText(n.minLevel, t) })} · {priorityLabel(n.priority, t)}
                  </span>
                </li>
              ))}
          </ul>
        )}
      </Section>

      {a.considers.length > 0 ? (
        <Section id="considers" title={t('association.considersTitle')}>
          <ul className="tag-list">
            {a.considers.map((tool) => (
              <li key={tool.slug}>
                <Link to={`/tools/${tool.slug}`}>{tool.name}</Link>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      <Section id="fields" title={t('association.fieldsTitle')}>
        {a.fields.length === 0 ? (
          <Empty>{t('association.noFields')}</Empty>
        ) : (
          <ul className="tag-list">
            {a.fields.map((f) => (
              <li key={f.slug}>{f.label}</li>
            ))}
          </ul>
        )}
      </Section>

      {a.targetGroups.length > 0 ? (
        <Section id="groups" title={t('association.groupsTitle')}>
          <ul className="tag-list">
            {a.targetGroups.map((g) => (
              <li key={g.slug}>{g.label}</li>
            ))}
          </ul>
        </Section>
      ) : null}

      <Section id="contact" title={t('association.contactTitle')}>
        {a.contactEmail ? (
          <p>
            <a href={`mailto:${a.contactEmail}`}>{a.contactEmail}</a>
          </p>
        ) : (
          <p>{t('association.contactHidden')}</p>
        )}
      </Section>
    </>
  );
}
