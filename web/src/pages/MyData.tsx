import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { downloadJson, payloadProblems, problemsFrom, requestProblem, useProblems, type Problem } from '../lib/forms';
import { useSession, type Account } from '../lib/session';
import { useAnnounce } from '../components/Announcer';
import { Dialog } from '../components/Dialog';
import { ErrorSummary, SubmitButton, TextField } from '../components/Form';
import { explainWait } from './Auth';
import { RequireAccount } from '../components/Guard';
import { PageHeading, Section } from '../components/Page';
import { Loading } from '../components/States';
import { MailSettings } from './MailSettings';

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

const ChangePasswordMutation = graphql(`
  mutation ChangePassword($current: String!, $new: String!) {
    changePassword(currentPassword: $current, newPassword: $new) {
      token
      expiresAt
      errors {
        field
        code
        message
      }
      retryAfterSeconds
    }
  }
`);

const PASSWORD_FIELDS = { currentPassword: 'current-password', newPassword: 'new-password' };

/** The password form: a fresh token replaces the old one, which the server has revoked with all others. */
function ChangePassword() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const { signIn } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [changed, setChanged] = useState(false);
  const problems = useProblems();
  const [state, change] = useMutation(ChangePasswordMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (state.fetching) return;
    setChanged(false);
    const found: Problem[] = [];
    if (!current) found.push({ message: t('auth.passwordMissing'), target: 'current-password' });
    if (next.length < 10) found.push({ message: t('auth.passwordShort'), target: 'new-password' });
    else if (next.length > 256) found.push({ message: t('auth.passwordLong'), target: 'new-password' });
    else if (next === current) found.push({ message: t('me.samePassword'), target: 'new-password' });
    if (found.length > 0) return problems.setProblems(found);
    const result = await change({ current, new: next });
    const payload = result.data?.changePassword;
    const failed = payloadProblems(payload, result.error, PASSWORD_FIELDS, t, (e) =>
      e.code === 'INVALID_CREDENTIALS' ? t('me.wrongPassword') : explainWait(payload?.retryAfterSeconds, t)(e),
    );
    if (failed.length > 0 || !payload?.token) return problems.setProblems(failed);
    problems.clear();
    signIn(payload.token, payload.expiresAt ?? null);
    setCurrent('');
    setNext('');
    setChanged(true);
    announce(t('me.passwordChanged'));
  };

  return (
    <form className="form narrow" noValidate onSubmit={(e) => void submit(e)}>
      <p>{t('me.passwordText')}</p>
      <ErrorSummary id="password-errors" problems={problems.problems} round={problems.round} />
      <TextField
        id="current-password"
        label={t('me.currentPassword')}
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={setCurrent}
        problem={problems.errorFor('current-password')}
      />
      <TextField
        id="new-password"
        label={t('me.newPassword')}
        type="password"
        autoComplete="new-password"
        value={next}
        onChange={setNext}
        problem={problems.errorFor('new-password')}
        hint={t('me.newPasswordHint')}
      />
      <SubmitButton busy={state.fetching} busyText={t('me.changingPassword')}>
        {t('me.changePassword')}
      </SubmitButton>
      <p role="status">{changed ? t('me.passwordChanged') : ''}</p>
    </form>
  );
}

function roleLabel(role: Account['role'], t: TFunction): string {
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
          <div>
            <dt>{t('me.status')}</dt>
            <dd>{account.verified ? t('me.verified') : t('me.unverified')}</dd>
          </div>
        </dl>
        {account.verified ? null : (
          <div className="notice notice--warning" role="note" aria-labelledby="unverified-title">
            <h3 id="unverified-title">{t('me.unverifiedTitle')}</h3>
            <p>{t('me.unverifiedText')}</p>
          </div>
        )}
      </Section>

      <Section id="acts-for" title={t('me.actsForTitle')}>
        {!parties ? (
          <Loading lines={1} />
        ) : associations.length === 0 && !volunteer && !account.verified ? (
          <p>{t('me.actsForNothing')}</p>
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

      <Section id="mail" title={t('me.mailTitle')}>
        <MailSettings />
      </Section>

      <Section id="password" title={t('me.passwordTitle')}>
        <ChangePassword />
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
