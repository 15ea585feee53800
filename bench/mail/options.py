"""What a mail benchmark run was asked for."""

from dataclasses import dataclass


@dataclass(frozen=True)
class MailOptions:
    notifications: int = 10_000
    per_account: int = 5  # notifications each account gets: a recompute proposes a few new pairs to each party
    transactions: int = 5  # the queue is written in this many transactions, as a recompute writes in large chunks
    read_s: float = 30.0  # read load with the sender idle, and again (at most) with the sender working
    warm_up_s: float = 10.0  # reads before anything is measured: the API's first requests pay one-off costs
    clients: int = 4  # concurrent readers of the API, each in a closed loop
    outage_s: float = 0.0  # the sink is stopped this long once half the mails arrived; 0: no outage
    deadline_s: float = 900.0  # from the worker's start: later than this, the mails still missing are missing
    seed: int = 42
    wake_after_outage: bool = False  # wake delivery once the sink is back, as a producer's commit would
    mail_retry_s: float | None = None  # MAIL_RETRY_S of the worker; None: the setting's default

    def __post_init__(self) -> None:
        if self.per_account < 1:
            raise ValueError(f"per_account must be at least 1, got {self.per_account}")
        if self.notifications < 2 * self.per_account:
            raise ValueError(
                f"notifications must be at least twice per_account ({2 * self.per_account}), got {self.notifications}"
            )
        if self.notifications % self.per_account:
            raise ValueError(
                f"notifications ({self.notifications}) must be a multiple of per_account ({self.per_account}): "
                "every account gets the same number"
            )
        if self.notifications % 2:
            raise ValueError(
                f"notifications must be even (each suggestion notifies two sides), got {self.notifications}"
            )
        if self.transactions < 1:
            raise ValueError(f"transactions must be at least 1, got {self.transactions}")
        if self.read_s <= 0:
            raise ValueError(f"read_s must be positive, got {self.read_s}")
        if self.clients < 1:
            raise ValueError(f"clients must be at least 1, got {self.clients}")
        if self.outage_s < 0:
            raise ValueError(f"outage_s must not be negative, got {self.outage_s}")
        if self.deadline_s <= self.outage_s:
            raise ValueError(f"deadline_s ({self.deadline_s}) must be longer than outage_s ({self.outage_s})")

    @property
    def accounts(self) -> int:
        """One account acts for each association; PEER suggestions notify both sides."""
        return self.notifications // self.per_account
