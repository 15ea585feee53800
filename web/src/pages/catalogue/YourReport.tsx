import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { Language, MyExperienceReportsQuery, SwitchDuration } from '../../gql/graphql';
import { useLanguage } from '../../i18n';
import { useCatalogue } from '../../lib/catalogue';
import { languageName } from '../../lib/languages';
import { payloadProblems, useProblems, type Problem, type ServerError } from '../../lib/forms';
import { useSession } from '../../lib/session';
import { useAnnounce } from '../../components/Announcer';
import { Dialog } from '../../components/Dialog';
import { ErrorSummary, RadioGroup, SelectField, SubmitButton, TextArea } from '../../components/Form';
import { Section } from '../../components/Page';
import { ErrorState, Loading, Notice } from '../../components/States';
import { Stars, durationLabel, langOf, reportStatusLabel } from './reports';

const MyExperienceReportsQuery = graphql(`
  query MyExperienceReports {
    myExperienceReports(first: 100) {
      nodes {
        ...ExperienceReportCard
        status
        moderationReason
        revision
        canEdit
        tool {
          slug
        }
      }
    }
  }
`);

const WriteExperienceReport = graphql(`
  mutation WriteExperienceReport($input: ExperienceReportInput!) {
    writeExperienceReport(input: $input) {
      report {
        ...ExperienceReportCard
        status
        moderationReason
        revision
        canEdit
        tool {
          slug
        }
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

const DeleteExperienceReport = graphql(`
  mutation DeleteExperienceReport($id: ID!) {
    deleteExperienceReport(id: $id) {
      deletedId
      errors {
        field
        code
        message
      }
    }
  }
`);

const EditExperienceReport = graphql(`
  mutation EditExperienceReport($id: ID!, $input: EditExperienceReportInput!) {
    editExperienceReport(id: $id, input: $input) {
      report {
        ...ExperienceReportCard
        status
        moderationReason
        revision
        canEdit
        tool {
          slug
        }
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

/** As network/reports/models.py allows; the API checks it, the hint tells it beforehand. */
const TEXT_MAX = 2000;

/** Lists that change when a report is written: the tool's reports and rating, and the member's own reports. */
export const REPORT_LISTS = { additionalTypenames: ['ExperienceReport'] };

type MyReport = MyExperienceReportsQuery['myExperienceReports']['nodes'][number];
type Rating = '1' | '2' | '3' | '4' | '5';
const RATINGS: readonly Rating[] = ['1', '2', '3', '4', '5'];
const DURATIONS: readonly SwitchDuration[] = [
  'LESS_THAN_A_WEEK',
  'ONE_TO_FOUR_WEEKS',
  'ONE_TO_THREE_MONTHS',
  'THREE_TO_TWELVE_MONTHS',
  'MORE_THAN_A_YEAR',
  'ONGOING',
];

const FIELDS = {
  association: 'report-association',
  rating: 'report-rating',
  usedFor: 'report-used-for',
  wentWell: 'report-went-well',
  wentBadly: 'report-went-badly',
  switchDuration: 'report-duration',
  replaced: 'report-replaced',
  tips: 'report-tips',
  language: 'report-language',
};
const TEXTS = new Set<string>(['usedFor', 'wentWell', 'wentBadly', 'tips']);

interface Values {
  rating: Rating | '';
  usedFor: string;
  wentWell: string;
  wentBadly: string;
  switchDuration: SwitchDuration | '';
  replaced: string;
  tips: string;
  language: Language;
}

function valuesOf(report: MyReport | undefined, language: Language): Values {
  return {
    rating: report ? (String(report.rating) as Rating) : '',
    usedFor: report?.usedFor ?? '',
    wentWell: report?.wentWell ?? '',
    wentBadly: report?.wentBadly ?? '',
    switchDuration: report?.switchDuration ?? '',
    replaced: report?.replaced?.slug ?? '',
    tips: report?.tips ?? '',
    language: report?.language ?? language,
  };
}

interface Tool {
  slug: string;
  name: string;
}

/**
 * Deleting a report, asked again in a dialog (it cannot be undone). Whoever may change a report may delete it; the
 * dialog's error summary shows why it did not work.
 */
function DeleteReport({ report, onDeleted }: { report: MyReport; onDeleted: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const problems = useProblems();
  const [deleting, remove] = useMutation(DeleteExperienceReport);
  const key = report.id.replace(/[^A-Za-z0-9_-]/g, '');
  const name = report.association?.name ?? t('reports.yoursTitle');
  const confirm = async () => {
    if (deleting.fetching) return;
    const result = await remove({ id: report.id }, REPORT_LISTS);
    const payload = result.data?.deleteExperienceReport;
    const failed = payloadProblems(payload, result.error, {}, t);
    if (failed.length > 0 || !payload?.deletedId) return problems.setProblems(failed);
    problems.clear();
    setOpen(false);
    announce(t('reports.deleted'));
    onDeleted();
  };
  return (
    <>
      <button
        type="button"
        className="button button--secondary button--small"
        aria-label={t('reports.deleteNamed', { name })}
        onClick={() => setOpen(true)}
      >
        {t('reports.delete')}
      </button>
      <Dialog id={`delete-report-${key}`} open={open} onClose={close} title={t('reports.deleteTitle')}>
        <ErrorSummary id={`delete-report-${key}-errors`} problems={problems.problems} round={problems.round} />
        <p>{t('reports.deleteText', { name })}</p>
        <div className="form-actions">
          <button type="button" className="button button--danger" onClick={() => void confirm()}>
            {t('reports.deleteConfirm')}
          </button>
          <button type="button" className="button button--secondary" data-autofocus onClick={close}>
            {t('reports.deleteKeep')}
          </button>
          <span className="busy" role="status">
            {deleting.fetching ? t('reports.deleting') : ''}
          </span>
        </div>
      </Dialog>
    </>
  );
}

/** Where one of the member's reports on the tool stands, what happens next, and staff's reason for a rejection. */
function StatusCard({ report, onDeleted }: { report: MyReport; onDeleted: () => void }) {
  const { t } = useTranslation();
  const headingId = `my-report-${report.id.replace(/[^A-Za-z0-9_-]/g, '')}`;
  return (
    <article className={`report report--mine report--${report.status.toLowerCase()}`} aria-labelledby={headingId}>
      <h3 id={headingId} className="report__by">
        {report.association ? t('reports.forAssociation', { name: report.association.name }) : t('reports.yoursTitle')}{' '}
        <span className={`badge badge--report badge--report-${report.status.toLowerCase()}`}>{reportStatusLabel(report.status, t)}</span>
      </h3>
      <p className="report__rating">
        <Stars value={report.rating} /> {t('reports.ratingOf', { rating: report.rating })}
      </p>
      <p>{t(`reports.next${report.status}`)}</p>
      {report.status === 'REJECTED' && report.moderationReason ? (
        <div className="report__reason">
          <p className="report__reason-title">{t('reports.reason')}</p>
          <p className="report__text">{report.moderationReason}</p>
        </div>
      ) : null}
      {report.canEdit ? (
        <p className="actions">
          <DeleteReport report={report} onDeleted={onDeleted} />
        </p>
      ) : null}
    </article>
  );
}

/**
 * The form: the association (when the member acts for several), the rating, what it was used for, and the optional
 * rest. Choosing an association that already has a report on the tool fills in that report; otherwise what was typed
 * stays. Client-side it checks only what is required; the API decides the rest (lengths, tools, limits), and its
 * errors show at their fields.
 */
function ReportForm({
  tool,
  associations,
  reports,
  onDone,
  onCancel,
}: {
  tool: Tool;
  associations: { slug: string; name: string }[];
  reports: MyReport[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { api } = useLanguage();
  const { catalogue } = useCatalogue();
  const announce = useAnnounce();
  const reportOf = (slug: string) => reports.find((r) => r.association?.slug === slug && r.canEdit);
  const [association, setAssociation] = useState(associations[0]?.slug ?? '');
  const [values, setValues] = useState<Values>(() => valuesOf(reportOf(association), api));
  const problems = useProblems();
  const [writing, write] = useMutation(WriteExperienceReport);
  const [editing, edit] = useMutation(EditExperienceReport);
  const busy = writing.fetching || editing.fetching;
  const existing = reportOf(association);
  const set = <K extends keyof Values>(key: K) => (value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));

  const explain = (error: ServerError): string | undefined => {
    const field = error.field?.replace(/^input\./, '') ?? '';
    const text = TEXTS.has(field) ? values[field as keyof Values] : '';
    if (error.code === 'INVALID_INPUT' && text.length > TEXT_MAX) return t('reports.textLong', { max: TEXT_MAX });
    if (error.code === 'CONFLICT' && !error.field) return t('reports.tooManyPending');
    return undefined;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found: Problem[] = [];
    if (!values.rating) found.push({ message: t('reports.ratingMissing'), target: FIELDS.rating });
    if (!values.usedFor.trim()) found.push({ message: t('reports.usedForMissing', { tool: tool.name }), target: FIELDS.usedFor });
    if (found.length > 0) return problems.setProblems(found);
    const content = {
      rating: Number(values.rating),
      usedFor: values.usedFor.trim(),
      wentWell: values.wentWell.trim(),
      wentBadly: values.wentBadly.trim(),
      switchDuration: values.switchDuration || null,
      replaced: values.replaced || null,
      tips: values.tips.trim(),
      language: values.language,
    };
    let payload: { errors: readonly ServerError[]; report?: unknown } | null | undefined;
    let error;
    if (existing) {
      const result = await edit({ id: existing.id, input: content }, REPORT_LISTS);
      payload = result.data?.editExperienceReport;
      error = result.error;
    } else {
      const result = await write({ input: { ...content, association, tool: tool.slug } }, REPORT_LISTS);
      payload = result.data?.writeExperienceReport;
      error = result.error;
    }
    const failed = payloadProblems(payload, error, FIELDS, t, explain);
    if (failed.length > 0 || !payload?.report) return problems.setProblems(failed);
    problems.clear();
    announce(t('reports.sent'));
    onDone();
  };

  const tools = (catalogue?.tools ?? []).filter((x) => x.slug !== tool.slug);
  const textHint = t('reports.textHint', { max: TEXT_MAX });
  return (
    <form className="form narrow" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="report-form-title">
      <h3 id="report-form-title">{existing ? t('reports.edit') : t('reports.write')}</h3>
      <ErrorSummary id="report-errors" problems={problems.problems} round={problems.round} />
      {associations.length > 1 ? (
        <SelectField
          id={FIELDS.association}
          label={t('reports.association')}
          value={association}
          onChange={(slug) => {
            setAssociation(slug);
            const other = reportOf(slug);
            if (other) setValues(valuesOf(other, api));
          }}
          options={associations.map((a) => ({ value: a.slug, label: a.name }))}
          problem={problems.errorFor(FIELDS.association)}
        />
      ) : null}
      <RadioGroup
        id={FIELDS.rating}
        legend={t('reports.rating', { tool: tool.name })}
        hint={t('reports.ratingHint')}
        value={values.rating}
        onChange={set('rating')}
        options={RATINGS.map((r) => ({
          value: r,
          label: (
            <>
              <Stars value={Number(r)} /> {t('reports.ratingLabel', { count: Number(r) })}: {t(`reports.ratingWord${r}`)}
            </>
          ),
        }))}
        problem={problems.errorFor(FIELDS.rating)}
      />
      <TextArea
        id={FIELDS.usedFor}
        label={t('reports.usedForLabel', { tool: tool.name })}
        hint={`${t('reports.usedForHint')}. ${textHint}`}
        value={values.usedFor}
        onChange={set('usedFor')}
        rows={3}
        problem={problems.errorFor(FIELDS.usedFor)}
      />
      <TextArea
        id={FIELDS.wentWell}
        label={t('reports.wentWellLabel')}
        hint={textHint}
        optional
        value={values.wentWell}
        onChange={set('wentWell')}
        problem={problems.errorFor(FIELDS.wentWell)}
      />
      <TextArea
        id={FIELDS.wentBadly}
        label={t('reports.wentBadlyLabel')}
        hint={textHint}
        optional
        value={values.wentBadly}
        onChange={set('wentBadly')}
        problem={problems.errorFor(FIELDS.wentBadly)}
      />
      <SelectField
        id={FIELDS.switchDuration}
        label={t('reports.durationLabel')}
        optional
        value={values.switchDuration}
        onChange={(v) => set('switchDuration')(DURATIONS.find((d) => d === v) ?? '')}
        empty={t('reports.durationUnknown')}
        options={DURATIONS.map((d) => ({ value: d, label: durationLabel(d, t) }))}
        problem={problems.errorFor(FIELDS.switchDuration)}
      />
      <SelectField
        id={FIELDS.replaced}
        label={t('reports.replacedLabel', { tool: tool.name })}
        optional
        value={values.replaced}
        onChange={set('replaced')}
        empty={t('reports.replacedNone')}
        options={tools.map((x) => ({ value: x.slug, label: x.label }))}
        problem={problems.errorFor(FIELDS.replaced)}
      />
      <TextArea
        id={FIELDS.tips}
        label={t('reports.tipsLabel')}
        hint={`${t('reports.tipsHint')} ${textHint}`}
        optional
        value={values.tips}
        onChange={set('tips')}
        problem={problems.errorFor(FIELDS.tips)}
      />
      <RadioGroup<Language>
        id={FIELDS.language}
        legend={t('reports.languageLabel')}
        value={values.language}
        onChange={set('language')}
        inline
        options={(['DE', 'EN'] as const).map((l) => ({
          value: l,
          label: <span lang={langOf(l)}>{languageName(langOf(l), langOf(l))}</span>,
        }))}
        problem={problems.errorFor(FIELDS.language)}
      />
      <p className="notice notice--info">{t('reports.afterApproval')}</p>
      <SubmitButton
        busy={busy}
        busyText={t('reports.busy')}
        secondary={
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('reports.cancel')}
          </button>
        }
      >
        {existing ? t('reports.submitChange') : t('reports.submit')}
      </SubmitButton>
    </form>
  );
}

/** The member's reports on the tool with where each stands, and the form to write one or change it. */
function MemberReports({ tool, associations }: { tool: Tool; associations: { slug: string; name: string }[] }) {
  const { t } = useTranslation();
  const [result, reexecute] = useQuery({ query: MyExperienceReportsQuery, context: useMemo(() => REPORT_LISTS, []) });
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState(false);
  const sentRef = useRef<HTMLDivElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const [deleted, setDeleted] = useState<string | null>(null);
  const nodes = result.data?.myExperienceReports.nodes;
  useEffect(() => {
    // A deleted report's card goes away with the button that opened the dialog (whenever the list is read again,
    // before or after the dialog gave the focus back to it): the focus goes to writing one.
    if (deleted && nodes && !nodes.some((r) => r.id === deleted)) {
      setDeleted(null);
      toggleRef.current?.focus();
    }
  }, [deleted, nodes]);
  if (result.fetching && !result.data) return <Loading lines={2} />;
  if (result.error && !result.data)
    return <ErrorState error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />;
  const slugs = new Set(associations.map((a) => a.slug));
  const reports = (result.data?.myExperienceReports.nodes ?? []).filter(
    (r) => r.tool.slug === tool.slug && r.association && slugs.has(r.association.slug),
  );
  const editsOne = associations.length === 1 && reports.some((r) => r.canEdit);
  return (
    <>
      {sent ? (
        <div className="notice notice--success" tabIndex={-1} ref={sentRef}>
          <p>{t('reports.sent')}</p>
        </div>
      ) : null}
      {reports.length > 0 ? (
        <ul className="report-list">
          {reports.map((r) => (
            <li key={r.id}>
              <StatusCard
                report={r}
                onDeleted={() => {
                  setSent(false);
                  setDeleted(r.id);
                  reexecute({ requestPolicy: 'network-only' });
                }}
              />
            </li>
          ))}
        </ul>
      ) : null}
      {!open ? (
        <p className="actions">
          <button
            type="button"
            className="button"
            ref={toggleRef}
            onClick={() => {
              setOpen(true);
              setSent(false);
              // the button goes away with the form shown: the focus moves to the form's first input
              window.setTimeout(() => (document.getElementById(FIELDS.association) ?? document.getElementById(FIELDS.rating))?.focus(), 0);
            }}
          >
            {editsOne ? t('reports.edit') : t('reports.write')}
          </button>
        </p>
      ) : null}
      {/* hidden, not removed: what was typed stays when the form is closed and opened again */}
      <div id="report-form" hidden={!open}>
        <ReportForm
          tool={tool}
          associations={associations}
          reports={reports}
          onCancel={() => {
            setOpen(false);
            window.setTimeout(() => toggleRef.current?.focus(), 0);
          }}
          onDone={() => {
            setOpen(false);
            setSent(true);
            reexecute({ requestPolicy: 'network-only' });
            window.setTimeout(() => sentRef.current?.focus(), 0);
          }}
        />
      </div>
    </>
  );
}

/**
 * "Ihr Erfahrungsbericht" on a tool's page: members acting for an association write or change its report here;
 * anonymous visitors are asked to log in; volunteers and staff see nothing of it (they do not write reports).
 */
export function YourReport({ tool }: { tool: Tool }) {
  const { t } = useTranslation();
  const { account, loading, parties } = useSession();
  if (loading) return null;
  if (account && account.role !== 'MEMBER') return null;
  let body;
  if (!account) {
    body = (
      <>
        <p>{t('reports.signInToWrite', { tool: tool.name })}</p>
        <p className="actions">
          <Link className="button button--secondary" to={`/login?next=${encodeURIComponent(`/tools/${tool.slug}`)}`}>
            {t('reports.logIn')}
          </Link>
        </p>
      </>
    );
  } else if (!account.verified) {
    body = <Notice>{t('reports.unverified')}</Notice>;
  } else if (!parties) {
    body = <Loading lines={1} />;
  } else if (parties.associations.length === 0) {
    body = (
      <>
        <p>{t('reports.noAssociation')}</p>
        <p className="actions">
          <Link className="button button--secondary" to="/associations/new">
            {t('reports.createAssociation')}
          </Link>
        </p>
      </>
    );
  } else {
    body = <MemberReports tool={tool} associations={parties.associations} />;
  }
  return (
    <Section id="your-report" title={t('reports.yoursTitle')}>
      {body}
    </Section>
  );
}
