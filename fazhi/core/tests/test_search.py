"""Segmentation for the full-text index, and the index itself staying installed (fazhi.core.search)."""

from __future__ import annotations

import pytest
import rjieba
from django.db import connection

from fazhi.core import search


def test_a_text_is_stored_as_its_words_and_the_words_inside_long_ones():
    tokens = search.index_text("锦秋家园小区物业公司收费后不维修电梯").split()
    assert {"物业公司", "物业", "公司", "电梯", "维修"} <= set(tokens)
    assert len(tokens) == len(set(tokens))


def test_full_width_and_capital_letters_are_one_word_with_their_plain_forms():
    assert search.index_text("ＷＩＦＩ信号差") == search.index_text("wifi信号差")
    assert search.query_tokens("ＷｉＦｉ") == ["wifi"]


def test_single_characters_and_punctuation_are_not_indexed():
    tokens = search.index_text("我的房，漏了！").split()
    assert all(len(t) > 1 for t in tokens)
    assert search.query_tokens("房") == []


def test_each_part_is_segmented_on_its_own():
    # "电梯" at the end of one field and "停运" at the start of the next never fuse into one word.
    assert search.index_text("电梯", "停运") == "电梯 停运"


def test_words_added_to_the_shared_dictionary_do_not_change_how_the_index_segments():
    before = search.index_text("彩钢板房屋顶漏雨")
    rjieba.add_word("板房屋", None, None)
    assert search.index_text("彩钢板房屋顶漏雨") == before


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
