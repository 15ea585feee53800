import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { useLanguage } from '../../i18n';
import { levelText } from '../../lib/levels';
import { useSession } from '../../lib/session';
import { PageHeading, Section } from '../../components/Page';
import { Empty, ErrorState, Loading } from '../../components/States';
import { AskLink, AssociationLinks, EntryPage, ToolLinks } from './EntryPage';

// The schema has no skill(slug) query: the page reads the skill list and picks its skill.
const SkillsQuery = graphql(`
  query SkillPage($language: Language!) {
    skills {
      slug
      label(language: $language)
      competences {
        code
        title
        areaTitle
      }
      tools {
        slug
        name
      }
    }
  }
`);

const NeededByQuery = graphql(`
  query SkillNeededBy($skill: String!) {
    associations(filter: { needsSkills: [$skill] }, first: 20) {
      totalCount
      nodes {
        id
        slug
        name
        district {
          name
        }
      }
    }
  }
`);

const OfferedByQuery = graphql(`
  query SkillOfferedBy($skill: String!) {
    volunteers(filter: { skill: $skill }, first: 20) {
      totalCount
      nodes {
        id
        slug
        displayName
        skills {
          level
          skill {
            slug
          }
        }
      }
    }
  }
`);

function NeededBy({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const [result, reexecute] = useQuery({ query: NeededByQuery, variables: { skill: slug } });
  if (result.fetching && !result.data) return <Loading lines={2} />;
  if (result.error && !result.data) return <ErrorState error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />;
  const c = result.data?.associations;
  if (!c || c.totalCount === 0) return <Empty>{t('skills.noneNeed')}</Empty>;
  return (
    <>
      <p>{t('skills.neededCount', { count: c.totalCount })}</p>
      <AssociationLinks associations={c.nodes} />
    </>
  );
}

function OfferedBy({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const [result, reexecute] = useQuery({ query: OfferedByQuery, variables: { skill: slug } });
  if (result.fetching && !result.data) return <Loading lines={2} />;
  if (result.error && !result.data) return <ErrorState error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />;
  const c = result.data?.volunteers;
  if (!c || c.totalCount === 0) return <Empty>{t('skills.noneOffer')}</Empty>;
  return (
    <>
      <p>{t('skills.offeredCount', { count: c.totalCount })}</p>
      <ul className="plain-list">
        {c.nodes.map((v) => {
          const level = v.skills.find((s) => s.skill.slug === slug)?.level;
          return (
            <li key={v.id}>
              <Link to={`/volunteers/${v.slug}`}>{v.displayName}</Link>
              {level ? <span className="hint"> · {levelText(level, t)}</span> : null}
            </li>
          );
        })}
      </ul>
    </>
  );
}

export function SkillPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const { api } = useLanguage();
  const { account } = useSession();
  const [result, reexecute] = useQuery({ query: SkillsQuery, variables: { language: api } });
  return (
    <EntryPage
      fetching={result.fetching && !result.data}
      error={result.data ? undefined : result.error}
      retry={() => reexecute({ requestPolicy: 'network-only' })}
      entry={result.data?.skills.find((s) => s.slug === slug)}
      pageTitle={t('skills.pageTitle')}
      notFound={t('skills.notFound')}
    >
      {(skill) => (
        <>
          <PageHeading title={skill.label}>{skill.label}</PageHeading>
          <AskLink kind="skill" slug={skill.slug} name={skill.label} />
          <Section id="competences" title={t('skills.competencesTitle')}>
            <p>{t('skills.competencesIntro')}</p>
            <ul className="plain-list">
              {skill.competences.map((c) => (
                <li key={c.code} lang="en">
                  {c.code} {c.title} <span className="hint">({c.areaTitle})</span>
                </li>
              ))}
            </ul>
          </Section>
          {skill.tools.length > 0 ? (
            <Section id="skill-tools" title={t('skills.toolsTitle')}>
              <ToolLinks tools={skill.tools} />
            </Section>
          ) : null}
          <Section id="needed-by" title={t('skills.neededTitle')}>
            <NeededBy slug={skill.slug} />
          </Section>
          <Section id="offered-by" title={t('skills.offeredTitle')}>
            {account ? <OfferedBy slug={skill.slug} /> : <p>{t('skills.signInForVolunteers')}</p>}
          </Section>
        </>
      )}
    </EntryPage>
  );
}
