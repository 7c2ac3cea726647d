"""Loaded by pytest before Django's settings (`-p fazhi.pytest_env` in pyproject): the test environment.

A private data folder unless one is given, and background tasks run at once (the immediate backend).
"""

import os
import tempfile

os.environ.setdefault("FAZHI_HOME", tempfile.mkdtemp(prefix="fazhi-test-"))
os.environ["FAZHI_TASKS_IMMEDIATE"] = "1"
