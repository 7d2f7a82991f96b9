"""Input that used to end in a traceback gets a clear message instead: record numbers beyond
what a database stores, dates at the ends of the calendar, an unbounded demo, and files the
app reads that are nested 5 000 deep, hold 5 000-digit numbers or are not UTF-8 (the clinic's
rules, device profiles, care texts, sessions.toml; form drafts; a screening answers file)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clinic_app import content
from clinic_app.cli import main
from clinic_app.config import ENV_DATA_DIR, ENV_DB_URL
from clinic_app.db import Database
from clinic_app.services import form_drafts

DEEP_TOML = "x = " + "[" * 5000 + "]" * 5000 + "\n"
DEEP_TABLE_TOML = "x = " + "{ y = " * 5000 + "1" + " }" * 5000 + "\n"
LONG_NUMBER_TOML = "x = " + "9" * 5000 + "\n"
DEEP_JSON = "[" * 5000 + "]" * 5000
LONG_NUMBER_JSON = '{"fitzpatrick": ' + "9" * 5000 + "}"


@pytest.fixture(autouse=True)
def _no_location_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_DATA_DIR, raising=False)
    monkeypatch.delenv(ENV_DB_URL, raising=False)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """The exit status and standard error of ``clinic-app ARGV`` (argparse's own exit too)."""
    try:
        status = main(list(argv))
    except SystemExit as exc:
        status = int(exc.code or 0)
    return status, capsys.readouterr().err


BEYOND = str(2**63)
HUGE = "9" * 30
ARGUMENTS = [
    ("handout", "pre-care", "--patient", BEYOND, "--treatment-date", "2030-01-01"),
    ("handout", "pre-care", "--patient", "1", "--treatment-date", "9999-12-31"),
    ("handout", "pre-care", "--patient", "1", "--treatment-date", "0001-01-01"),
    ("handout", "post-care", "--session", HUGE),
    ("handout", "post-care", "--patient", "1", "--treatment-date", "9999-12-31"),
    ("handout", "post-care", "--patient", "1", "--treatment-date", "0001-01-01"),
    ("handout", "post-care", "--patient", "1", "--treatment-date", "2030-01-01",
     "--next-appointment", "9999-12-31 10:00"),
    ("handout", "reprint", "--document", BEYOND),
    ("handout", "list", "--patient", BEYOND),
    ("audit", "list", "--id", BEYOND),
    ("audit", "list", "--until", "9999-12-31"),
    ("audit", "list", "--since", "0001-01-01"),
    ("demo", "--patients", HUGE),
    ("demo", "--patients", "500001"),
    ("demo", "--seed", BEYOND + "0"),
]  # fmt: skip


@pytest.mark.parametrize("argv", ARGUMENTS, ids=lambda argv: " ".join(argv)[:60])
def test_out_of_range_arguments_are_refused_with_a_message(
    argv: tuple[str, ...], capsys: pytest.CaptureFixture[str], sqlite_database: Database
) -> None:
    status, err = _run(capsys, *argv, "--db-url", sqlite_database.url)
    assert status == 2, err
    assert "Traceback" not in err
    assert "error: argument" in err
    assert any(words in err for words in ("out of range", "not a record number", "between"))


def test_the_largest_record_number_is_simply_not_found(
    capsys: pytest.CaptureFixture[str], database: Database
) -> None:
    status, err = _run(
        capsys, "handout", "list", "--patient", str(2**63 - 1), "--db-url", database.url
    )
    assert status == 2 and "There is no patient" in err and "Traceback" not in err
    status, err = _run(capsys, "audit", "list", "--id", str(2**63 - 1), "--db-url", database.url)
    assert status == 0, err


ABOVE_32_BITS = str(2**31 + 1)  # a valid number, beyond PostgreSQL's INTEGER ids
UNKNOWN_RECORDS = [
    (("handout", "reprint", "--document", ABOVE_32_BITS, "--output", "-"), "no generated document"),
    (("handout", "post-care", "--session", ABOVE_32_BITS, "--output", "-"), "no treatment session"),
    (("handout", "list", "--patient", ABOVE_32_BITS), "no patient"),
    (("handout", "pre-care", "--patient", ABOVE_32_BITS, "--treatment-date", "2030-01-01",
      "--output", "-"), "no patient"),
]  # fmt: skip


@pytest.mark.parametrize(
    "argv, message", UNKNOWN_RECORDS, ids=[" ".join(argv[:2]) for argv, _ in UNKNOWN_RECORDS]
)
def test_a_record_number_above_32_bits_is_not_found_on_every_database(
    argv: tuple[str, ...], message: str, capsys: pytest.CaptureFixture[str], database: Database
) -> None:
    status, err = _run(capsys, *argv, "--db-url", database.url)
    assert status == 2 and message in err.lower(), err
    assert "Traceback" not in err and "out of range" not in err


def _override(data_dir: Path, relative: str, text: str | bytes) -> Path:
    path = data_dir / "overrides" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


BROKEN = [
    ("rules/medical.toml", DEEP_TOML, "nested too deeply"),
    ("rules/extra.toml", DEEP_TABLE_TOML, "nested too deeply"),
    ("rules/extra.toml", LONG_NUMBER_TOML, "number in it is far too long"),
    ("devices/deep.toml", DEEP_TOML, "nested too deeply"),
    ("devices/long.toml", LONG_NUMBER_TOML, "number in it is far too long"),
]


@pytest.mark.parametrize("relative,text,words", BROKEN, ids=lambda v: str(v)[:24])
@pytest.mark.parametrize("command", ["rules", "devices"])
def test_a_clinic_file_nested_too_deep_or_with_a_huge_number_is_named(
    relative: str,
    text: str,
    words: str,
    command: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = tmp_path / "data"
    path = _override(data, relative, text)
    status, err = _run(capsys, command, "--data-dir", str(data))
    if not relative.startswith(command):
        assert status == 0, err  # the other command does not read it
        return
    assert status in (1, 2), err
    assert "Traceback" not in err
    assert str(path) in err and words in err


@pytest.mark.parametrize(
    "relative,text",
    [
        ("care/en/pre_care.toml", DEEP_TOML),
        ("care/en/post_care.toml", LONG_NUMBER_TOML),
        ("sessions/sessions.toml", DEEP_TABLE_TOML),
        ("sessions/sessions.toml", b'interval_weeks = "\xff\xfe"\n'),
    ],
    ids=["care-deep", "care-digits", "sessions-deep", "sessions-not-utf8"],
)
def test_the_clinic_files_that_cannot_be_read_are_each_explained(
    relative: str, text: str | bytes, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    path = _override(data, relative, text)
    message = content.unreadable_content(data)
    assert str(path) in message
    assert any(words in message for words in ("nested too deeply", "far too long", "not UTF-8"))
    assert "remove it to use the shipped file" in message


def test_a_command_hit_by_an_unreadable_clinic_file_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever loader lets the error through (here sessions.toml's, not UTF-8)."""
    data = tmp_path / "data"
    path = _override(data, "sessions/sessions.toml", b'x = "\xff"\n')

    def load(*_args: object) -> int:
        path.read_text(encoding="utf-8")  # as domain/sessions/session_content.py reads it
        return 0

    from clinic_app.commands import devices

    monkeypatch.setattr(devices, "run", load)
    status, err = _run(capsys, "devices", "--data-dir", str(data))
    assert status == 1
    assert f"{path} is not UTF-8 text (byte 6 cannot be read)" in err
    assert "Traceback" not in err


def test_the_safe_parsers_turn_the_leaks_into_decode_errors() -> None:
    import tomllib

    for text in (DEEP_TOML, DEEP_TABLE_TOML, LONG_NUMBER_TOML):
        with pytest.raises(tomllib.TOMLDecodeError):
            content.loads_toml(text)
    for text in (DEEP_JSON, LONG_NUMBER_JSON):
        with pytest.raises(json.JSONDecodeError):
            content.loads_json(text)
    assert content.loads_toml("x = [[1]]") == {"x": [[1]]}
    assert content.loads_json("[[1]]") == [[1]]


@pytest.mark.parametrize("text", [DEEP_JSON, LONG_NUMBER_JSON], ids=["deep", "digits"])
def test_a_screening_answers_file_nested_too_deep_or_with_a_huge_number(
    text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(text, encoding="utf-8")
    status, err = _run(capsys, "screen", str(answers), "--data-dir", str(tmp_path / "data"))
    assert status == 2, err
    assert "not valid JSON" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "raw",
    [
        b'{"format": 1, "values": ' + b"[" * 5000 + b"]" * 5000 + b"}",
        b'{"format": 1, "values": {"a": ' + b"9" * 5000 + b"}}",
        b'{"format": 1, "values": {"a": "\xff"}}',
        b"{" + b" " * (2 * 1024 * 1024) + b"}",
    ],
    ids=["deep", "digits", "not-utf8", "huge"],
)
def test_a_damaged_form_draft_is_simply_not_offered(raw: bytes, tmp_path: Path) -> None:
    form_drafts.save(tmp_path, "patient-new", {"first_name": "Zoë"})
    (tmp_path / "drafts" / "patient-new.json").write_bytes(raw)
    assert form_drafts.load(tmp_path, "patient-new") is None
