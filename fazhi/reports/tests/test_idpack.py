"""The record ids a version freezes, packed: every id comes back exactly, in either stored form."""

from __future__ import annotations

import json
import random

import pytest

from fazhi.reports import idpack


@pytest.mark.parametrize(
    "ids",
    [
        [],
        [7],
        [3, 1, 2, 2],  # any order, duplicates kept
        list(range(1_000_000, 1_300_000)),  # a run of consecutive ids
        sorted(random.Random(8).sample(range(5_000_000), 20_000)),  # scattered
        [1, 2**32 - 1, 2**32, 2**40],  # beyond 32 bits
        [0],
    ],
)
def test_packed_ids_unpack_to_exactly_the_sorted_ids(ids):
    packed = idpack.pack(ids)
    assert idpack.unpack(packed) == sorted(ids)
    assert idpack.count(packed) == len(ids)


def test_a_run_of_a_million_ids_packs_to_a_small_fraction_of_the_json_list():
    ids = range(5_000_000, 6_000_000)
    assert len(idpack.pack(ids)) < len(json.dumps(list(ids))) / 100


def test_ids_that_are_not_counting_numbers_are_frozen_as_a_list():
    assert idpack.freeze(["A-1", "A-2"]) == {"record_ids": ["A-1", "A-2"]}
    assert idpack.freeze([-1, 2]) == {"record_ids": [-1, 2]}
    assert idpack.frozen_ids({"record_ids": ["A-1"]}) == ["A-1"]


def test_a_version_stored_before_packing_reads_its_plain_list():
    old = {"code": "petitions.received", "record_ids": [5, 3, 4], "record_count": 3}
    assert idpack.frozen_ids(old) == [5, 3, 4]
    assert idpack.same_ids(old, [3, 4, 5]) and not idpack.same_ids(old, [3, 4, 6])


def test_same_ids_compares_the_whole_set_exactly():
    frozen = idpack.freeze(list(range(1, 100_001)))
    assert idpack.same_ids(frozen, list(range(100_000, 0, -1)))
    assert not idpack.same_ids(frozen, [*range(1, 100_000), 100_002])  # one id swapped
    assert not idpack.same_ids(frozen, ["1"])


def test_a_damaged_packed_text_is_refused():
    packed = idpack.pack([1, 2, 3])
    head, body = packed.rsplit(":", 1)
    with pytest.raises(ValueError, match="damaged"):
        idpack.unpack(head.replace("3", "4") + ":" + body)
