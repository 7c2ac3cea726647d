"""fazhi report annual --year 2022 --unit 少海街道 --out report.docx [--user NAME] [--final]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fazhi.core.errors import FazhiError
from fazhi.reports import render, selectors, writers
from fazhi.reports.builder import sections_of
from fazhi.reports.operator import actor_for
from fazhi.reports.services import FIRST_YEAR


class Command(BaseCommand):
    help = "按系统数据生成法治政府建设年度报告（.docx，GB/T 9704 格式，附数据来源）"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--year", type=int, required=True, help="报告年度，如 2022")
        parser.add_argument("--unit", required=True, help="单位名称或编码，如 少海街道 或 SH")
        parser.add_argument("--out", required=True, help="输出文件，如 report.docx")
        parser.add_argument("--user", help="以该账号的数据权限生成；不填则按运维权限（全部单位）")
        parser.add_argument("--final", action="store_true", help="导出已定稿的版本，而不是按当前数据生成")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        year, out = options["year"], Path(options["out"])
        if not FIRST_YEAR <= year <= today.year:
            raise CommandError(f"年度须在{FIRST_YEAR}年至{today.year}年之间")
        if not out.parent.is_dir():
            raise CommandError(f"输出目录“{out.parent}”不存在")
        actor = actor_for(options.get("user"))
        try:
            unit = selectors.unit_resolve_for(actor=actor, ref=options["unit"], kinds=selectors.REPORT_KINDS)
        except FazhiError as exc:
            raise CommandError(exc.message) from exc
        base_url = getattr(settings, "FAZHI_BASE_URL", "")
        report = selectors.report_list_for(actor=actor, year=year, unit_id=unit.pk).first()
        final = report.final_version if report is not None else None
        if options["final"]:
            if final is None:
                raise CommandError(f"{unit.name}{year}年度报告尚未定稿")
            content, figures = final.content, final.figures
            signed_on = timezone.localdate(final.finalised_at)
            data = writers.annual_docx(
                content, figures, signed_on=signed_on, base_url=base_url, author=unit.name
            )
            note = f"定稿版本（第{final.number}版）"
        else:
            content, figures = selectors.report_draft_for(actor=actor, unit=unit, year=year, today=today)
            data = writers.annual_docx(
                content,
                figures,
                signed_on=today,
                note="草稿，按当前数据生成，尚未定稿",
                base_url=base_url,
                author=unit.name,
            )
            note = "草稿"
        out.write_bytes(data)
        known = {f["code"]: f for f in figures}
        texts = [s["text"] for s in sections_of(content)]
        cited = [c for c in render.cited_codes(texts) if known.get(c, {}).get("value") is not None]
        todo = sum(render.has_todo(t, known) for t in texts)
        self.stdout.write(
            f"已生成{note}：{out}（{unit.name}{year}年度，引用数据{len(cited)}项，待填写或待核实{todo}处）"
        )
        if not content.get("has_data", True):
            self.stdout.write(f"提示：系统中没有{unit.name}{year}年度的业务记录，报告各部分均须据实填写")
        if final is not None and not options["final"]:
            self.stdout.write(f"提示：该年度报告已定稿（第{final.number}版）；导出定稿版本请加 --final")
