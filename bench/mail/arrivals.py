"""What the sink kept: how many mails, when each arrived, and how often each Message-ID came."""

import email.policy
from collections import Counter
from dataclasses import dataclass
from email.parser import BytesHeaderParser

from network.stack.mail_sink_reader import SinkMailbox


@dataclass(frozen=True)
class Arrivals:
    times: list[float]  # each kept mail's arrival (its file's modification time, epoch seconds), in order
    message_ids: Counter[str]  # Message-ID -> how many mails carried it
    without_id: int  # mails with no Message-ID at all


def read_arrivals(box: SinkMailbox) -> Arrivals:
    """Every kept mail's arrival time and Message-ID (headers only: the bodies are not parsed)."""
    parser = BytesHeaderParser(policy=email.policy.default)
    times: list[float] = []
    ids: Counter[str] = Counter()
    without = 0
    for mail in box.kept():
        try:
            with mail.path.open("rb") as file:
                headers = parser.parse(file)
        except FileNotFoundError:
            continue
        times.append(mail.received)
        value = headers.get("Message-ID")
        if value is None:
            without += 1
        else:
            ids[str(value).strip()] += 1
    return Arrivals(times, ids, without)


@dataclass(frozen=True)
class ExactlyOnce:
    expected: int  # distinct mails the SENT notifications name
    arrived: int  # mails kept
    missing: list[str]  # expected Message-IDs that never came
    duplicated: dict[str, int]  # Message-ID -> times it came, for those that came more than once
    unexpected: int  # mails whose Message-ID is none of the expected ones (or that had none)
    unnamed: int  # SENT notifications that name no mail

    @property
    def holds(self) -> bool:
        return not self.missing and not self.duplicated and not self.unexpected and not self.unnamed


def check_exactly_once(expected: set[str], arrivals: Arrivals, unnamed: int = 0) -> ExactlyOnce:
    """`expected`: the Message-IDs the SENT notifications name; each must have arrived once, and nothing else."""
    seen = arrivals.message_ids
    return ExactlyOnce(
        expected=len(expected),
        arrived=len(arrivals.times),
        missing=sorted(expected - set(seen)),
        duplicated={mid: n for mid, n in seen.items() if n > 1},
        unexpected=sum(n for mid, n in seen.items() if mid not in expected) + arrivals.without_id,
        unnamed=unnamed,
    )
