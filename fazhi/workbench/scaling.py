"""`fazhi demo --scale county|<factor>`: a deterministic county of synthetic records for benchmarks.

Each app's `scale.generate(ctx)` runs in INSTALLED_APPS order (org first, then people, grid,
petitions, disputes) on one shared `org.scalekit.ScaleContext`. The run refuses a database that
already holds units: a second run would duplicate the county, and mixing it with the 少海街道 demo
would give two roots to the tree. Afterwards the manifest is written to `$FAZHI_HOME/scale.json`:

- `seed`, `factor`, `today` (the last day of the three-year history), `database` (vendor)
- `elapsed_seconds`: the whole run; `stages`: seconds per stage (单位, 居民 …)
- `counts`: rows per table actually in the database after the run (`app_label.Model` → n)
- `targets`: the counts asked for at this factor (units, residents, petitions …)
- `personas`: username → {id, role, unit_id, unit_code, unit_name, what}; password: the demo password
- `repeat_pairs`: planted reworded repeat petitions: first/second id, case number and text, the
  petitioner's name and resident id, and the similarity score the checker gives the pair
- `repeat_threshold`: the checker's threshold when the data was generated
- `search_words`: {"2": [...], "4": [...]} Chinese words of two and four characters that occur in the
  case texts (petition titles and contents, dispute summaries, event descriptions), common and rare
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import random
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.utils import timezone

from fazhi.core import buckets
from fazhi.core.errors import FazhiError
from fazhi.org.models import Unit
from fazhi.org.scalekit import COUNTY, Progress, ScaleContext

MANIFEST = "scale.json"
DEFAULT_SEED = 20_260_101


class ScaleRefused(FazhiError):
    code = "scale_refused"
    status = 409


def app_modules(name: str) -> Iterator[tuple[Any, Any]]:
    """(app config, module) for every Fazhi app that has a module `name` (`demo`, `scale`), in
    INSTALLED_APPS order; a missing module is skipped, an import error inside one is raised."""
    for config in apps.get_app_configs():
        if not config.name.startswith("fazhi."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"{config.name}.{name}":
                continue
            raise
        yield config, module


def parse_factor(value: str) -> float:
    """`county` is 1.0; otherwise a positive number up to 1 (0.1 a tenth, 0.01 a hundredth)."""
    if value.strip().lower() == "county":
        return 1.0
    try:
        factor = float(value)
    except ValueError:
        raise ScaleRefused(f"--scale 须为 county 或 0 到 1 之间的小数（如 0.1），收到“{value}”") from None
    if not 0 < factor <= 1:
        raise ScaleRefused(f"--scale 须大于 0 且不超过 1（county 即 1），收到 {value}")
    return factor


def scale_run(
    *, factor: float, seed: int, password: str, out: TextIO | None = None, today: dt.date | None = None
) -> dict[str, Any]:
    """Generate the county at `factor` into an empty database; returns (and writes) the manifest."""
    if Unit.objects.exists():
        raise ScaleRefused(
            "数据库中已有单位数据，未生成规模数据：规模数据只能生成到空数据库中，以免重复生成或与演示数据混在一起。"
            "请换一个 FAZHI_HOME（或新建一个 PostgreSQL 数据库）后重试；若上次生成中途中断，也请删除该数据库后重试。"
        )
    progress = Progress(out)
    started = time.monotonic()
    ctx = ScaleContext(
        seed=seed, factor=factor, password=password, today=today or timezone.localdate(), progress=progress
    )
    for config, module in app_modules("scale"):
        progress.write(f"== {config.verbose_name} ==")
        module.generate(ctx)
    ctx.finish()
    with progress.stage("汇总指标", 1) as stage:
        # Rows went in without save(): the pre-aggregated indicator buckets are built from the tables.
        buckets.rebuild(today=ctx.today)
        stage.add(1)
    counts = {model._meta.label: model._default_manager.count() for model in ctx.written}
    manifest = {
        "seed": seed,
        "factor": factor,
        "today": ctx.today.isoformat(),
        "database": connection.vendor,
        "elapsed_seconds": round(time.monotonic() - started, 1),
        "stages": progress.stages,
        "counts": counts,
        "targets": {name: ctx.count(name) for name in COUNTY},
        "personas": ctx.personas,
        **ctx.manifest,
        "search_words": search_words(seed),
    }
    path = Path(settings.FAZHI_HOME) / MANIFEST
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    progress.write(f"清单已写入 {path}（共 {manifest['elapsed_seconds']} 秒）")
    return manifest


def _name_like(word: str) -> bool:
    """A generated person's name or a name glued to the next character (何一鸣系, 韩国 of 韩国庆):
    real text, but no query a user would type."""
    from fazhi.org.scalewords import GIVEN_FEMALE, GIVEN_MALE, SURNAMES

    starts = {g[0] for g in GIVEN_MALE + GIVEN_FEMALE}
    return word[0] in SURNAMES and word[1] in starts


def search_words(seed: int, sample: int = 3_000, per_length: int = 40) -> dict[str, list[str]]:
    """Two- and four-character words of the case texts, half of them among the most frequent and
    half drawn from the rest (so a benchmark queries both common and rare words)."""
    import rjieba

    texts: list[str] = []
    for label, fields in (
        ("petitions.Petition", ("title", "content")),
        ("disputes.Dispute", ("summary", "claims")),
        ("grid.GridEvent", ("description",)),
    ):
        model = apps.get_model(label)
        for row in model._default_manager.order_by("pk").values_list(*fields)[:sample]:
            texts.extend(row)
    freq: dict[str, int] = {}
    for text in texts:
        for word in set(rjieba.cut(text)):
            if (
                len(word) in (2, 4)
                and all("\u4e00" <= ch <= "\u9fff" for ch in word)
                and not _name_like(word)
            ):
                freq[word] = freq.get(word, 0) + 1
    freq = {w: n for w, n in freq.items() if n >= 3}  # words of the texts, not one-off segmentation slips
    rng = random.Random(seed)
    result: dict[str, list[str]] = {}
    for length in (2, 4):
        words = sorted((w for w in freq if len(w) == length), key=lambda w: (-freq[w], w))
        common, rest = words[: per_length // 2], words[per_length // 2 :]
        result[str(length)] = common + sorted(rng.sample(rest, min(len(rest), per_length - len(common))))
    return result
