"""The GraphQL operations the tests send, in-process and over HTTP alike."""

AUTH_FIELDS = "token expiresAt account { id email role createdAt } errors { field code message }"
SIGN_UP = (
    "mutation($email: String!, $password: String!) "
    f"{{ signUp(email: $email, password: $password) {{ {AUTH_FIELDS} }} }}"
)
SIGN_UP_AS = (
    "mutation($email: String!, $password: String!, $role: SignUpRole!) "
    f"{{ signUp(email: $email, password: $password, role: $role) {{ {AUTH_FIELDS} }} }}"
)
LOG_IN = (
    f"mutation($email: String!, $password: String!) {{ logIn(email: $email, password: $password) {{ {AUTH_FIELDS} }} }}"
)
ME = "{ me { id email role } }"
