"""A screening campaign's page shows the petitions received in its dates, per community."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.petitions.campaigns import campaign_petitions
from fazhi.petitions.tests.factories import make
from fazhi.testing import COMMUNITY_A, COMMUNITY_B, persona, unit

pytestmark = pytest.mark.django_db


def test_the_campaign_counts_the_petitions_received_in_its_dates_per_community():
    make("registered", received_on=date(2022, 9, 28))
    make("registered", received_on=date(2022, 10, 20))  # after the campaign
    result = campaign_petitions(
        actor=persona("clerk"), unit=unit("SH"), start=date(2022, 9, 25), end=date(2022, 10, 8)
    )
    counts = {c.code: n for c, n, _ in result.rows}
    assert result.total == 1 and counts[COMMUNITY_A] == 1 and counts[COMMUNITY_B] == 0
    assert "from=2022-09-25" in result.link


def test_without_the_petitions_permission_the_section_is_absent():
    from fazhi.org.models import User

    nobody = User.objects.create(username="no_perms", unit=unit("SH"))
    assert (
        campaign_petitions(actor=nobody, unit=unit("SH"), start=date(2022, 1, 1), end=date(2022, 12, 31))
        is None
    )
