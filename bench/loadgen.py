"""HTTP load with wrk: one lua script sends each request with its own path and bearer token."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

INSTALL_HINT = "未找到 wrk：请先安装（Debian/Ubuntu：sudo apt-get install -y wrk；macOS：brew install wrk）"

LUA = """
local reqs = %s
local i = 0
request = function()
  i = i + 1
  local r = reqs[(i %% #reqs) + 1]
  local headers = {}
  if r[2] ~= "" then headers["Authorization"] = "Bearer " .. r[2] end
  return wrk.format("GET", r[1], headers)
end
"""


def available() -> bool:
    return shutil.which("wrk") is not None


def _lua(requests: list[tuple[str, str]]) -> str:
    items = ",".join(f"{{{json.dumps(p)},{json.dumps(t)}}}" for p, t in requests)
    return LUA % ("{" + items + "}")


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    m = re.match(r"([\d.]+)(us|ms|s|m)$", text.strip())
    if not m:
        raise ValueError(text)
    return float(m.group(1)) * _UNITS[m.group(2)]


def parse(output: str) -> dict[str, Any]:
    """Requests/s, latency percentiles (ms) and errors from wrk --latency output."""
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    result: dict[str, Any] = {"rps": float(rps.group(1)) if rps else 0.0}
    for pct in ("50", "90", "99"):
        m = re.search(rf"^\s+{pct}(?:\.000)?%\s+(\S+)", output, re.M)
        result[f"p{pct}_ms"] = _ms(m.group(1)) if m else None
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    result["non_2xx"] = int(non2xx.group(1)) if non2xx else 0
    result["socket_errors"] = sum(map(int, socket.groups())) if socket else 0
    total = re.search(r"(\d+) requests in", output)
    result["requests"] = int(total.group(1)) if total else 0
    return result


def run(base: str, requests: list[tuple[str, str]], *, connections: int, seconds: float) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "bench.lua"
        script.write_text(_lua(requests))
        out = subprocess.run(
            [
                "wrk",
                "-t1",
                f"-c{connections}",
                f"-d{max(1, round(seconds))}s",
                "--latency",
                # A request slower than wrk's default 2 s would count as a timeout, not in the rate: a
                # slow floor must still give one.
                f"--timeout={max(10, round(seconds))}s",
                "-s",
                str(script),
                base,
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=seconds + 60,
        )
    if out.returncode != 0:
        raise RuntimeError(out.stderr or out.stdout)
    settle(base)
    return parse(out.stdout)


def settle(base: str, *, fast_ms: float = 100.0, limit_s: float = 60.0) -> None:
    """Wait until the server has worked off what wrk left queued (wrk stops sending, the server goes on
    answering), so the next run does not pay for this one: /healthz answers quickly twice in a row."""
    deadline = time.monotonic() + limit_s
    quick = 0
    while quick < 2 and time.monotonic() < deadline:
        start = time.monotonic()
        try:
            urllib.request.urlopen(base + "/healthz", timeout=limit_s).read()
        except OSError:
            time.sleep(0.2)
            continue
        quick = quick + 1 if (time.monotonic() - start) * 1000 < fast_ms else 0


def get_json(url: str, token: str = "") -> tuple[int, Any]:
    req = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"} if token else {})
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as exc:
        return exc.code, None
