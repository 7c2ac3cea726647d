"""The one rounding rule of the report's text, at its boundaries: never rounding up."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fazhi.reports.wording import approximate, exact, words


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (0, "0"),
        (7, "7"),
        (9, "9"),
        (10, "10"),
        (11, "10多"),
        (19, "10多"),
        (50, "50"),
        (53, "50多"),
        (99, "90多"),
        (100, "100"),
        (101, "100余"),
        (109, "100余"),
        (110, "110"),
        (199, "190余"),
        (600, "600"),
        (634, "630余"),
        (999, "990余"),
        (1000, "1000"),
        (1003, "1000余"),
        (1099, "1000余"),
        (1100, "1100"),
        (1234, "1200余"),
        (12345, "12000余"),
    ],
)
def test_whole_numbers_are_cut_never_rounded_up(value, written):
    assert approximate(value) == written


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (97.46, "97.4"),
        (97.99, "97.9"),
        (99.99, "99.9"),
        (100.0, "100"),
        (100, "100"),
        (0.05, "0"),
        (Decimal("88.25"), "88.2"),
        (0.3, "0.3"),
    ],
)
def test_percentages_keep_one_decimal_cut_and_drop_a_trailing_zero(value, written):
    assert approximate(value, "%") == written


def test_a_fractional_count_is_cut_to_one_decimal():
    assert words(12.78, "天") == "12.7天"
    assert words(Decimal("8.00"), "件") == "8件"


def test_words_carry_the_unit_as_the_seed_writes_them():
    assert words(1003, "份") == "1000余份"
    assert words(56, "次") == "50多次"
    assert words(612, "人次") == "610余人次"
    assert words(97.46, "%") == "97.4%"


def test_a_value_that_cannot_be_computed_is_not_written():
    assert words(None, "%") == ""
    assert exact(None, "%") == "—"


def test_exact_values_for_tables_keep_every_digit_of_a_count():
    assert exact(1003, "份") == "1003份"
    assert exact(97.46, "%") == "97.4%"
    assert exact(100.0, "%") == "100%"


def test_the_written_number_is_never_larger_than_the_true_one():
    for n in range(0, 30000, 7):
        written = approximate(n).rstrip("多余")
        assert int(written) <= n
