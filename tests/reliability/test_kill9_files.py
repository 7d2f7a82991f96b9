"""kill -9 of a process writing a file over an older one (issue 17): ``clinic-app handout ...
--output FILE``, the session history's CSV export and a form's draft each leave, under the real
name, either the old complete file or the new complete one (a PDF pypdf reads to its last page,
a CSV of the full row count, a draft that loads), never part of one; and the next successful
write leaves no temporary file behind.

The writers go through a ``.NAME.partial`` file, fsynced, then renamed over NAME
(clinic_app.storage.write_private_atomically): a kill before the rename leaves NAME untouched
and, at worst, the partial file, which the next write to NAME reuses and renames away. Each
loop prints how often a kill found a partial file, i.e. landed inside a write (``pytest -s``).
The fast tests run a few kills each; the ``slow`` variant, or CLINIC_APP_KILL_ROUNDS, many more.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from kill_loop import rounds, run_writer
from pypdf import PdfReader
from session_factories import GENTLE_FACE, add_consultation, area, session_input

from clinic_app import storage
from clinic_app.cli import main as cli
from clinic_app.db import Database
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.services import form_drafts
from clinic_app.services.patients import patients
from clinic_app.services.security.identity import Actor
from clinic_app.services.sessions import session_drafts, session_history
from clinic_app.services.sessions.session_resources import load_resources
from clinic_app.services.settings import clinic
from clinic_app.services.settings.clinic import ClinicDetails

TREATMENT_DAY = (dt.date.today() + dt.timedelta(days=30)).isoformat()  # pre-care: not past
NAME = "Siân Kill"


def _left_over(folder: Path) -> list[str]:
    """What besides the real files is in ``folder``: temporary files."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(storage.PARTIAL_SUFFIX))


def _kill_loop(
    url: str,
    mode: str,
    job: dict[str, object],
    output: Path,
    check: Callable[[bytes], None],
    *,
    kills: int,
    longest_delay: float,
    seed: int,
) -> int:
    """Kill the writer ``kills`` times at random moments; after each, ``check`` what is under
    the real name. Returns how many kills found a partial file."""
    chance = random.Random(seed)
    inside = 0
    for _ in range(kills):
        run_writer([url, mode, json.dumps(job)], "wrote", chance.uniform(0.0, longest_delay))
        check(output.read_bytes())
        inside += bool(_left_over(output.parent))
    print(f"{mode}: {kills} kills, {inside} inside a write")
    return inside


def _whole_pdf(data: bytes) -> None:
    assert data.rstrip().endswith(b"%%EOF"), "a PDF cut short"
    reader = PdfReader(io.BytesIO(data), strict=True)
    assert len(reader.pages) >= 1
    assert NAME in " ".join(reader.pages[0].extract_text().split())
    assert reader.pages[-1].extract_text().strip(), "the last page is there, with its text"


@pytest.fixture
def patient(sqlite_database: Database, actor: Actor) -> int:
    with sqlite_database.session() as session:
        clinic.save(session, actor, ClinicDetails(name="Kill Clinic", phone="+44 20 7946 0018"))
        return patients.create(
            session, actor, PatientFields("Siân", "Kill", dt.date(1985, 7, 9))
        ).id


def _handouts(
    sqlite_database: Database,
    data_dir: Path,
    patient: int,
    tmp_path: Path,
    kills: int,
    longest_delay: float = 1.0,
) -> None:
    folder = tmp_path / "out"
    folder.mkdir(parents=True)
    output = folder / "handout.pdf"
    where = ["--db-url", sqlite_database.url, "--data-dir", str(data_dir)]
    day = ["--patient", str(patient), "--treatment-date", TREATMENT_DAY]
    assert cli(["handout", "pre-care", *day, "--output", str(output), *where]) == 0  # the old file
    job = {
        "patient": patient,
        "date": TREATMENT_DAY,
        "output": str(output),
        "data_dir": str(data_dir),
    }
    _kill_loop(sqlite_database.url, "handouts", job, output, _whole_pdf, kills=kills,
               longest_delay=longest_delay, seed=kills)  # fmt: skip

    assert cli(["handout", "post-care", *day, "--output", str(output), *where]) == 0
    _whole_pdf(output.read_bytes())
    assert _left_over(folder) == [], "the next run leaves no temporary file"
    assert [p.name for p in folder.iterdir()] == ["handout.pdf"]


def test_kill_9_during_handout_output_leaves_a_whole_pdf(  # type: ignore[no-untyped-def]
    sqlite_database, data_dir, patient, tmp_path
) -> None:
    _handouts(sqlite_database, data_dir, patient, tmp_path, kills=rounds(2), longest_delay=0.4)


def _pdf_writes(
    sqlite_database: Database, data_dir: Path, patient: int, tmp_path: Path, kills: int
) -> int:
    """The command's writer alone, alternating two handouts: most kills land in a write."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    sources = []
    for kind in ("pre-care", "post-care"):
        path = tmp_path / f"{kind}.pdf"
        assert cli(["handout", kind, "--patient", str(patient), "--treatment-date",
                    TREATMENT_DAY, "--output", str(path), "--db-url", sqlite_database.url,
                    "--data-dir", str(data_dir)]) == 0  # fmt: skip
        sources.append(path)
    versions = {path.read_bytes() for path in sources}
    assert len(versions) == 2
    folder = tmp_path / "out"
    folder.mkdir(parents=True)
    output = folder / "handout.pdf"
    output.write_bytes(sources[1].read_bytes())

    def check(data: bytes) -> None:
        assert data in versions, "neither the old PDF nor the new one"
        _whole_pdf(data)

    job = {"sources": [str(p) for p in sources], "output": str(output)}
    inside = _kill_loop(sqlite_database.url, "pdf-writes", job, output, check, kills=kills,
                        longest_delay=0.05, seed=kills)  # fmt: skip
    from clinic_app.commands.pdf_output import write_pdf

    write_pdf(sources[0].read_bytes(), str(output))
    assert _left_over(folder) == []
    return inside


def test_kill_9_during_the_pdf_write_leaves_the_old_or_the_new_pdf(  # type: ignore[no-untyped-def]
    sqlite_database, data_dir, patient, tmp_path
) -> None:
    _pdf_writes(sqlite_database, data_dir, patient, tmp_path, kills=rounds(3))


def _two_patients_with_sessions(database: Database, actor: Actor) -> tuple[int, int]:
    """Patient A with one session of one area, B with one of three: CSVs of 1 and 3 rows."""
    resources = load_resources(None)
    ids = []
    with database.session() as session:
        for number, areas in enumerate((("cheeks",), ("cheeks", "forehead", "neck"))):
            patient = patients.create(
                session, actor, PatientFields("Ana", f"Export{number}", dt.date(1980, 1, 1))
            )
            consultation = add_consultation(session, patient.id)
            session_drafts.save(
                session,
                actor,
                session_input(
                    patient.id,
                    consultation_id=consultation.id,
                    areas=tuple(area(name, **GENTLE_FACE) for name in areas),
                ),
                resources,
            )
            ids.append(patient.id)
    return ids[0], ids[1]


def _csv_exports(database: Database, actor: Actor, tmp_path: Path, kills: int) -> int:
    a, b = _two_patients_with_sessions(database, actor)
    profiles = load_resources(None).profiles
    with database.session() as session:
        texts = {
            session_history.export_csv(session, pid, profiles, dt.UTC).encode(): rows
            for pid, rows in ((a, 1), (b, 3))
        }
    folder = tmp_path / "out"
    folder.mkdir(parents=True)
    output = folder / "sessions.csv"
    output.write_bytes(next(iter(texts)))

    def check(data: bytes) -> None:
        assert data in texts, "neither the old export nor the new one"
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
        assert len(rows) == texts[data]
        assert rows[0]["area"] == "cheeks" and rows[-1]["device_profile_id"]

    job = {"patients": [a, b], "output": str(output)}
    inside = _kill_loop(database.url, "csv-exports", job, output, check, kills=kills,
                        longest_delay=0.2, seed=kills)  # fmt: skip
    from clinic_app.services import safe_files

    safe_files.write_atomically(output, next(iter(texts)))
    assert _left_over(folder) == []
    return inside


def test_kill_9_during_a_sessions_csv_export_leaves_a_whole_export(  # type: ignore[no-untyped-def]
    sqlite_database, actor, tmp_path
) -> None:
    _csv_exports(sqlite_database, actor, tmp_path, kills=rounds(3))


def _drafts(data_dir: Path, kills: int) -> int:
    key = "patient-new"
    values = [
        {"first_name": "Zoë", "notes": "short"},
        {"first_name": "Zoë", "notes": "long " * 20_000},  # some 100 kB: a write takes a while
    ]
    form_drafts.save(data_dir, key, values[1])
    output = data_dir / form_drafts.DRAFTS_DIRNAME / f"{key}.json"

    def check(data: bytes) -> None:
        assert json.loads(data.decode("utf-8"))["values"] in values
        assert form_drafts.load(data_dir, key) in values

    job = {"data_dir": str(data_dir), "key": key, "values": values, "output": str(output)}
    inside = _kill_loop("-", "drafts", job, output, check, kills=kills, longest_delay=0.05,
                        seed=kills)  # fmt: skip
    form_drafts.save(data_dir, key, values[0])
    assert _left_over(output.parent) == []
    return inside


def test_kill_9_while_a_form_draft_is_kept_leaves_a_draft_that_loads(  # type: ignore[no-untyped-def]
    data_dir,
) -> None:
    _drafts(data_dir, kills=rounds(3))


@pytest.mark.slow
def test_kill_9_during_file_writes_many_times(  # type: ignore[no-untyped-def]
    sqlite_database, actor, data_dir, patient, tmp_path
) -> None:
    """Many kills of each writer; at least some of them land inside a write."""
    inside = _pdf_writes(sqlite_database, data_dir, patient, tmp_path / "pdf", kills=25)
    inside += _csv_exports(sqlite_database, actor, tmp_path / "csv", kills=25)
    inside += _drafts(data_dir, kills=25)
    _handouts(sqlite_database, data_dir, patient, tmp_path / "handouts", kills=6)
    assert inside > 0, "no kill landed inside a write: the loop proves nothing"
