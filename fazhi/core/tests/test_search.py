"""Index terms of the full-text search (fazhi.core.search): pairs of Han characters, so a query finds
what a substring search finds; and the index staying installed."""

from __future__ import annotations

import pytest
from django.db import connection

from fazhi.core import search


def test_a_text_is_stored_as_every_pair_of_adjacent_characters():
    tokens = search.index_text("小区物业公司收费后不维修电梯").split()
    assert {"物业", "业公", "公司", "电梯", "维修"} <= set(tokens)
    assert len(tokens) == len(set(tokens))


def test_every_two_characters_of_a_text_are_found_even_across_words():
    # 垃圾堆放 is segmented 垃圾/垃圾堆/放 by a word segmenter, which never yields 堆放.
    assert "堆放" in search.index_text("3号楼东侧垃圾堆放三天未清运").split()
    assert search.query_tokens("堆放") == ["堆放"]


def test_a_longer_query_needs_all_its_pairs_and_is_checked_as_written():
    assert search.query_tokens("垃圾堆放") == ["垃圾", "圾堆", "堆放"]
    assert search.phrase("垃圾堆放") == "垃圾堆放"
    assert search.phrase("垃圾") == "" and search.phrase("垃圾 堆放") == ""


def test_full_width_and_capital_letters_are_one_word_with_their_plain_forms():
    assert search.index_text("ＷＩＦＩ信号差") == search.index_text("wifi信号差")
    assert search.query_tokens("ＷｉＦｉ") == ["wifi"]


def test_single_characters_and_punctuation_are_not_indexed():
    tokens = search.index_text("我的房，漏了！").split()
    assert tokens == ["我的", "的房", "漏了"]
    assert search.query_tokens("房") == []


def test_each_part_is_read_on_its_own():
    # "梯" at the end of one field and "停" at the start of the next never make a pair.
    assert search.index_text("电梯", "停运") == "电梯 停运"


def test_a_query_looks_like_a_case_number_only_with_ascii_letters_or_digits():
    assert search.may_be_number("XF-2022") and search.may_be_number("２０２２")
    assert not search.may_be_number("物业公司")


@pytest.mark.django_db
def test_a_table_that_lost_its_triggers_gets_them_back_on_migrate():
    from fazhi.petitions.models import Petition

    table = Petition._meta.db_table
    assert search.install(connection, table) is False  # the migration installed it
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # What a table remade by a later SQLite migration looks like: the triggers are gone.
            cursor.execute(f'DROP TRIGGER "{table}_fts_ai"')
        else:
            cursor.execute(f'DROP INDEX "{table}_search"')
    search.install_all()
    assert search.install(connection, table) is False
