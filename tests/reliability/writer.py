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
A printed line means the work is committed (or the backup renamed into place): the parent
kills this process with SIGKILL at a random moment and checks that nothing printed is lost.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from clinic_app.db import Database
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.services import backup
from clinic_app.services.patients import patients
from clinic_app.services.security.identity import Actor

BATCH = 50


def _fields(number: int) -> PatientFields:
    return PatientFields(
        "Zoë", f"Writer{number}", dt.date(1950, 1, 1) + dt.timedelta(days=number % 20000)
    )


def main(url: str, mode: str, start: str) -> None:
    actor = Actor("test:writer")
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
