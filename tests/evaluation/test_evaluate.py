import json

import pytest
from click.testing import CliRunner

from network.cli.main import cli
from network.evaluation.checks import mentoring_violations
from network.evaluation.dataset import DatasetRejected, load_dataset
from network.evaluation.runner import evaluate
from network.synthetic.generator import generate
from network.volunteers.models import SkillOfferInput


@pytest.fixture(scope="module")
def tiny() -> tuple[dict, dict]:
    return generate(300, seed=7)


@pytest.fixture(scope="module")
def report(tiny):
    document, truth = tiny
    return evaluate(document, truth, seed=1)


def test_peer_metrics_are_in_range_and_the_core_beats_random(report):
    peers = report.peers
    assert peers["rows"] > 0 and peers["k"] == 10
    for name in ("matching core", "random", "most popular", "jaccard on tools"):
        assert 0 <= peers[name]["precision"] <= 1 and 0 <= peers[name]["ndcg"] <= 1
    assert peers["matching core"]["ndcg"] > peers["random"]["ndcg"]
    assert peers["matching core"]["precision"] > peers["random"]["precision"]


def test_mentoring_has_no_violations_and_reaches_its_bounds(report):
    m = report.mentoring
    assert m["violations"]["total"] == 0
    assert 0 < m["mentored"] <= m["max_flow_bound"]
    assert 0 < m["mentored_share_of_bound"] <= 1
    assert m["edges"] == "all eligible" and m["bound_exact"]
    assert m["lp_optimum"] == m["total_fit"] and m["fit_share_of_optimum"] == 1.0


def test_exposure_shares_are_shares(report):
    assert set(report.exposure) == {"small (no paid staff)", "serving under-represented groups"}
    for cohort in report.exposure.values():
        assert 0 < cohort["population_share"] < 1
        assert 0 <= cohort["top10_exposure_share"] <= 1


def test_the_recheck_counts_each_broken_rule(tiny):
    data = load_dataset(tiny[0])
    a = next(i for i, r in enumerate(data.associations) if r.needs and r.district)
    assoc = data.associations[a]
    elsewhere = next(d for d in ("spandau", "mitte") if d != assoc.district)
    wrong = data.volunteers[0].model_copy(
        update={
            "remote": False,
            "district": elsewhere,
            "languages": ["xx"],
            "max_mentees": 1,
            "skills": [s for s in data.volunteers[0].skills if s.skill not in {n.skill for n in assoc.needs}],
        }
    )
    right = data.volunteers[1].model_copy(
        update={
            "remote": True,
            "languages": list(assoc.languages),
            "max_mentees": 1,
            "skills": [SkillOfferInput(skill=assoc.needs[0].skill, level=assoc.needs[0].min_level)],
        }
    )
    volunteers = [wrong, right]
    assert mentoring_violations(data.associations, volunteers, [(a, 1)]).total == 0
    found = mentoring_violations(data.associations, volunteers, [(a, 0), (a, 0), (a, 1)])
    assert (found.skill, found.language, found.place) == (2, 2, 2)
    assert found.duplicate_pairs == 1 and found.association_capacity == 2 and found.volunteer_capacity == 1


def test_bad_records_are_named_with_their_field(tiny):
    document = json.loads(json.dumps(tiny[0]))
    document["associations"][3]["tools"][0]["tool"] = "no-such-tool"
    document["volunteers"][0]["maxMentees"] = -1
    document["connections"].append({"a": document["associations"][0]["slug"], "b": "nobody"})
    with pytest.raises(DatasetRejected) as error:
        load_dataset(document)
    text = str(error.value)
    assert "associations[3]" in text and "tools[0].tool: unknown tool 'no-such-tool'" in text
    assert "volunteers[0]: maxMentees" in text
    assert "unknown association 'nobody'" in text


def test_the_command_prints_tables_and_json(tiny, tmp_path):
    data, truth = tmp_path / "tiny.json", tmp_path / "tiny.truth.json"
    data.write_text(json.dumps(tiny[0]), encoding="utf-8")
    truth.write_text(json.dumps(tiny[1]), encoding="utf-8")
    runner = CliRunner()
    text = runner.invoke(cli, ["evaluate", "--file", str(data)])
    assert text.exit_code == 0, text.output
    assert "precision@10" in text.output and "jaccard on tools" in text.output and "max-flow bound" in text.output
    assert "idf-cosine, all signals" in text.output and "peer weights fitted to the profiles: tools 1.0" in text.output
    as_json = runner.invoke(cli, ["evaluate", "--file", str(data), "--json"])
    assert as_json.exit_code == 0, as_json.output
    parsed = json.loads(as_json.output)
    assert parsed["associations"] == 300 and parsed["mentoring"]["violations"]["total"] == 0
    assert set(parsed["weights"]) == {"tools", "complementarity", "fields", "target_groups", "district"}


def test_the_command_refuses_a_missing_or_foreign_truth(tiny, tmp_path):
    data = tmp_path / "alone.json"
    data.write_text(json.dumps(tiny[0]), encoding="utf-8")
    missing = CliRunner().invoke(cli, ["evaluate", "--file", str(data)])
    assert missing.exit_code != 0 and "alone.truth.json does not exist" in missing.output
    other = tmp_path / "other.truth.json"
    other.write_text(json.dumps(generate(20, seed=3)[1] | {"associations": {"x-1": {"peers": []}}}), encoding="utf-8")
    foreign = CliRunner().invoke(cli, ["evaluate", "--file", str(data), "--truth", str(other)])
    assert foreign.exit_code != 0 and "not those of the data file" in foreign.output


def test_the_variants_command_prints_a_table_json_and_a_chart(tmp_path):
    chart = tmp_path / "variants.png"
    arguments = ["evaluate", "--variants", "--variant", "default", "--variant", "hubs", "--associations", "300"]
    result = CliRunner().invoke(cli, [*arguments, "--plot", str(chart), "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["variant"] for r in rows] == ["default", "hubs"]
    for row in rows:
        assert row["rows"] > 0
        for ranking in ("matching core", "idf-cosine on tools", "idf-cosine, all signals", "best possible"):
            assert 0 <= row[ranking]["precision"] <= row["best possible"]["precision"] <= 1
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    printed = CliRunner().invoke(cli, [*arguments[:4], "--associations", "300", "--plot", str(chart)])
    assert printed.exit_code == 0 and "core - best baseline, mean over variants" in printed.output


def test_variants_refuse_a_file_and_a_lone_variant(tmp_path):
    assert "leave out --file" in CliRunner().invoke(cli, ["evaluate", "--variants", "--file", "x.json"]).output
    assert "--variant goes with --variants" in CliRunner().invoke(cli, ["evaluate", "--variant", "hubs"]).output


def test_the_feedback_command_prints_the_curve_as_json_and_a_chart(tmp_path):
    chart = tmp_path / "feedback.png"
    arguments = ["evaluate", "--feedback", "--associations", "400", "--plot", str(chart), "--json"]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 0, result.output
    curve = json.loads(result.stdout)
    answers = [point["answers"] for point in curve["points"]]
    assert answers[0] == 0 and answers == sorted(answers) and answers[-1] > 0
    assert set(curve["points"][-1]["weights"]) == {"tools", "complementarity", "fields", "target_groups", "district"}
    assert 0 <= curve["best_achievable"] <= 1
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    both = CliRunner().invoke(cli, ["evaluate", "--feedback", "--variants"])
    assert both.exit_code != 0 and "not both" in both.output
