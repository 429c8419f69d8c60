#!/usr/bin/env bash
# Lint and type-check the application package (settings in pyproject.toml); CI runs this before the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python -m ruff check quiz
.venv/bin/python -m mypy
