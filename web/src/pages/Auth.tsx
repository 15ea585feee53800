import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import type { SignUpRole } from '../gql/graphql';
import type { TFunction } from 'i18next';
import {
  EMAIL_PATTERN,
  payloadProblems,
  problemsFrom,
  requestProblem,
  useProblems,
  type Problem,
} from '../lib/forms';
import { useSession } from '../lib/session';
import { useLanguage } from '../i18n';
import { useAnnounce } from '../components/Announcer';
import { ErrorSummary, RadioGroup, SubmitButton, TextField } from '../components/Form';
import { PageHeading } from '../components/Page';

graphql(`
  fragment AuthResult on AuthPayload {
    token
    expiresAt
    account {
      id
      email
      role
      verified
    }
    errors {
      field
      code
      message
    }
    retryAfterSeconds
  }
`);

// The answer is the same whether or not the address had an account: the client logs in next.
const SignUpMutation = graphql(`
  mutation SignUp($email: String!, $password: String!, $role: SignUpRole!, $language: MailLanguage!) {
    signUp(email: $email, password: $password, role: $role, language: $language) {
      ok
      errors {
        field
        code
        message
      }
      retryAfterSeconds
    }
  }
`);

const LogInMutation = graphql(`
  mutation LogIn($email: String!, $password: String!) {
    logIn(email: $email, password: $password) {
      ...AuthResult
    }
  }
`);

const FIELDS = { email: 'email', password: 'password', role: 'role' };

type Explain = NonNullable<Parameters<typeof problemsFrom>[3]>;

/** Our words for a refusal for now: when to come back, from the answer's retryAfterSeconds. */
export function explainWait(retryAfterSeconds: number | null | undefined, t: TFunction): Explain {
  return (e) => {
    if (e.code === 'BUSY') return t('auth.busy');
    if (e.code !== 'RATE_LIMITED') return undefined;
    const minutes = Math.max(1, Math.ceil((retryAfterSeconds ?? 900) / 60));
    return t('auth.rateLimited', { count: minutes });
  };
}

/** Only paths inside the app, so a crafted link cannot send people elsewhere after logging in. */
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : null;
}

export function SignUp() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const { signIn } = useSession();
  const { api: language } = useLanguage(); // the mails come in the language the person signed up in
  const [params] = useSearchParams();
  const preset = params.get('role');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<SignUpRole | ''>(preset === 'volunteer' ? 'VOLUNTEER' : preset === 'member' ? 'MEMBER' : '');
  const problems = useProblems();
  const [state, signUp] = useMutation(SignUpMutation);
  const [loggingIn, logIn] = useMutation(LogInMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (state.fetching) return;
    const found: Problem[] = [];
    if (!email.trim()) found.push({ message: t('auth.emailMissing'), target: 'email' });
    else if (!EMAIL_PATTERN.test(email.trim())) found.push({ message: t('auth.emailInvalid'), target: 'email' });
    if (password.length < 10) found.push({ message: t('auth.passwordShort'), target: 'password' });
    if (password.length > 256) found.push({ message: t('auth.passwordLong'), target: 'password' });
    if (!role) found.push({ message: t('signup.roleMissing'), target: 'role' });
    if (found.length > 0 || !role) return problems.setProblems(found);
    const result = await signUp({ email: email.trim(), password, role, language });
    const payload = result.data?.signUp;
    const failed = payloadProblems(payload, result.error, FIELDS, t, explainWait(payload?.retryAfterSeconds, t));
    if (failed.length > 0 || !payload?.ok) return problems.setProblems(failed);
    // Signed up: log in with the same address and password. An address that had an account already only lets its
    // owner's password in, so then the form says to log in instead (without saying whether the address exists).
    const loggedIn = await logIn({ email: email.trim(), password });
    const session = loggedIn.data?.logIn;
    if (!session?.token) {
      const refused = session?.errors ?? [];
      return problems.setProblems(
        refused.some((e) => e.code === 'INVALID_CREDENTIALS') || refused.length === 0
          ? [{ message: t('signup.logInInstead'), target: 'email' }]
          : problemsFrom(refused, FIELDS, t, explainWait(session?.retryAfterSeconds, t)),
      );
    }
    problems.clear();
    signIn(session.token, session.expiresAt ?? null);
    announce(t('signup.done'));
    void navigate('/me');
  };

  return (
    <>
      <PageHeading title={t('signup.title')} lead={t('signup.lead')}>
        {t('signup.title')}
      </PageHeading>
      <form className="form narrow" noValidate onSubmit={(e) => void submit(e)}>
        <ErrorSummary id="signup-errors" problems={problems.problems} round={problems.round} />
        <RadioGroup
          id="role"
          legend={t('signup.roleLegend')}
          value={role}
          onChange={setRole}
          problem={problems.errorFor('role')}
          options={[
            { value: 'MEMBER', label: t('signup.roleMember'), hint: t('signup.roleMemberHint') },
            { value: 'VOLUNTEER', label: t('signup.roleVolunteer'), hint: t('signup.roleVolunteerHint') },
          ]}
        />
        <TextField
          id="email"
          label={t('auth.email')}
          type="email"
          autoComplete="email"
          spellCheck={false}
          value={email}
          onChange={setEmail}
          problem={problems.errorFor('email')}
          hint={t('signup.emailHint')}
        />
        <TextField
          id="password"
          label={t('auth.password')}
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
          problem={problems.errorFor('password')}
          hint={t('signup.passwordHint')}
        />
        <SubmitButton busy={state.fetching || loggingIn.fetching} busyText={t('signup.busy')}>
          {t('signup.submit')}
        </SubmitButton>
      </form>
      <p>
        {t('signup.haveAccount')} <Link to="/login">{t('signup.toLogIn')}</Link>
      </p>
    </>
  );
}

export function LogIn() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const { signIn } = useSession();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const problems = useProblems();
  const [state, logIn] = useMutation(LogInMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (state.fetching) return;
    const found: Problem[] = [];
    if (!email.trim()) found.push({ message: t('auth.emailMissing'), target: 'email' });
    if (!password) found.push({ message: t('auth.passwordMissing'), target: 'password' });
    if (found.length > 0) return problems.setProblems(found);
    const result = await logIn({ email: email.trim(), password });
    const payload = result.data?.logIn;
    if (!payload) return problems.setProblems([requestProblem(result.error, t)]);
    if (payload.errors.length > 0 || !payload.token) {
      return problems.setProblems(
        problemsFrom(payload.errors, FIELDS, t, (e) =>
          e.code === 'INVALID_CREDENTIALS'
            ? t('errors.codes.INVALID_CREDENTIALS')
            : explainWait(payload.retryAfterSeconds, t)(e),
        ).map((p) => (p.target ? p : { ...p, target: 'email' })),
      );
    }
    problems.clear();
    signIn(payload.token, payload.expiresAt ?? null);
    announce(t('login.done'));
    void navigate(safeNext(params.get('next')) ?? (payload.account?.role === 'STAFF' ? '/staff' : '/inbox'));
  };

  return (
    <>
      <PageHeading title={t('login.title')}>{t('login.title')}</PageHeading>
      <form className="form narrow" noValidate onSubmit={(e) => void submit(e)}>
        <ErrorSummary id="login-errors" problems={problems.problems} round={problems.round} />
        <TextField
          id="email"
          label={t('auth.email')}
          type="email"
          autoComplete="username"
          spellCheck={false}
          value={email}
          onChange={setEmail}
          problem={problems.errorFor('email')}
        />
        <TextField
          id="password"
          label={t('auth.password')}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          problem={problems.errorFor('password')}
        />
        <SubmitButton busy={state.fetching} busyText={t('login.busy')}>
          {t('login.submit')}
        </SubmitButton>
      </form>
      <p>
        {t('login.noAccount')} <Link to="/signup">{t('login.toSignUp')}</Link>
      </p>
    </>
  );
}
