"""The ``clinic-app`` command, in-process and as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from clinic_app import __version__
from clinic_app.cli import build_parser, main, window_config
from clinic_app.config import ENV_DATA_DIR, ENV_DB_URL, SQLITE_FILENAME, resolve_config
from clinic_app.db import Database


@pytest.fixture(autouse=True)
def _no_location_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_DATA_DIR, raising=False)
    monkeypatch.delenv(ENV_DB_URL, raising=False)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def listed(capsys, *location: str, search: str = "") -> list[dict]:
    status, out, _ = run(capsys, "patients", "--json", "--search", search, *location)
    assert status == 0
    return json.loads(out)


def test_version_in_process(capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.strip() == f"clinic-app {__version__}"


def test_version_as_a_real_process_from_another_folder(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in (ENV_DATA_DIR, ENV_DB_URL)}
    result = subprocess.run(
        [sys.executable, "-m", "clinic_app", "--version"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"clinic-app {__version__}"


def test_demo_then_list_as_json(capsys, database: Database) -> None:
    status, out, err = run(capsys, "demo", "--patients", "50", "--db-url", database.url)
    assert status == 0
    assert "Added 50 demo patients" in out and "(50 in all)" in out
    assert "50/50 demo patients" in err
    rows = listed(capsys, "--db-url", database.url)
    assert len(rows) == 50
    assert set(rows[0]) == {
        "id",
        "first_name",
        "last_name",
        "date_of_birth",
        "language",
        "archived",
    }
    assert len({row["id"] for row in rows}) == 50


@pytest.mark.parametrize("where", ["before", "after"])
def test_location_options_before_or_after_the_sub_command(capsys, data_dir: Path, where) -> None:
    options = ["--data-dir", str(data_dir)]
    argv = (
        [*options, "demo", "--patients", "3"]
        if where == "before"
        else ["demo", "--patients", "3", *options]
    )
    status, out, _ = run(capsys, *argv)
    assert status == 0, out
    assert (data_dir / SQLITE_FILENAME).is_file()
    assert len(listed(capsys, "--data-dir", str(data_dir))) == 3
    url = f"sqlite:///{data_dir / SQLITE_FILENAME}"
    assert len(listed(capsys, "--db-url", url)) == 3  # after the sub-command
    status, out, _ = run(capsys, "--db-url", url, "patients", "--json")  # before it
    assert status == 0 and len(json.loads(out)) == 3


def test_data_dir_from_the_environment(capsys, data_dir: Path, monkeypatch) -> None:
    monkeypatch.setenv(ENV_DATA_DIR, str(data_dir))
    status, _, _ = run(capsys, "demo", "--patients", "2")
    assert status == 0
    assert (data_dir / SQLITE_FILENAME).is_file()
    assert len(listed(capsys)) == 2


def test_option_wins_over_the_environment(capsys, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path / "from-env"))
    status, _, _ = run(capsys, "demo", "--patients", "2", "--data-dir", str(tmp_path / "chosen"))
    assert status == 0
    assert (tmp_path / "chosen" / SQLITE_FILENAME).is_file()
    assert not (tmp_path / "from-env").exists()


def test_demo_if_empty_adds_nothing_to_a_clinic_with_patients(capsys, database) -> None:
    status, out, _ = run(capsys, "demo", "--patients", "4", "--if-empty", "--db-url", database.url)
    assert status == 0 and "Added 4 demo patients" in out
    status, out, _ = run(capsys, "demo", "--patients", "4", "--if-empty", "--db-url", database.url)
    assert status == 0
    assert "4 patients already registered" in out and "no demo patients added" in out
    # Without --if-empty more are added, with other names (the seed moves on).
    status, out, _ = run(capsys, "demo", "--patients", "4", "--db-url", database.url)
    assert "(8 in all)" in out
    assert len(listed(capsys, "--db-url", database.url)) == 8


def test_patients_search_and_table(capsys, database: Database, tmp_path: Path) -> None:
    csv = tmp_path / "in.csv"
    csv.write_text(
        "first_name,last_name,date_of_birth,phone,email\n"
        "María,Núñez,1980-03-14,612-345-678,\n"
        "Ana,Lopez,1975-01-02,,\n",
        encoding="utf-8",
    )
    assert run(capsys, "import-patients", str(csv), "--db-url", database.url)[0] == 0
    rows = listed(capsys, "--db-url", database.url, search="NUNEZ")
    assert [(r["first_name"], r["last_name"], r["date_of_birth"]) for r in rows] == [
        ("María", "Núñez", "1980-03-14")
    ]
    assert [
        r["last_name"] for r in listed(capsys, "--db-url", database.url, search="14/03/1980")
    ] == ["Núñez"]
    status, out, err = run(capsys, "patients", "--search", "lopez", "--db-url", database.url)
    assert status == 0
    assert "1975-01-02  Lopez, Ana" in out and "Núñez" not in out
    assert "1 patients" in err


def test_patients_prints_a_page_and_says_how_many_more_match(capsys, database, tmp_path) -> None:
    csv = tmp_path / "in.csv"
    people = [f"Eva{n},Moreno{n},1980-01-{n + 1:02d},,\n" for n in range(7)]
    csv.write_text("first_name,last_name,date_of_birth,phone,email\n" + "".join(people))
    assert run(capsys, "import-patients", str(csv), "--db-url", database.url)[0] == 0

    status, out, err = run(
        capsys, "patients", "--search", "moreno", "--limit", "3", "--db-url", database.url
    )
    assert status == 0 and len(out.splitlines()) == 3
    assert "3 patients shown; 4 more match" in err and "--all" in err
    status, out, err = run(capsys, "patients", "--limit", "7", "--db-url", database.url)
    assert len(out.splitlines()) == 7 and err.strip().endswith("7 patients")
    status, out, err = run(capsys, "patients", "--all", "--json", "--db-url", database.url)
    assert len(json.loads(out)) == 7 and "more match" not in err
    with pytest.raises(SystemExit):
        main(["patients", "--limit", "0", "--db-url", database.url])
    assert "0 is not at least 1" in capsys.readouterr().err


def test_import_with_rejected_rows_exits_2_and_lists_them(capsys, database, tmp_path) -> None:
    csv = tmp_path / "in.csv"
    csv.write_text(
        "\ufefffirst_name,last_name,date_of_birth,phone,email\n"  # Excel's "CSV UTF-8" BOM
        "María,Núñez,1980-03-14,,\n"
        ",Lopez,1980-01-01,,\n"
        "Eva,Lopez,14/03/1980,,\n"
        "maria,NUNEZ,1980-03-14,,\n",
        encoding="utf-8",
    )
    status, out, _ = run(capsys, "import-patients", str(csv), "--db-url", database.url)
    assert status == 2
    assert "line 3: rejected: Enter the first name." in out
    assert "line 4: rejected: date_of_birth '14/03/1980' is not a date" in out
    assert "line 5: skipped duplicate: same name and date of birth as line 2" in out
    assert "Imported 1 patients; 2 rejected, 1 duplicates skipped." in out
    assert len(listed(capsys, "--db-url", database.url)) == 1


def test_import_problems_with_the_file_itself(capsys, sqlite_database, tmp_path) -> None:
    url = sqlite_database.url
    status, _, err = run(capsys, "import-patients", str(tmp_path / "missing.csv"), "--db-url", url)
    assert status == 1 and "cannot read" in err and "missing.csv" in err
    bad_header = tmp_path / "header.csv"
    bad_header.write_text("name,dob\nAna,1980-01-01\n", encoding="utf-8")
    status, _, err = run(capsys, "import-patients", str(bad_header), "--db-url", url)
    assert status == 2 and "lacks the column(s) first_name, last_name" in err
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes(
        "first_name,last_name,date_of_birth,phone,email\nJosé,Muñoz,1980-01-01,,\n".encode(
            "latin-1"
        )
    )
    status, _, err = run(capsys, "import-patients", str(latin1), "--db-url", url)
    assert status == 2 and "not UTF-8" in err


@pytest.mark.parametrize(
    "url",
    ["postgresql://clinic:s3cr3t@127.0.0.1:1/clinic", "not-a-database-url", "foo://u:s3cr3t@h/d"],
)
def test_bad_db_url_exits_1_with_a_message_and_no_traceback(capsys, url: str) -> None:
    status, out, err = run(capsys, "patients", "--db-url", url)
    assert status == 1
    assert err.startswith("clinic-app: ")
    assert "Traceback" not in err and "s3cr3t" not in err
    assert out == ""


def test_bad_db_url_in_a_real_process(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "clinic_app",
            "patients",
            "--db-url",
            "postgresql://x@127.0.0.1:1/y",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("clinic-app: Cannot open PostgreSQL: x@127.0.0.1:1/y")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("bad", ["0", "-3", "many"])
def test_demo_refuses_a_count_below_one(capsys, bad: str) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["demo", "--patients", bad])
    assert caught.value.code == 2
    assert "--patients" in capsys.readouterr().err


def test_output_piped_into_a_reader_that_stops_early_gives_no_traceback(tmp_path: Path) -> None:
    """`clinic-app devices | head -1`: the closed pipe must not end in a traceback."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first line is written
    try:
        writer = subprocess.run(
            [sys.executable, "-m", "clinic_app", "devices", "--data-dir", str(tmp_path)],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
            cwd=tmp_path,  # the installed package, not the checkout
        )
    finally:
        os.close(write_end)
    assert "Traceback" not in writer.stderr
    assert writer.returncode == 1


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--data-dir", "clinic"],
        ["--db-url", "sqlite:///x.db", "--data-dir=clinic"],
        ["--data-dir=", "--db-url=postgresql://u@h/db"],
        ["--data-dir", "demo"],  # a folder named like a sub-command
        ["--data-dir", "a", "--data-dir", "b"],
    ],
)
def test_the_window_options_read_like_the_full_parser(argv: list[str]) -> None:
    args = build_parser().parse_args(argv)
    assert args.command is None
    assert window_config(argv) == resolve_config(args.data_dir, args.db_url)


@pytest.mark.parametrize(
    "argv",
    [
        ["demo"],
        ["--help"],
        ["--version"],
        ["--data-dir"],
        ["--data-dir", "--db-url", "x"],
        ["--data", "clinic"],  # argparse's abbreviations stay with argparse
        ["--", "x"],
        ["--data-dir", "x", "patients"],
    ],
)
def test_anything_else_goes_to_the_full_parser(argv: list[str]) -> None:
    assert window_config(argv) is None
