"""Gunicorn settings for production: `gunicorn -c gunicorn.conf.py "quiz:create_app()"` (see docs/operations.md).

Every value can be changed from the environment without editing this file.
"""
import multiprocessing
import os

# Address to listen on; put a TLS-terminating proxy (nginx, Caddy) in front of it.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Worker processes: the app keeps no per-process state (signed cookie sessions, rate limits in Redis).
# Measured on 2 cores (docs/operations.md, "Worker class and count"): 2 and 5 give the same answers/s;
# the higher default gives live games more threads (one per open WebSocket).
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8)))
# Threads, not sync workers: a live game's phone or projector holds one WebSocket (one thread) open for
# the whole game; ordinary pages run as before. See docs/operations.md, "Live games".
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
# Threads for gthread only: given more than one, gunicorn runs gthread whatever class was asked for, so
# GUNICORN_WORKER_CLASS=sync (a site without live games, or the pages group of a busy one) gets one.
threads = int(os.environ.get("GUNICORN_THREADS", "100" if worker_class == "gthread" else "1"))
# A request that takes longer than this is killed and its worker replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Trust X-Forwarded-* only from the local proxy, so request.is_secure and the client address are right.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG")  # e.g. "-" for stdout; off by default
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
