"""Refresh the translation catalogue: extract messages, merge into zh, compile.

Usage: python scripts/i18n.py   (then fill any empty msgstr in quiz/translations/zh/LC_MESSAGES/messages.po)
"""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PO_DIR = ROOT / "quiz" / "translations"
POT = ROOT / "build" / "messages.pot"


def pybabel(*args: str) -> None:
    """Run a pybabel subcommand from the project root."""
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], cwd=ROOT, check=True)


if __name__ == "__main__":
    POT.parent.mkdir(exist_ok=True)
    # Only dot-directories are skipped: the default also skips templates/_macros.
    pybabel("extract", "--ignore-dirs", ".* __pycache__", "-F", "babel.cfg", "-k", "_l", "-k", "lazy_gettext", "-k", "N_",
            "--no-location", "-o", str(POT), ".")
    if (PO_DIR / "zh" / "LC_MESSAGES" / "messages.po").exists():
        pybabel("update", "-i", str(POT), "-d", str(PO_DIR), "-l", "zh", "--no-fuzzy-matching")
    else:
        pybabel("init", "-i", str(POT), "-d", str(PO_DIR), "-l", "zh")
    pybabel("compile", "-d", str(PO_DIR), "--statistics")
