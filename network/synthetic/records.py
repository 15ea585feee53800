"""Arrays to records of the import format, one JSON line at a time (the only formatting path; see Dataset.document).

Lines are assembled from pre-encoded pieces, which is several times faster than building and encoding dicts for
400k records. Free text goes through the JSON encoder; slugs, dates and numbers are interpolated, which is safe
because every slug is checked against SAFE below.
"""

import json
import re
from collections.abc import Iterator, Sequence

import numpy as np

from network.synthetic import assumptions as A
from network.synthetic.associations import NONE, Associations, association_name
from network.synthetic.names import FIRST_NAMES, INITIALS
from network.synthetic.volunteers import Volunteers
from network.synthetic.world import World

PROFICIENCY = (None, "BEGINNER", "INTERMEDIATE", "EXPERT")
SAFE = re.compile(r"^[a-z0-9-]+$")
GERMAN, ENGLISH = '"de"', '"en"'
# one encoder for all: json.dumps with options builds a new one on every call
encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _quoted(slugs: Sequence[str]) -> list[str]:
    for slug in slugs:
        if not SAFE.match(slug):
            raise ValueError(f"'{slug}' cannot be written without escaping")
    return [f'"{slug}"' for slug in slugs]


def _rows(matrix: np.ndarray) -> tuple[list[int], list[int], list[int], list[int]]:
    """CSR view of the non-zero cells: (starts per row + end, columns, values, row of each cell) as Python lists."""
    rows, columns = np.nonzero(matrix)
    starts = np.searchsorted(rows, np.arange(len(matrix) + 1))
    return starts.tolist(), columns.tolist(), matrix[rows, columns].tolist(), rows.tolist()


def _tool_cells(world: World, matrix: np.ndarray, since: list[str | None] | None) -> tuple[list[int], list[str]]:
    """Starts per row and one JSON object per used tool; without dates, cells share a few hundred strings."""
    starts, columns, values, _ = _rows(matrix)
    table = [[f'{{"tool":{tool},"proficiency":"{p}"' for p in PROFICIENCY] for tool in _quoted(world.tools)]
    if since is None:
        closed = [[cell + "}" for cell in row] for row in table]
        return starts, [closed[c][v] for c, v in zip(columns, values, strict=True)]
    return starts, [
        table[c][v] + ("}" if date is None else f',"since":"{date}"}}')
        for c, v, date in zip(columns, values, since, strict=True)
    ]


def _list(items: list[str]) -> str:
    return "[" + ",".join(items) + "]"


def association_lines(assoc: Associations, world: World, slugs: list[str], since: list[str | None]) -> Iterator[str]:
    tool_starts, tool_cells = _tool_cells(world, assoc.proficiency, since)
    consider_starts, consider_columns, _, _ = _rows(assoc.considers)
    need_starts, need_columns, need_levels, need_rows = _rows(assoc.need_level)
    skills, tools, fields = _quoted(world.skills), _quoted(world.tools), _quoted(world.fields)
    groups, districts = _quoted(world.target_groups), _quoted(world.districts)
    languages = _quoted(A.LANGUAGES)
    table = [
        [
            [f'{{"skill":{skill},"minLevel":{level},"priority":{priority}}}' for priority in range(4)]
            for level in range(9)
        ]
        for skill in skills
    ]
    needs = [
        table[s][level][priority]
        for s, level, priority in zip(
            need_columns, need_levels, assoc.need_priority[need_rows, need_columns].tolist(), strict=True
        )
    ]
    small = (assoc.paid_staff == 0) & (assoc.members <= A.SMALL_ASSOCIATION_MEMBERS)
    columns = (
        _quoted(slugs),
        assoc.fields.tolist(),
        assoc.district.tolist(),
        assoc.members.tolist(),
        assoc.paid_staff.tolist(),
        assoc.registered.tolist(),
        assoc.languages.tolist(),
        assoc.members_only.tolist(),
        assoc.person_group.tolist(),
        assoc.name_parts.tolist(),
        small.tolist(),
    )
    for i, (
        slug,
        own_fields,
        district,
        members,
        staff,
        registered,
        further,
        members_only,
        group,
        parts,
        is_small,
    ) in enumerate(zip(*columns, strict=True)):
        targets = [groups[group]] if group != NONE else []
        targets += [
            groups[world.target_groups.index(g)]
            for g, yes in (
                ("small-volunteer-run-associations", is_small),
                ("outer-district-associations", world.outer[district]),
                ("informal-initiatives", not registered),
            )
            if yes
        ]
        name = association_name(
            tuple(parts),
            world.fields[own_fields[0]],
            world.districts[district],
            world.district_names[district],
            registered,
        )
        staff_text = f"{staff} hauptamtlich Beschäftigte" if staff else "rein ehrenamtlich"
        description = (
            f"{world.field_labels[own_fields[0]]} in {world.district_names[district]}: "
            f"{members} Mitglieder, {staff_text}."
        )
        spoken = _list([GERMAN] + [languages[x] for x in further if x != NONE])
        considered = _list([tools[t] for t in consider_columns[consider_starts[i] : consider_starts[i + 1]]])
        visibility = "MEMBERS" if members_only else "PUBLIC"
        yield (
            f'{{"slug":{slug},"name":{encode(name)},"description":{encode(description)},'
            f'"district":{districts[district]},"members":{members},"paidStaff":{staff},"languages":{spoken},'
            f'"fields":{_list([fields[f] for f in own_fields if f != NONE])},"targetGroups":{_list(targets)},'
            f'"tools":{_list(tool_cells[tool_starts[i] : tool_starts[i + 1]])},"considers":{considered},'
            f'"needs":{_list(needs[need_starts[i] : need_starts[i + 1]])},'
            f'"contactEmail":"kontakt@{slug[1:-1]}.example.org","visibility":"{visibility}"}}'
        )


def _volunteer_languages(languages: list[str], heritage: int, extra: int, english: bool) -> str:
    further = [languages[x] for x in (heritage, extra) if x != NONE]
    return _list(list(dict.fromkeys([GERMAN, *further, *([ENGLISH] if english else [])])))


def volunteer_lines(vols: Volunteers, world: World, slugs: list[str]) -> Iterator[str]:
    skill_starts, skill_columns, skill_levels, _ = _rows(vols.level)
    tool_starts, tool_cells = _tool_cells(world, vols.proficiency, None)
    skills, districts, languages = _quoted(world.skills), _quoted(world.districts), _quoted(A.LANGUAGES)
    table = [[f'{{"skill":{skill},"level":{level}}}' for level in range(9)] for skill in skills]
    skill_cells = [table[s][level] for s, level in zip(skill_columns, skill_levels, strict=True)]
    columns = (
        _quoted(slugs),
        vols.district.tolist(),
        vols.remote.tolist(),
        vols.hours.tolist(),
        vols.max_mentees.tolist(),
        vols.heritage.tolist(),
        vols.extra_language.tolist(),
        vols.english.tolist(),
        vols.name_keys.tolist(),
    )
    for i, (slug, district, remote, hours, max_mentees, heritage, extra, english, (first, initial)) in enumerate(
        zip(*columns, strict=True)
    ):
        names = FIRST_NAMES.get(A.LANGUAGES[heritage] if heritage != NONE else "de", FIRST_NAMES["de"])
        offered = ", ".join(world.skill_labels[skill_columns[k]] for k in range(skill_starts[i], skill_starts[i + 1]))
        bio = f"Unterstützt Vereine bei: {offered}." + (" Auch online." if remote else "")
        display_name = f"{names[first % len(names)]} {INITIALS[initial % len(INITIALS)]}."
        yield (
            f'{{"slug":{slug},"displayName":{encode(display_name)},'
            f'"bio":{encode(bio)},"languages":{_volunteer_languages(languages, heritage, extra, english)},'
            f'"district":{districts[district]},"remote":{"true" if remote else "false"},"hoursPerMonth":{hours},'
            f'"maxMentees":{max_mentees},"skills":{_list(skill_cells[skill_starts[i] : skill_starts[i + 1]])},'
            f'"tools":{_list(tool_cells[tool_starts[i] : tool_starts[i + 1]])},'
            f'"contactEmail":"{slug[1:-1]}@example.org"}}'
        )
