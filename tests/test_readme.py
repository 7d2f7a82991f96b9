"""The README's set-up commands (issue 19: the run command seeded 1 000 demo patients into the
clinic's real data folder, and nothing removed them): two commands, and the demo patients go
to a folder of their own, which the window then opens."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from clinic_app.cli import main
from clinic_app.config import ENV_DATA_DIR, ENV_DB_URL, SQLITE_FILENAME, default_data_dir

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def _set_up_commands() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Install and run") : text.index("### System libraries")]
    return re.findall(r"```sh\n(.*?)\n```", section, flags=re.DOTALL)


def _steps(command: str) -> list[list[str]]:
    return [shlex.split(step) for step in command.split("&&")]


def _option(step: list[str], name: str) -> str | None:
    for index, word in enumerate(step):
        if word == name and index + 1 < len(step):
            return step[index + 1]
        if word.startswith(name + "="):
            return word.split("=", 1)[1]
    return None


def test_there_are_two_set_up_commands_one_to_run_and_one_to_test() -> None:
    commands = _set_up_commands()
    assert len(commands) == 2, commands
    run, test = commands
    assert "pytest" in test and "pip install" in test
    assert "pytest" not in run and "pip install" in run
    assert _steps(run)[-1][0].endswith("clinic-app"), "the run command ends by starting the app"


def test_the_run_command_puts_demo_patients_in_a_demo_folder_and_opens_it() -> None:
    clinic_app_steps = [step for step in _steps(_set_up_commands()[0]) if "clinic-app" in step[0]]
    demo = [step for step in clinic_app_steps if step[1:2] == ["demo"]]
    window = [step for step in clinic_app_steps if step[1:2] != ["demo"]]
    assert demo and window
    folders = {_option(step, "--data-dir") for step in demo + window}
    assert len(folders) == 1, "the demo and the window name the same folder"
    [folder] = folders
    assert folder is not None and "demo" in folder, "a clearly named demo folder"
    assert all(_option(step, "--db-url") is None for step in demo + window)  # SQLite in it


def test_running_the_demo_step_leaves_the_default_data_folder_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README's demo step as written, with 3 patients instead of 1 000, from a fresh
    clone, for a person whose own data folder is empty."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / ".local" / "share"))
    monkeypatch.delenv(ENV_DATA_DIR, raising=False)
    monkeypatch.delenv(ENV_DB_URL, raising=False)
    clone = tmp_path / "clone"
    clone.mkdir()
    monkeypatch.chdir(clone)
    [demo] = [
        s
        for s in _steps(_set_up_commands()[0])
        if s[0].endswith("clinic-app") and s[1:2] == ["demo"]
    ]
    arguments = demo[1:]
    arguments[arguments.index("--patients") + 1] = "3"
    assert main(arguments) == 0
    assert "Added 3 demo patients" in capsys.readouterr().out
    folder = _option(demo, "--data-dir")
    assert folder is not None
    assert (clone / folder / SQLITE_FILENAME).is_file()
    assert default_data_dir().is_relative_to(tmp_path / "home")
    assert not default_data_dir().exists(), "nothing was written to the clinic's data folder"
