"""The GraphQL operations the tests send, in-process and over HTTP alike."""

AUTH_FIELDS = (
    "token expiresAt account { id email role createdAt verified } errors { field code message } retryAfterSeconds"
)
SIGN_UP_FIELDS = "ok errors { field code message } retryAfterSeconds"
SIGN_UP = (
    "mutation($email: String!, $password: String!) "
    f"{{ signUp(email: $email, password: $password) {{ {SIGN_UP_FIELDS} }} }}"
)
SIGN_UP_AS = (
    "mutation($email: String!, $password: String!, $role: SignUpRole!) "
    f"{{ signUp(email: $email, password: $password, role: $role) {{ {SIGN_UP_FIELDS} }} }}"
)
LOG_IN = (
    f"mutation($email: String!, $password: String!) {{ logIn(email: $email, password: $password) {{ {AUTH_FIELDS} }} }}"
)
ME = "{ me { id email role } }"
LOG_OUT = "mutation { logOut { ok errors { field code message } } }"
CHANGE_PASSWORD = (
    "mutation($current: String!, $new: String!) "
    f"{{ changePassword(currentPassword: $current, newPassword: $new) {{ {AUTH_FIELDS} }} }}"
)
VERIFY = (
    "mutation($email: String!) { verifyAccount(email: $email) { account { email verified } errors { field code } } }"
)
