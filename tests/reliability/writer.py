"""A process that writes until it is killed; prints what it committed, one line per commit.

    python writer.py URL MODE START

MODE ``patients``: one patient per transaction (with its audit event), prints its id.
MODE ``batches``: 50 patients per transaction, prints the batch number.
MODE ``backups``: backs the SQLite file up again and again into START (a folder).
MODE ``open``: prints ``opening``, opens the database (migrating it to head), prints ``opened``.
MODE ``import``: prints ``importing``, imports the CSV file START in one transaction, prints
``imported N``.
MODE ``restore``: prints ``restoring``, restores the backup file START over the SQLite database
(its folder is the data folder), opens it (migrating an older backup), prints ``restored``.
MODE ``handouts``, ``pdf-writes``, ``csv-exports``, ``drafts``: writes one file over and over
(START is a JSON object, see :func:`write_files`), printing ``wrote`` after each.
A printed line means the work is committed (or the backup renamed into place): the parent
kills this process with SIGKILL at a random moment and checks that nothing printed is lost.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import itertools
import json
import sys
from pathlib import Path
from typing import Any

from clinic_app.db import Database
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.services import backup
from clinic_app.services.patients import patients
from clinic_app.services.security.identity import Actor

BATCH = 50
FILE_MODES = ("handouts", "pdf-writes", "csv-exports", "drafts")


def _fields(number: int) -> PatientFields:
    return PatientFields(
        "Zoë", f"Writer{number}", dt.date(1950, 1, 1) + dt.timedelta(days=number % 20000)
    )


def write_files(url: str, mode: str, job: dict[str, Any]) -> None:
    """Write ``job["output"]`` again and again, the way the app does, alternating two contents:

    - ``handouts``: ``clinic-app handout pre-care`` then ``post-care --output FILE`` (the whole
      command, recorded in the database), for ``job["patient"]`` on ``job["date"]``;
    - ``pdf-writes``: the command's writer (commands.pdf_output.write_pdf) with the PDFs of
      ``job["sources"]``, so that kills land in the write itself far more often;
    - ``csv-exports``: the session history's CSV export of ``job["patients"]`` (its service, then
      services.safe_files.write_atomically, as ui/sessions/history.py does);
    - ``drafts``: services.form_drafts.save of ``job["values"]`` under ``job["key"]`` in
      ``job["data_dir"]`` (the output is the draft's file).
    """
    output = job["output"]
    if mode == "handouts":
        from clinic_app.cli import main as cli

        kinds = [["pre-care"], ["post-care"]]
        common = ["--patient", str(job["patient"]), "--treatment-date", job["date"]]
        where = ["--output", output, "--db-url", url, "--data-dir", job["data_dir"]]
        for number in itertools.count():
            with contextlib.redirect_stdout(io.StringIO()):
                status = cli(["handout", *kinds[number % 2], *common, *where])
            if status != 0:
                raise SystemExit(f"clinic-app handout ended with {status}")
            print("wrote", flush=True)
    elif mode == "pdf-writes":
        from clinic_app.commands.pdf_output import write_pdf

        pdfs = [Path(source).read_bytes() for source in job["sources"]]
        for number in itertools.count():
            write_pdf(pdfs[number % 2], output)
            print("wrote", flush=True)
    elif mode == "csv-exports":
        from clinic_app.services import safe_files
        from clinic_app.services.sessions import session_history
        from clinic_app.services.sessions.session_resources import load_resources

        database = Database(url)
        profiles = load_resources(None).profiles
        for number in itertools.count():
            with database.session() as session:
                text = session_history.export_csv(
                    session, job["patients"][number % 2], profiles, dt.UTC
                )
            safe_files.write_atomically(
                Path(output), text.encode("utf-8"), "exporting the sessions"
            )
            print("wrote", flush=True)
    elif mode == "drafts":
        from clinic_app.services import form_drafts

        for number in itertools.count():
            form_drafts.save(Path(job["data_dir"]), job["key"], job["values"][number % 2])
            print("wrote", flush=True)
    else:
        raise SystemExit(f"unknown mode {mode}")


def main(url: str, mode: str, start: str) -> None:
    actor = Actor("test:writer")
    if mode in FILE_MODES:
        write_files(url, mode, json.loads(start))
        return
    if mode == "open":
        print("opening", flush=True)
        Database(url).close()
        print("opened", flush=True)
        return
    if mode == "restore":
        target = Database(url, migrate=False).sqlite_path
        assert target is not None
        print("restoring", flush=True)
        backup.restore(Path(start), target, target.parent)
        Database(url).close()
        print("restored", flush=True)
        return
    if mode == "import":
        import io

        from clinic_app.services.patients import patient_import

        opened = Database(url)
        print("importing", flush=True)
        lines = io.StringIO(patient_import.read_csv_file(start), newline="")
        with opened.session() as session:  # as clinic-app import-patients does
            report = patient_import.import_rows(session, actor, lines)
        print(f"imported {len(report.imported_ids)}", flush=True)
        return
    if mode == "backups":
        database_path = Database(url).sqlite_path
        assert database_path is not None
        for number in range(10**9):
            info = backup.backup(database_path, Path(start) / f"copy-{number}.db")
            print(info.path, flush=True)
    database = Database(url)
    number = int(start)
    while True:
        with database.session() as session:
            if mode == "patients":
                created = patients.create(session, actor, _fields(number), allow_duplicate=True)
                line = str(created.id)
                number += 1
            else:
                for _ in range(BATCH):
                    patients.create(session, actor, _fields(number), allow_duplicate=True)
                    number += 1
                line = str(number // BATCH)
        print(line, flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:4])
