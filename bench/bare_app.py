"""The baseline for bench/load.py: a bare Flask app that answers "ok"."""
from flask import Flask

app = Flask(__name__)


@app.get("/")
def ok() -> str:
    """Return the smallest possible response."""
    return "ok"
