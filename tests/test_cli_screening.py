"""``clinic-app rules`` and ``clinic-app screen``, in-process."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from clinic_app.cli import main
from clinic_app.config import ENV_DATA_DIR, ENV_DB_URL
from clinic_app.domain.screening.screening import load_rules
from clinic_app.domain.screening.screening_markdown import questions_markdown, rules_markdown

DOCS = Path(__file__).resolve().parents[1] / "docs" / "screening.md"


@pytest.fixture(autouse=True)
def _no_location_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_DATA_DIR, raising=False)
    monkeypatch.delenv(ENV_DB_URL, raising=False)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def docs_example() -> dict[str, Any]:
    block = re.search(r"```json\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    assert block is not None
    return json.loads(block.group(1))


def write_json(path: Path, data: object) -> str:
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


OVERRIDE = """format_version = 1
[[rule]]
id = "smoking"
version = 2
severity = "relative"
title = "Smoking (clinic policy)"
message = "Our clinic asks smokers to stop before resurfacing."
advice = "Stop two weeks before."
source = "Clinic policy, 2026-11"
when = { answer = "smoker", equals = true }
"""


def override(data_dir: Path, text: str = OVERRIDE, name: str = "clinic.toml") -> Path:
    folder = data_dir / "overrides" / "rules"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


# ---- rules ----


def test_rules_lists_every_rule(capsys, data_dir: Path) -> None:
    status, out, err = run(capsys, "rules", "--data-dir", str(data_dir))
    assert status == 0
    for rule in load_rules(None).rules:
        assert f"{rule.severity.value:<9} {rule.id} v{rule.version}: {rule.title}" in out
        assert rule.source in out
    assert "28 rules (0 from the clinic)" in err
    assert out.index("pregnancy") < out.index("aha_bha") < out.index("smoking")


def test_rules_json(capsys, data_dir: Path) -> None:
    status, out, _ = run(capsys, "rules", "--json", "--data-dir", str(data_dir))
    assert status == 0
    data = json.loads(out)
    aha = next(item for item in data if item["id"] == "aha_bha")
    assert aha["version"] == 1 and aha["severity"] == "relative"
    assert aha["message"] and aha["source"]
    assert aha["when"] == "`aha_bha` current or < 14 days before treatment"
    assert [item["severity"] for item in data] == sorted(
        (item["severity"] for item in data), key=["absolute", "relative", "caution"].index
    )


def test_rules_honour_the_data_dir_overrides(capsys, data_dir: Path) -> None:
    override(data_dir)
    status, out, _ = run(capsys, "rules", "--json", "--data-dir", str(data_dir))
    assert status == 0
    smoking = [item for item in json.loads(out) if item["id"] == "smoking"]
    assert len(smoking) == 1
    assert (smoking[0]["version"], smoking[0]["severity"], smoking[0]["clinic"]) == (
        2,
        "relative",
        True,
    )
    # --shipped ignores them, e.g. for the docs table
    _, shipped, _ = run(capsys, "rules", "--json", "--shipped", "--data-dir", str(data_dir))
    assert next(i for i in json.loads(shipped) if i["id"] == "smoking")["version"] == 1


def test_rules_markdown_is_the_docs_table(capsys, data_dir: Path) -> None:
    status, out, _ = run(capsys, "rules", "--shipped", "--markdown", "--data-dir", str(data_dir))
    assert status == 0
    assert out == rules_markdown(load_rules(None))
    assert out in DOCS.read_text(encoding="utf-8")


def test_rules_questions(capsys, data_dir: Path) -> None:
    status, out, _ = run(capsys, "rules", "--questions", "--json", "--data-dir", str(data_dir))
    assert status == 0
    questions = {item["id"]: item for item in json.loads(out)}
    assert questions["fitzpatrick"]["kind"] == "choice"
    assert len(questions["fitzpatrick"]["choices"]) == 6
    _, table, _ = run(capsys, "rules", "--questions", "--markdown", "--data-dir", str(data_dir))
    assert table == questions_markdown(load_rules(None))
    _, text, _ = run(capsys, "rules", "--questions", "--data-dir", str(data_dir))
    assert "aha_bha" in text and "exposure" in text


def test_rules_json_and_markdown_exclude_each_other(capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["rules", "--json", "--markdown"])
    assert caught.value.code == 2
    assert "not allowed with" in capsys.readouterr().err


def test_malformed_rules_file_exits_2_naming_file_and_rule(capsys, data_dir: Path) -> None:
    path = override(data_dir, OVERRIDE.replace('severity = "relative"', 'severity = "severe"'))
    status, out, err = run(capsys, "rules", "--data-dir", str(data_dir))
    assert status == 2 and out == ""
    assert f"{path}: rule 'smoking': severity 'severe' is not one of" in err
    status, _, err = run(capsys, "screen", "nofile.json", "--data-dir", str(data_dir))
    assert status == 1  # the answers file is missing: checked before the rules


# ---- screen ----


def test_screen_the_docs_example(capsys, data_dir: Path, tmp_path: Path) -> None:
    answers = write_json(tmp_path / "a.json", docs_example())
    argv = ["screen", answers, "--today", "2026-11-20", "--data-dir", str(data_dir)]
    status, out, err = run(capsys, *argv)
    assert (status, err) == (0, "")
    assert out.startswith("Screening for Tue 15 Dec 2026: 5 findings; plan not blocked.")
    assert "What to do: Stop AHA/BHA products by Tue 1 Dec 2026." in out
    assert "RELATIVE  Waxing within 14 days  [waxing v1]  (earliest 2026-12-16)" in out
    assert "between Sun 13 Dec 2026 and Mon 14 Dec 2026" in out
    assert "NOT ANSWERED" not in out and "incomplete" not in out


def test_screen_json(capsys, data_dir: Path, tmp_path: Path) -> None:
    answers = write_json(tmp_path / "a.json", {**docs_example(), "pregnant": True})
    argv = ["screen", answers, "--json", "--today", "2026-11-20", "--data-dir", str(data_dir)]
    status, out, _ = run(capsys, *argv)
    assert status == 0
    data = json.loads(out)
    assert data["blocks_plan"] is True and data["complete"] is True
    assert data["findings"][0]["rule_id"] == "pregnancy"
    assert data["findings"][0]["severity"] == "absolute"
    aha = next(f for f in data["findings"] if f["rule_id"] == "aha_bha")
    assert aha["due_date"] == "2026-12-01" and aha["due_kind"] == "stop_by"
    assert aha["rule_version"] == 1


def test_unanswered_absolute_questions_block_the_headline(
    capsys, data_dir: Path, tmp_path: Path
) -> None:
    example = {k: v for k, v in docs_example().items() if k not in ("pregnant", "active_infection")}
    answers = write_json(tmp_path / "a.json", example)
    argv = ["screen", answers, "--today", "2026-11-20", "--data-dir", str(data_dir)]
    status, out, _ = run(capsys, *argv)
    assert status == 0
    assert "plan not blocked" not in out
    assert out.startswith(
        "Screening for Tue 15 Dec 2026: 5 findings; plan BLOCKED (absolute question not "
        "answered: pregnant, active_infection)."
    )
    _, out, _ = run(capsys, *argv, "--json")
    assert json.loads(out)["unanswered_absolute"] == ["pregnant", "active_infection"]


def test_still_in_use_after_the_stop_date_gives_the_earliest_date(
    capsys, data_dir: Path, tmp_path: Path
) -> None:
    answers = write_json(tmp_path / "a.json", {**docs_example(), "isotretinoin": "current"})
    argv = ["screen", answers, "--json", "--today", "2026-11-20", "--data-dir", str(data_dir)]
    _, out, _ = run(capsys, *argv)
    iso = next(f for f in json.loads(out)["findings"] if f["rule_id"] == "isotretinoin")
    assert (iso["due_kind"], iso["due_date"]) == ("earliest_date", "2027-11-20")
    assert "on or before" not in iso["advice"] and "Sat 20 Nov 2027" in iso["advice"]


def test_treatment_date_option_wins(capsys, data_dir: Path, tmp_path: Path) -> None:
    example = {**docs_example(), "aha_bha": "2026-12-02"}
    answers = write_json(tmp_path / "a.json", example)
    argv = ["screen", answers, "--json", "--data-dir", str(data_dir)]
    _, out, _ = run(capsys, *argv)
    assert "aha_bha" in [f["rule_id"] for f in json.loads(out)["findings"]]  # 13 days
    _, out, _ = run(capsys, *argv, "--treatment-date", "2026-12-16")
    data = json.loads(out)
    assert data["treatment_date"] == "2026-12-16"
    assert "aha_bha" not in [f["rule_id"] for f in data["findings"]]  # 14 days


def test_screen_uses_the_clinic_rules(capsys, data_dir: Path, tmp_path: Path) -> None:
    override(data_dir)
    answers = write_json(tmp_path / "a.json", {**docs_example(), "smoker": True})
    _, out, _ = run(capsys, "screen", answers, "--json", "--data-dir", str(data_dir))
    smoking = next(f for f in json.loads(out)["findings"] if f["rule_id"] == "smoking")
    assert (smoking["rule_version"], smoking["severity"]) == (2, "relative")


def test_unanswered_questions_are_listed(capsys, data_dir: Path, tmp_path: Path) -> None:
    example = docs_example()
    del example["pregnant"]
    example["fitzpatrick"] = None
    answers = write_json(tmp_path / "a.json", example)
    status, out, _ = run(capsys, "screen", answers, "--data-dir", str(data_dir))
    assert status == 0
    assert "NOT ANSWERED (2): fitzpatrick, pregnant" in out
    assert "The screening is incomplete" in out
    _, out, _ = run(capsys, "screen", answers, "--json", "--data-dir", str(data_dir))
    data = json.loads(out)
    assert data["unanswered"] == ["fitzpatrick", "pregnant"] and data["complete"] is False


def test_without_any_treatment_date(capsys, data_dir: Path, tmp_path: Path) -> None:
    example = docs_example()
    del example["treatment_date"]
    answers = write_json(tmp_path / "a.json", example)
    status, out, _ = run(capsys, "screen", answers, "--json", "--data-dir", str(data_dir))
    data = json.loads(out)
    assert status == 0
    assert data["unanswered"] == ["treatment_date"]
    assert "waxing" in data["undecided"]


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ('{"pregnant": fals}', "not valid JSON: Expecting value at line 1, column 14"),
        ("[1, 2]", "the answers must be a JSON object"),
        ('{"pregnant": false, "pregnant": true}', "field 'pregnant' appears twice"),
        ('{"treatment_date": "15/12/2026"}', "field 'treatment_date': '15/12/2026' is not a date"),
        ('{"treatment_date": 20261215}', "field 'treatment_date': write it as a text"),
    ],
)
def test_bad_answers_file_exits_2(
    capsys, data_dir: Path, tmp_path: Path, content: str, fragment: str
) -> None:
    path = tmp_path / "a.json"
    path.write_text(content, encoding="utf-8")
    status, out, err = run(capsys, "screen", str(path), "--data-dir", str(data_dir))
    assert status == 2 and out == ""
    assert err.startswith(f"clinic-app: {path}: ")
    assert fragment in err


def test_bad_answer_exits_2_naming_the_field(capsys, data_dir: Path, tmp_path: Path) -> None:
    example = {**docs_example(), "waxing": "2026-11-31", "smoker": "no", "pregnnt": False}
    answers = write_json(tmp_path / "a.json", example)
    status, out, err = run(capsys, "screen", answers, "--data-dir", str(data_dir))
    assert status == 2
    assert "UNUSABLE ANSWERS (3)" in out
    assert "field 'waxing': '2026-11-31' is not a date" in err
    assert "field 'smoker': answer true (yes) or false (no)" in err
    assert "field 'pregnnt': not a question of the screening form" in err


def test_bad_treatment_date_option(capsys, tmp_path: Path) -> None:
    answers = write_json(tmp_path / "a.json", {})
    with pytest.raises(SystemExit) as caught:
        main(["screen", answers, "--treatment-date", "2026-02-30"])
    assert caught.value.code == 2
    assert "--treatment-date: '2026-02-30' is not a date" in capsys.readouterr().err


def test_missing_answers_file(capsys, data_dir: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    status, _, err = run(capsys, "screen", str(missing), "--data-dir", str(data_dir))
    assert status == 1
    assert f"cannot read {missing}" in err


def test_answers_file_not_utf8(capsys, data_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_bytes('{"allergies": "caf\xe9"}'.encode("latin-1"))
    status, _, err = run(capsys, "screen", str(path), "--data-dir", str(data_dir))
    assert status == 2 and "not UTF-8" in err
