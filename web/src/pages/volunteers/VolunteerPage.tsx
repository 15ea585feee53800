import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { useLanguage } from '../../i18n';
import { languageName } from '../../lib/languages';
import { levelText, proficiencyLabel } from '../../lib/levels';
import { useSession } from '../../lib/session';
import { PageHeading, Section } from '../../components/Page';
import { Empty, ErrorState, Loading } from '../../components/States';

const VolunteerQuery = graphql(`
  query VolunteerPage($slug: String!, $language: Language!) {
    volunteer(slug: $slug) {
      ...VolunteerProfile
    }
  }
`);

export function VolunteerPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const { api, locale } = useLanguage();
  const { account, token, loading } = useSession();
  const [result, reexecute] = useQuery({ query: VolunteerQuery, variables: { slug, language: api }, pause: !token });
  const v = result.data?.volunteer;
  const fallbackTitle = t('volunteerPage.title');

  if (!token || (!account && !loading)) {
    return (
      <>
        <PageHeading title={fallbackTitle}>{fallbackTitle}</PageHeading>
        <p>{t('volunteerPage.signInFirst')}</p>
        <p>
          <Link className="button" to={`/login?next=${encodeURIComponent(`/volunteers/${slug}`)}`}>
            {t('guard.logIn')}
          </Link>
        </p>
      </>
    );
  }
  if (loading || (result.fetching && !result.data)) {
    return (
      <>
        <PageHeading title={fallbackTitle}>{fallbackTitle}</PageHeading>
        <Loading />
      </>
    );
  }
  if (result.error && !result.data) {
    return (
      <>
        <PageHeading title={fallbackTitle}>{fallbackTitle}</PageHeading>
        <ErrorState error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />
      </>
    );
  }
  if (!v) {
    return (
      <>
        <PageHeading title={t('volunteerPage.notFound')}>{t('volunteerPage.notFound')}</PageHeading>
        <p>{t('volunteerPage.notFoundText')}</p>
      </>
    );
  }

  return (
    <>
      <PageHeading title={v.displayName}>{v.displayName}</PageHeading>
      {v.canEdit ? (
        <p className="actions">
          <Link className="button" to="/volunteer">
            {t('volunteerPage.edit')}
          </Link>
        </p>
      ) : null}
      {v.bio ? <p className="description">{v.bio}</p> : null}
      <dl className="facts">
        <div>
          <dt>{t('volunteerPage.where')}</dt>
          <dd>
            {[v.district?.name, v.remote ? t('volunteerPage.remote') : null].filter(Boolean).join(' · ') ||
              t('association.unknown')}
          </dd>
        </div>
        <div>
          <dt>{t('volunteer.hours')}</dt>
          <dd>{v.hoursPerMonth ?? t('association.unknown')}</dd>
        </div>
        <div>
          <dt>{t('volunteerPage.mentees')}</dt>
          <dd>{v.maxMentees}</dd>
        </div>
        <div>
          <dt>{t('volunteer.languages')}</dt>
          <dd>{v.languages.length ? v.languages.map((l) => languageName(l, locale)).join(', ') : t('association.unknown')}</dd>
        </div>
      </dl>
      <Section id="skills" title={t('volunteerPage.skills')}>
        {v.skills.length === 0 ? (
          <Empty>{t('volunteerPage.noSkills')}</Empty>
        ) : (
          <ul className="need-list">
            {[...v.skills]
              .sort((a, b) => b.level - a.level)
              .map((s) => (
                <li key={s.skill.slug}>
                  <Link to={`/skills/${s.skill.slug}`}>{s.skill.label}</Link>
                  <span className="need-list__meta">{levelText(s.level, t)}</span>
                </li>
              ))}
          </ul>
        )}
      </Section>
      <Section id="tools" title={t('volunteerPage.tools')}>
        {v.tools.length === 0 ? (
          <Empty>{t('volunteerPage.noTools')}</Empty>
        ) : (
          <ul className="tag-list">
            {v.tools.map((k) => (
              <li key={k.tool.slug}>
                <Link to={`/tools/${k.tool.slug}`}>{k.tool.name}</Link>{' '}
                <span className="tag-list__meta">({proficiencyLabel(k.proficiency, t)})</span>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="contact" title={t('association.contactTitle')}>
        {v.contactEmail ? (
          <p>
            <a href={`mailto:${v.contactEmail}`}>{v.contactEmail}</a>
          </p>
        ) : (
          <p>{t('volunteerPage.contactHidden')}</p>
        )}
      </Section>
    </>
  );
}
