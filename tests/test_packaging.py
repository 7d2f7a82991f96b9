"""What ships: every package listed in pyproject.toml, and the data files inside the wheel."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import zipfile
from importlib.resources import files
from pathlib import Path

import pytest

import clinic_app
from clinic_app.db import MIGRATIONS_DIR

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
SOURCE = ROOT / "clinic_app"

needs_source = pytest.mark.skipif(
    not (PYPROJECT.is_file() and SOURCE.is_dir()), reason="needs the source tree next to tests/"
)


@needs_source
def test_every_package_folder_is_listed_in_pyproject() -> None:
    listed = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in SOURCE.rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert len(listed) == len(set(listed)), "a package is listed twice"
    assert set(listed) == on_disk | {"clinic_app.resources"}


def test_installed_package_finds_its_resources_and_migrations() -> None:
    resources = files("clinic_app.resources")
    assert resources.joinpath("__init__.py").is_file()
    assert (MIGRATIONS_DIR / "script.py.mako").is_file()
    assert (MIGRATIONS_DIR / "versions" / "0001_initial_schema.py").is_file()
    assert Path(clinic_app.__file__).parent == MIGRATIONS_DIR.parent


def _copy_source(target: Path) -> None:
    """The tree a build sees, without virtual environments, caches or earlier builds."""
    shutil.copytree(
        ROOT,
        target,
        ignore=shutil.ignore_patterns(
            ".git",
            ".venv",
            "venv",
            "build",
            "dist",
            "*.egg-info",
            "__pycache__",
            ".*_cache",
            "tests",
            "docs",
            "benchmarks",
            "*.db",
            "*.db-*",
        ),
    )


@needs_source
@pytest.mark.slow
def test_wheel_contains_migrations_and_resources(tmp_path: Path) -> None:
    source = tmp_path / "src"
    _copy_source(source)
    out = tmp_path / "wheel"
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (wheel,) = out.glob("clinic_app-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for expected in (
        "clinic_app/migrations/versions/0001_initial_schema.py",
        "clinic_app/migrations/script.py.mako",
        "clinic_app/migrations/env.py",
        "clinic_app/resources/__init__.py",
        "clinic_app/resources/i18n/clinic_es.qm",  # the window in Spanish
        "clinic_app/__main__.py",
    ):
        assert expected in names, f"{expected} missing from {wheel.name}"
    # Every file under resources/ that package-data names is shipped.
    shipped = {n.removeprefix("clinic_app/resources/") for n in names if "/resources/" in n}
    for path in (ROOT / "resources").rglob("*"):
        if path.is_file() and path.suffix in {".toml", ".ttf", ".png", ".svg", ".txt", ".qm"}:
            assert path.relative_to(ROOT / "resources").as_posix() in shipped
    assert not any(n.startswith("tests/") for n in names)
