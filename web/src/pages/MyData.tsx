import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { downloadJson, problemsFrom, requestProblem, useProblems } from '../lib/forms';
import { useSession, type Account } from '../lib/session';
import { useAnnounce } from '../components/Announcer';
import { Dialog } from '../components/Dialog';
import { ErrorSummary } from '../components/Form';
import { RequireAccount } from '../components/Guard';
import { PageHeading, Section } from '../components/Page';
import { Loading } from '../components/States';

const DownloadMyData = graphql(`
  mutation DownloadMyData {
    exportMyData {
      data
      errors {
        field
        code
        message
      }
    }
  }
`);

const DeleteMyAccount = graphql(`
  mutation DeleteMyAccount {
    deleteMyAccount {
      deleted
      profilesDeleted
      suggestionsDeleted
      errors {
        field
        code
        message
      }
    }
  }
`);

function roleLabel(role: Account['role'], t: ReturnType<typeof useTranslation>['t']): string {
  if (role === 'STAFF') return t('roles.STAFF');
  if (role === 'VOLUNTEER') return t('roles.VOLUNTEER');
  return t('roles.MEMBER');
}

function MyDataContent({ account }: { account: Account }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const { parties, signOut } = useSession();
  const [download, exportData] = useMutation(DownloadMyData);
  const [erasure, deleteAccount] = useMutation(DeleteMyAccount);
  const [downloaded, setDownloaded] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const downloadProblems = useProblems();
  const deleteProblems = useProblems();
  const closeDialog = useCallback(() => setConfirming(false), []);

  const onDownload = async () => {
    if (download.fetching) return;
    setDownloaded(false);
    const result = await exportData({});
    const payload = result.data?.exportMyData;
    if (!payload) return downloadProblems.setProblems([requestProblem(result.error, t)]);
    if (payload.errors.length > 0) return downloadProblems.setProblems(problemsFrom(payload.errors, {}, t));
    downloadProblems.clear();
    const day = new Date().toISOString().slice(0, 10);
    downloadJson(payload.data, t('me.fileName', { day }));
    setDownloaded(true);
    announce(t('me.downloaded'));
  };

  const onDelete = async () => {
    if (erasure.fetching) return;
    const result = await deleteAccount({});
    const payload = result.data?.deleteMyAccount;
    if (!payload) return deleteProblems.setProblems([requestProblem(result.error, t)]);
    if (payload.errors.length > 0 || !payload.deleted) return deleteProblems.setProblems(problemsFrom(payload.errors, {}, t));
    setConfirming(false);
    signOut('deleted');
    announce(t('session.deleted'));
    void navigate('/');
  };

  const associations = parties?.associations ?? [];
  const volunteer = parties?.volunteer ?? null;

  return (
    <>
      <Section id="account" title={t('me.accountTitle')}>
        <dl className="facts">
          <div>
            <dt>{t('auth.email')}</dt>
            <dd>{account.email}</dd>
          </div>
          <div>
            <dt>{t('me.role')}</dt>
            <dd>{roleLabel(account.role, t)}</dd>
          </div>
        </dl>
      </Section>

      <Section id="acts-for" title={t('me.actsForTitle')}>
        {!parties ? (
          <Loading lines={1} />
        ) : associations.length === 0 && !volunteer ? (
          <p>
            {account.role === 'VOLUNTEER' ? (
              <Link to="/volunteer">{t('me.createVolunteer')}</Link>
            ) : account.role === 'MEMBER' ? (
              <Link to="/associations/new">{t('me.createAssociation')}</Link>
            ) : (
              t('me.actsForNothing')
            )}
          </p>
        ) : (
          <ul className="plain-list">
            {associations.map((a) => (
              <li key={a.slug}>
                <Link to={`/associations/${a.slug}`}>{a.name}</Link> ·{' '}
                <Link to={`/associations/${a.slug}/edit`}>{t('me.editAssociation', { name: a.name })}</Link>
              </li>
            ))}
            {volunteer ? (
              <li>
                <Link to="/volunteer">{t('me.volunteerProfile', { name: volunteer.displayName })}</Link>
              </li>
            ) : null}
            {account.role !== 'VOLUNTEER' ? (
              <li>
                <Link to="/associations/new">{t('me.createAnotherAssociation')}</Link>
              </li>
            ) : null}
          </ul>
        )}
      </Section>

      <Section id="export" title={t('me.exportTitle')}>
        <p>{t('me.exportText')}</p>
        <ErrorSummary id="export-errors" problems={downloadProblems.problems} round={downloadProblems.round} />
        <div className="form-actions">
          <button type="button" className="button" onClick={() => void onDownload()} aria-disabled={download.fetching || undefined}>
            {t('me.download')}
          </button>
          <span role="status" className="busy">
            {download.fetching ? t('me.preparing') : downloaded ? t('me.downloaded') : ''}
          </span>
        </div>
      </Section>

      <Section id="delete" title={t('me.deleteTitle')}>
        <p>{t('me.deleteText')}</p>
        <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>
          {t('me.deleteButton')}
        </button>
      </Section>

      <Dialog id="delete-dialog" open={confirming} onClose={closeDialog} title={t('me.dialogTitle')}>
        <ErrorSummary id="delete-errors" problems={deleteProblems.problems} round={deleteProblems.round} />
        <p>{t('me.dialogIntro')}</p>
        <ul className="erase-list">
          <li>{t('me.eraseAccount', { email: account.email })}</li>
          <li>
            {volunteer ? t('me.eraseVolunteerNamed', { name: volunteer.displayName }) : t('me.eraseVolunteer')}
          </li>
          <li>
            {associations.length > 0
              ? t('me.eraseAssociationsNamed', { names: associations.map((a) => a.name).join(', ') })
              : t('me.eraseAssociations')}
          </li>
          <li>{t('me.eraseSuggestions')}</li>
        </ul>
        <p>
          <strong>{t('me.dialogFinal')}</strong> {t('me.dialogExportFirst')}
        </p>
        <div className="form-actions">
          <button type="button" className="button button--danger" onClick={() => void onDelete()} aria-disabled={erasure.fetching || undefined}>
            {t('me.confirmDelete')}
          </button>
          <button type="button" className="button button--secondary" data-autofocus onClick={closeDialog}>
            {t('me.cancel')}
          </button>
          <span role="status" className="busy">
            {erasure.fetching ? t('me.deleting') : ''}
          </span>
        </div>
      </Dialog>
    </>
  );
}

export function MyData() {
  const { t } = useTranslation();
  return (
    <RequireAccount title={t('me.title')}>
      {(account) => (
        <>
          <PageHeading title={t('me.title')} lead={t('me.lead')}>
            {t('me.title')}
          </PageHeading>
          <MyDataContent account={account} />
        </>
      )}
    </RequireAccount>
  );
}
