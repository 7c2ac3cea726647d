"""Pre-aggregated indicator buckets: per measure, per org unit (its whole subtree), per month."""

from __future__ import annotations

from django.db import models


class IndicatorBucket(models.Model):
    """The month's sums of one measure over a unit and everything below it (see fazhi.core.buckets).

    `data` maps a column (optionally split, "n:security") to its integer sum. Rows exist only for
    months and units with records; a missing row is all zeros."""

    measure = models.CharField(max_length=60)
    unit_id = models.IntegerField()  # an org.Unit (core names no app: a plain id)
    month = models.DateField()  # the first day of the month
    data = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["measure", "unit_id", "month"], name="indicator_bucket_unique")
        ]


class IndicatorState(models.Model):
    """One row per measure: whether its buckets are complete (built with the measure's current
    version) and when they were last rebuilt in full. Writers lock it while they adjust buckets."""

    measure = models.CharField(max_length=60, unique=True)
    version = models.CharField(max_length=40, blank=True)  # empty: not built, read the base tables
    rebuilt_on = models.DateField(null=True, blank=True)
