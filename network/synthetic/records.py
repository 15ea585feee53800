"""Arrays to records of the import format, one at a time, so that 100k associations stream without a big peak."""

from collections.abc import Iterator
from typing import Any

import numpy as np

from network.synthetic import assumptions as A
from network.synthetic.associations import NONE, Associations, association_name
from network.synthetic.names import FIRST_NAMES, INITIALS
from network.synthetic.volunteers import Volunteers
from network.synthetic.world import World

PROFICIENCY = (None, "BEGINNER", "INTERMEDIATE", "EXPERT")
Record = dict[str, Any]


def _rows(matrix: np.ndarray) -> tuple[list[int], list[int], list[int], list[int]]:
    """CSR view of the non-zero cells: (starts per row + end, columns, values, row of each cell) as Python lists."""
    rows, columns = np.nonzero(matrix)
    starts = np.searchsorted(rows, np.arange(len(matrix) + 1))
    return starts.tolist(), columns.tolist(), matrix[rows, columns].tolist(), rows.tolist()


def association_records(assoc: Associations, world: World, slugs: list[str],
                        since: list[str | None]) -> Iterator[Record]:
    tool_starts, tool_columns, tool_values, _ = _rows(assoc.proficiency)
    consider_starts, consider_columns, _, _ = _rows(assoc.considers)
    need_starts, need_columns, need_levels, need_rows = _rows(assoc.need_level)
    need_priorities = assoc.need_priority[need_rows, need_columns].tolist()
    small = (assoc.paid_staff == 0) & (assoc.members <= A.SMALL_ASSOCIATION_MEMBERS)
    columns = (assoc.fields.tolist(), assoc.district.tolist(), assoc.members.tolist(), assoc.paid_staff.tolist(),
               assoc.registered.tolist(), assoc.languages.tolist(), assoc.members_only.tolist(),
               assoc.person_group.tolist(), assoc.name_parts.tolist(), small.tolist())
    for i, (fields, district, members, staff, registered, languages, members_only, group, parts,
            is_small) in enumerate(zip(*columns, strict=True)):
        field_slugs = [world.fields[f] for f in fields if f != NONE]
        targets = [world.target_groups[group]] if group != NONE else []
        targets += [slug for slug, yes in (("small-volunteer-run-associations", is_small),
                                           ("outer-district-associations", bool(world.outer[district])),
                                           ("informal-initiatives", not registered)) if yes]
        tools = []
        for k in range(tool_starts[i], tool_starts[i + 1]):
            usage = {"tool": world.tools[tool_columns[k]], "proficiency": PROFICIENCY[tool_values[k]]}
            if since[k] is not None:
                usage["since"] = since[k]
            tools.append(usage)
        staff_text = f"{staff} hauptamtlich Beschäftigte" if staff else "rein ehrenamtlich"
        yield {
            "slug": slugs[i],
            "name": association_name(tuple(parts), field_slugs[0], world.districts[district],
                                     world.district_names[district], registered),
            "description": f"{world.field_labels[fields[0]]} in {world.district_names[district]}: "
                           f"{members} Mitglieder, {staff_text}.",
            "district": world.districts[district], "members": members, "paidStaff": staff,
            "languages": ["de"] + [A.LANGUAGES[x] for x in languages if x != NONE],
            "fields": field_slugs, "targetGroups": targets, "tools": tools,
            "considers": [world.tools[t] for t in consider_columns[consider_starts[i]:consider_starts[i + 1]]],
            "needs": [{"skill": world.skills[need_columns[k]], "minLevel": need_levels[k],
                       "priority": need_priorities[k]} for k in range(need_starts[i], need_starts[i + 1])],
            "contactEmail": f"kontakt@{slugs[i]}.example.org",
            "visibility": "MEMBERS" if members_only else "PUBLIC",
        }


def _volunteer_languages(heritage: int, extra: int, english: bool) -> list[str]:
    further = [A.LANGUAGES[x] for x in (heritage, extra) if x != NONE]
    return list(dict.fromkeys(["de", *further, *(["en"] if english else [])]))


def volunteer_records(vols: Volunteers, world: World, slugs: list[str]) -> Iterator[Record]:
    skill_starts, skill_columns, skill_levels, _ = _rows(vols.level)
    tool_starts, tool_columns, tool_values, _ = _rows(vols.proficiency)
    columns = (vols.district.tolist(), vols.remote.tolist(), vols.hours.tolist(), vols.max_mentees.tolist(),
               vols.heritage.tolist(), vols.extra_language.tolist(), vols.english.tolist(), vols.name_keys.tolist())
    for i, (district, remote, hours, max_mentees, heritage, extra, english, (first, initial)) in enumerate(
            zip(*columns, strict=True)):
        names = FIRST_NAMES.get(A.LANGUAGES[heritage] if heritage != NONE else "de", FIRST_NAMES["de"])
        skills = [{"skill": world.skills[skill_columns[k]], "level": skill_levels[k]}
                  for k in range(skill_starts[i], skill_starts[i + 1])]
        offered = ", ".join(world.skill_labels[skill_columns[k]] for k in range(skill_starts[i], skill_starts[i + 1]))
        yield {
            "slug": slugs[i], "displayName": f"{names[first % len(names)]} {INITIALS[initial % len(INITIALS)]}.",
            "bio": f"Unterstützt Vereine bei: {offered}." + (" Auch online." if remote else ""),
            "languages": _volunteer_languages(heritage, extra, english), "district": world.districts[district], "remote": remote,
            "hoursPerMonth": hours, "maxMentees": max_mentees, "skills": skills,
            "tools": [{"tool": world.tools[tool_columns[k]], "proficiency": PROFICIENCY[tool_values[k]]}
                      for k in range(tool_starts[i], tool_starts[i + 1])],
            "contactEmail": f"{slugs[i]}@example.org",
        }
