"""The PostgreSQL fixture drops only what its own machine's killed runs left (issue 17)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

from conftest import PostgresServer
from sqlalchemy import text


def _made(server: PostgresServer, name: str, maker: dict[str, object] | None) -> None:
    with server.admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
        if maker is not None:
            connection.execute(text(f"COMMENT ON DATABASE {name} IS '{json.dumps(maker)}'"))


def _names(server: PostgresServer) -> set[str]:
    with server.admin.connect() as connection:
        return set(connection.scalars(text("SELECT datname FROM pg_database")).all())


def test_leftovers_of_other_runs_and_machines_are_kept(postgres_server: PostgresServer) -> None:
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    dead_pid = int(gone.stdout)
    here = socket.gethostname()
    cases = {  # names as the fixture makes them (hex)
        "clinic_t_0ddba11_dead": {"host": here, "pid": dead_pid},  # this machine, killed
        "clinic_t_0ddba11_a11e": {"host": here, "pid": os.getppid()},  # a live run here
        "clinic_t_0ddba11_e15e": {"host": here + "-other", "pid": dead_pid},
        "clinic_t_0ddba11_0000": None,  # nobody says who made it
    }
    try:
        for name, maker in cases.items():
            _made(postgres_server, name, maker)
        postgres_server.drop_leftovers()
        left = _names(postgres_server)
        assert "clinic_t_0ddba11_dead" not in left
        assert {"clinic_t_0ddba11_a11e", "clinic_t_0ddba11_e15e",
                "clinic_t_0ddba11_0000"} <= left  # fmt: skip
    finally:
        for name in cases:
            postgres_server.drop(name)
