"""Extract the window's texts and compile their translations (a developer's tool).

    python -m clinic_app.ui.i18n_build           # lupdate, then lrelease
    python -m clinic_app.ui.i18n_build --check   # exit 1 if a text is new or untranslated

``pyside6-lupdate`` (shipped with PySide6) reads every module of clinic_app/ui and updates
resources/i18n/clinic_<language>.ts: new texts are added as unfinished, texts no longer in the
code are dropped, the translations already written are kept. Translate the unfinished ones (Qt
Linguist, ``pyside6-linguist``, or any text editor), then run this again: ``pyside6-lrelease``
compiles the .ts to the .qm file that the window loads and the wheel ships (docs/language.md).
Locations (file and line) are left out of the .ts, so that moving code does not change it.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def _source_root() -> Path:
    """The project's source tree: the working folder when it is one (a non-editable install,
    as CI's, keeps no .ts beside the installed modules), else the tree this module sits in."""
    for root in (Path.cwd(), Path(__file__).resolve().parents[2]):
        if (root / "resources" / "i18n").is_dir() and (root / "clinic_app" / "ui").is_dir():
            return root
    return Path(__file__).resolve().parents[2]


SOURCE_ROOT = _source_root()
UI_DIR = SOURCE_ROOT / "clinic_app" / "ui"
I18N_DIR = SOURCE_ROOT / "resources" / "i18n"
LANGUAGES = ("es",)


def tool(name: str) -> str:
    """The path of a PySide6 tool: beside this Python, else on PATH."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 (pip install -e .)")
    return found


def ts_file(language: str) -> Path:
    return I18N_DIR / f"clinic_{language}.ts"


def qm_file(language: str) -> Path:
    return I18N_DIR / f"clinic_{language}.qm"


def ui_sources() -> list[str]:
    return sorted(str(path) for path in UI_DIR.rglob("*.py"))


def lupdate(ts: Path, extra: tuple[str, ...] = ()) -> None:
    """Update ``ts`` with the texts of the window's modules."""
    command = [tool("pyside6-lupdate"), *ui_sources(), "-ts", str(ts), "-no-obsolete"]
    subprocess.run([*command, "-locations", "none", "-silent", *extra], check=True)


def lrelease(ts: Path, qm: Path) -> None:
    """Compile ``ts`` into ``qm``."""
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def translation_texts(translation: ET.Element) -> list[str]:
    """The texts of a translation: one, or one per plural form (a message with %n)."""
    forms = translation.findall("numerusform")
    return [form.text or "" for form in forms] if forms else [translation.text or ""]


def untranslated(ts: Path) -> list[tuple[str, str]]:
    """(context, source) of every message of ``ts`` without a finished translation."""
    missing = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            if (
                translation is None
                or translation.get("type") in ("unfinished", "vanished", "obsolete")
                or not all(text.strip() for text in translation_texts(translation))
            ):
                missing.append((name, message.findtext("source", "")))
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; report gaps")
    args = parser.parse_args(argv)
    I18N_DIR.mkdir(parents=True, exist_ok=True)
    status = 0
    for language in LANGUAGES:
        ts = ts_file(language)
        if args.check:
            import tempfile

            with tempfile.TemporaryDirectory() as folder:
                copy = Path(folder) / ts.name
                shutil.copyfile(ts, copy)
                lupdate(copy)
                gaps = untranslated(copy)
        else:
            lupdate(ts, ("-target-language", language) if not ts.exists() else ())
            lrelease(ts, qm_file(language))
            gaps = untranslated(ts)
        for context, source in gaps:
            print(f"{ts.name}: untranslated [{context}] {source!r}")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
