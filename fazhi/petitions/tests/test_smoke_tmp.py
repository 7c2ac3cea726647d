import pytest

from fazhi.petitions.tests.factories import make

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "status",
    [
        "registered",
        "accepted",
        "transferred",
        "assigned",
        "declined",
        "redirected",
        "replied",
        "review_requested",
        "reviewing",
        "reviewed",
        "re_review_requested",
        "re_reviewing",
        "final",
    ],
)
def test_make(status):
    p = make(status, leader=True)
    p.refresh_from_db()
    assert p.status == status
