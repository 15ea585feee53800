"""The generator: deterministic by seed, valid import records, catalogue slugs only, counts, the CLI."""

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from graph_schema.catalogue.reference import read_catalogue
from network.cli.synthetic import generate_command, truth_path
from network.synthetic import build, generate
from network.transfer.models import RECORD_MODELS
from tests.synthetic.samples import sample

SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$")


def _dumped(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, sort_keys=False)


def test_the_same_seed_gives_identical_json() -> None:
    first_document, first_truth = generate(300, 11)
    second_document, second_truth = generate(300, 11)
    assert _dumped(first_document) == _dumped(second_document)
    assert _dumped(first_truth) == _dumped(second_truth)


def test_a_different_seed_gives_a_different_data_set() -> None:
    document, truth = sample(300, 1)
    other_document, other_truth = sample(300, 2)
    assert document["associations"] != other_document["associations"]
    assert document["volunteers"] != other_document["volunteers"]
    assert truth["communities"] != other_truth["communities"]


def test_written_files_are_byte_identical_and_hold_the_document(tmp_path: Path) -> None:
    for name in ("a", "b"):
        build(200, 5).write(tmp_path / f"{name}.json", tmp_path / f"{name}.truth.json")
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    assert (tmp_path / "a.truth.json").read_bytes() == (tmp_path / "b.truth.json").read_bytes()
    document, truth = generate(200, 5)
    assert json.loads((tmp_path / "a.json").read_text(encoding="utf-8")) == document
    assert json.loads((tmp_path / "a.truth.json").read_text(encoding="utf-8")) == truth


@pytest.mark.parametrize("associations", [1, 7, 300, 2000])
def test_every_record_validates_against_the_import_models(associations: int) -> None:
    document, _ = generate(associations, 3)
    assert set(document) == set(RECORD_MODELS)
    for kind, model in RECORD_MODELS.items():
        for record in document[kind]:
            model.model_validate(record)  # raises on any bad record


def test_every_catalogue_slug_exists_in_the_shipped_catalogue() -> None:
    catalogue = read_catalogue()
    tools, skills, districts = catalogue.slugs("tools"), catalogue.slugs("skills"), catalogue.slugs("districts")
    fields, groups = catalogue.slugs("fields"), catalogue.slugs("target_groups")
    document, _ = sample(2000, 4)
    for a in document["associations"]:
        assert a["district"] in districts and set(a["fields"]) <= fields and set(a["targetGroups"]) <= groups
        assert {t["tool"] for t in a["tools"]} | set(a["considers"]) <= tools
        assert {n["skill"] for n in a["needs"]} <= skills
    for v in document["volunteers"]:
        assert v["district"] in districts
        assert {s["skill"] for s in v["skills"]} <= skills and {t["tool"] for t in v["tools"]} <= tools
    for e in document["events"]:
        assert set(e["about"]["tools"]) <= tools and set(e["about"]["skills"]) <= skills
        assert set(e["about"]["fields"]) <= fields and e.get("district", "mitte") in districts


def test_counts_slugs_and_names_at_a_small_scale() -> None:
    document, truth = sample(300, 1)
    associations, volunteers = document["associations"], document["volunteers"]
    assert len(associations) == 300 and 850 <= len(volunteers) <= 950
    assert 1 <= len(document["events"]) <= 10 and len(document["connections"]) >= 1
    slugs = [r["slug"] for r in associations + volunteers + document["events"]]
    assert len(set(slugs)) == len(slugs) and all(SLUG.match(s) for s in slugs)
    assert associations[122]["slug"] == "a-000123" and volunteers[455]["slug"] == "v-000456"
    assert all(re.match(r"^[A-ZÄÖÜ][\w .,-]+$", a["name"]) for a in associations)
    assert sum(a["name"].endswith(" e.V.") for a in associations) > 250
    assert len({a["name"] for a in associations}) > 250  # names vary
    assert all(a["languages"][0] == "de" for a in associations) and all("de" in v["languages"] for v in volunteers)
    known = {c["a"] for c in document["connections"]} | {c["b"] for c in document["connections"]}
    assert known <= {a["slug"] for a in associations}
    assert truth["counts"] == {
        "associations": 300,
        "volunteers": len(volunteers),
        "connections": len(document["connections"]),
        "events": len(document["events"]),
        "communities": len(truth["communities"]),
        "switchPairs": len(truth["switchPairs"]),
        "plantedMentors": len(truth["mentoring"]),
    }


def test_a_slug_prefix_is_put_before_every_slug() -> None:
    document, truth = generate(20, 1, slug_prefix="syn-")
    records = document["associations"] + document["volunteers"] + document["events"]
    assert all(r["slug"].startswith("syn-") for r in records)
    assert all(s.startswith("syn-") for s in truth["associations"])
    with pytest.raises(ValueError, match="slug_prefix"):
        generate(20, 1, slug_prefix="Bad Prefix")


def test_volunteers_have_levels_mostly_3_to_6_and_bounded_capacities() -> None:
    volunteers = sample(2000, 4)[0]["volunteers"]
    levels = [s["level"] for v in volunteers for s in v["skills"]]
    assert min(levels) >= 1 and max(levels) <= 8
    assert sum(3 <= lv <= 6 for lv in levels) / len(levels) > 0.75
    assert {v["maxMentees"] for v in volunteers} == {1, 2, 3}
    assert all(v["skills"] and v["hoursPerMonth"] >= 1 for v in volunteers)


def test_the_cli_writes_data_and_truth_and_reports_counts(tmp_path: Path) -> None:
    output = tmp_path / "berlin.json"
    result = CliRunner().invoke(generate_command, ["--associations", "120", "--seed", "9", "--output", str(output)])
    assert result.exit_code == 0, result.output
    assert truth_path(output) == tmp_path / "berlin.truth.json" and truth_path(output).exists()
    assert "120 associations" in result.output and "360 volunteers" in result.output and " s" in result.output
    assert json.loads(output.read_text(encoding="utf-8")) == generate(120, 9)[0]
    again = CliRunner().invoke(
        generate_command,
        ["-n", "120", "--seed", "9", "-o", str(tmp_path / "again.json"), "--truth", str(tmp_path / "t.json")],
    )
    assert again.exit_code == 0, again.output
    assert (tmp_path / "again.json").read_bytes() == output.read_bytes()


def test_the_cli_scale_presets_and_conflicts(tmp_path: Path) -> None:
    conflict = CliRunner().invoke(
        generate_command, ["--scale", "1k", "--associations", "5", "-o", str(tmp_path / "x.json")]
    )
    assert conflict.exit_code == 2 and "--scale 1k means 1000" in conflict.output
    same = CliRunner().invoke(generate_command, ["-o", str(tmp_path / "x.json"), "--truth", str(tmp_path / "x.json")])
    assert same.exit_code == 2
    preset = CliRunner().invoke(generate_command, ["--scale", "1k", "-o", str(tmp_path / "k.json")])
    assert preset.exit_code == 0 and "1000 associations" in preset.output


def test_generate_is_a_command_of_the_network_cli() -> None:
    from network.cli.main import cli

    assert cli.commands["generate"] is generate_command
