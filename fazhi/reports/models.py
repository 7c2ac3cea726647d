"""Annual reports with their versions (each a full snapshot of text and figures), and indicator targets."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.org.models import Unit


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    FINAL = "final", "已定稿"


class AnnualReport(models.Model):
    """The 法治政府建设工作情况报告 of one unit for one year. Its text lives in its versions."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="单位")
    year = models.PositiveSmallIntegerField("年度")
    status = models.CharField("状态", max_length=8, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    # Bumped by every new version under the row lock: an edit made against an older number is stale.
    version_count = models.PositiveIntegerField("版本数", default=0)
    final_version = models.ForeignKey(
        "ReportVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="最近定稿版本",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="起草人"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "法治政府建设年度报告"
        verbose_name_plural = "法治政府建设年度报告"
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="annual_report_unit_year")]

    def __str__(self) -> str:
        return f"{self.unit.name}{self.year}年度法治政府建设工作情况报告"


class VersionKind(models.TextChoices):
    GENERATE = "generate", "生成草稿"
    EDIT = "edit", "编辑"
    RESTORE = "restore", "恢复旧版本"
    REGENERATE = "regenerate", "按最新数据重新生成"


class ReportVersion(models.Model):
    """One version of a report: the whole text and the figures it was written from, never changed after.

    `content` holds the title, opening and every part's sections (text with {{code}} figure tokens);
    `figures` the snapshot of every indicator figure of the year (value, provenance, record ids).
    Finalising marks a version; later data changes reach only versions drafted after it.
    """

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("版本号")
    kind = models.CharField("方式", max_length=12, choices=VersionKind.choices)
    content = models.JSONField("正文")
    figures = models.JSONField("数据快照", default=list)
    note = models.CharField("修改说明", max_length=200, blank=True)
    changes = models.JSONField("修改的部分", default=list, blank=True)
    restored_from = models.PositiveIntegerField("恢复自第几版", null=True, blank=True)
    data_as_of = models.DateField("数据截至")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="修改人"
    )
    created_at = models.DateTimeField("时间", auto_now_add=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="定稿人",
    )
    finalised_at = models.DateTimeField("定稿时间", null=True, blank=True)

    class Meta:
        verbose_name = "报告版本"
        verbose_name_plural = "报告版本"
        ordering = ["report", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="report_version_number")]

    def __str__(self) -> str:
        return f"第{self.number}版"


class ReportTarget(models.Model):
    """The target of one indicator (by code), against which 三、不足 is suggested. Set by staff."""

    code = models.CharField("指标代码", max_length=80, unique=True)
    label = models.CharField("指标名称", max_length=100, blank=True)
    target = models.DecimalField("目标值", max_digits=12, decimal_places=2)
    note = models.CharField("依据或说明", max_length=200, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="设置人"
    )
    updated_at = models.DateTimeField("设置时间", auto_now=True)

    class Meta:
        verbose_name = "指标目标值"
        verbose_name_plural = "指标目标值"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.label or self.code}：{self.target}"
