"""The gates file is parsed once per content: a clinic's edit counts at the next read, and what
one caller changes in what it got does not reach the next."""

from __future__ import annotations

from pathlib import Path

import pytest

from clinic_app.content import override_dir
from clinic_app.domain.gates_file import GatesFileError, gates_files
from clinic_app.domain.reasons import ReasonLevel, load_policy

FLOOR = """[reasons.{level}]
minimum_letters = {letters}
minimum_words = 2
"""


def _write(data_dir: Path, text: str) -> None:
    path = override_dir(data_dir, "clinical") / "gates.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_an_edit_of_the_clinics_gates_file_counts_at_the_next_read(tmp_path: Path) -> None:
    level = ReasonLevel.DANGER.value
    _write(tmp_path, FLOOR.format(level=level, letters=30))
    assert load_policy(tmp_path).rules[ReasonLevel.DANGER].minimum_letters == 30
    _write(tmp_path, FLOOR.format(level=level, letters=45))
    assert load_policy(tmp_path).rules[ReasonLevel.DANGER].minimum_letters == 45


def test_what_a_caller_changes_stays_with_it(tmp_path: Path) -> None:
    (_name, first), *_rest = gates_files()
    first.clear()
    (_name, again), *_rest = gates_files()
    assert again


def test_a_damaged_file_is_refused_each_time_it_is_read(tmp_path: Path) -> None:
    _write(tmp_path, "[reasons\n")
    for _attempt in range(2):
        with pytest.raises(GatesFileError, match=r"gates\.toml"):
            gates_files(tmp_path)
