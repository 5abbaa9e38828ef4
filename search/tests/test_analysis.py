"""The one Chinese analysis: what is indexed and what a query becomes."""

import pytest
from modelsearch.query import And, Or, PlainText

from search.analysis import MAX_QUERY_CHARACTERS, analyse_query, index_text, normalise, tokens
from search.snippets import snippet


def test_a_run_of_chinese_is_indexed_as_words():
    words = tokens("2024年解放路小学招生划片范围公告")
    assert {"招生", "划片", "范围", "小学", "解放路", "公告", "2024"} <= set(words)
    assert "2024年解放路小学招生划片范围公告" not in words


def test_search_mode_keeps_the_shorter_words_inside_a_long_one():
    words = tokens("义务教育领域基层政务公开标准指引")
    assert {"义务教育", "义务", "教育", "政务公开", "政务", "公开"} <= set(words)


def test_normalisation_full_width_case_and_spaces():
    assert normalise("  Ｈｅｌｌｏ　ＷＯＲＬＤ　２０２４ ") == "hello world 2024"
    assert tokens("ＡＢＣ１２３") == tokens("abc123")


def test_index_text_is_words_separated_by_spaces_without_punctuation():
    text = index_text(["某教发〔2024〕12号", "“招生”！"])
    assert text.split() == ["某", "教", "发", "2024", "12", "号", "招生"]
    assert index_text(None) == ""


def test_unknown_words_split_the_same_way_in_a_query_and_a_document():
    # Without HMM word discovery a street name jieba does not know is cut
    # into the same pieces wherever it occurs.
    assert set(tokens("铁货街")) <= set(tokens("遂宁市船山区铁货街12号"))


@pytest.mark.parametrize(
    "query, words",
    [
        ("政务公开工作要点", ["政务公开", "工作", "要点"]),
        ("泉州市教育局 实施方案", ["泉州市", "教育局", "实施方案"]),
        ("年满6周岁", ["年满", "6", "周岁"]),
        ("我家孩子今年几岁可以上小学", ["孩子", "今年", "几岁", "上", "小学"]),
    ],
)
def test_a_query_has_one_group_per_word_without_stop_words(query, words):
    assert analyse_query(query).words == words


def test_a_group_is_found_by_the_word_or_the_words_inside_it():
    group = analyse_query("入学年龄").groups[0]
    assert group.forms[0] == "入学年龄"
    assert {"入学", "年龄"} <= set(group.forms)
    query = group.as_query()
    assert isinstance(query, PlainText) and query.operator == "or"


def test_every_group_must_match_unless_relaxed():
    analysed = analyse_query("部门决算")
    assert isinstance(analysed.as_query(), And)
    assert isinstance(analysed.as_query(relaxed=True), Or)


SYNONYMS = {"学区": ["划片", "施教区", "招生范围"], "预决算": ["预算", "决算"], "预算": ["预决算"]}


def test_synonyms_are_alternatives_of_the_word_typed():
    analysed = analyse_query("学区公告", SYNONYMS)
    group = analysed.groups[0]
    assert group.synonym and group.word == "学区"
    assert group.alternatives[0] == ["学区"]
    assert ["划片"] in group.alternatives and ["招生范围"] in group.alternatives
    assert analysed.has_synonyms
    # Without synonyms the query is the words as typed.
    literal = analysed.as_query(synonyms=False)
    assert "划片" not in repr(literal) and "学区" in repr(literal)


def test_a_multi_word_synonym_needs_all_its_words():
    analysed = analyse_query("施教区", {"施教区": ["招生 服务区"]})
    query = analysed.groups[0].as_query()
    assert "operator='and'" in repr(query)


def test_longest_synonym_wins():
    analysed = analyse_query("招生范围", {"招生": ["入学"], "招生范围": ["学区"]})
    assert [group.word for group in analysed.groups] == ["招生范围"]


@pytest.mark.parametrize(
    "query",
    ["招生 AND 划片", '"招生划片"', "招生*", "-学区 招生", "(招生) OR (划片)", "title:招生", "招生 NOT 划片"],
)
def test_search_syntax_is_noticed_and_searched_as_words(query):
    analysed = analyse_query(query)
    assert analysed.had_operators
    assert "招生" in analysed.words
    assert not {"and", "or", "not"} & set(analysed.words)


@pytest.mark.parametrize("query", ["", "   ", "！？。", "😀😀", "\u200b\ufeff"])
def test_nothing_to_search_for(query):
    assert not analyse_query(query)


def test_a_query_of_stop_words_only_searches_them():
    assert analyse_query("的 了").words == ["的", "了"]


def test_a_long_query_is_cut():
    analysed = analyse_query("招生" * 1000)
    assert analysed.truncated
    assert len(analysed.text) == MAX_QUERY_CHARACTERS
    assert len(analysed.groups) <= 12


def test_snippet_marks_matches_in_the_original_text_and_escapes_it():
    html = str(snippet("第一段。关于<b>招生</b>划片的说明：ＡＢＣ招生", ["招生", "abc"]))
    assert "<mark>招生</mark>" in html
    assert "&lt;b&gt;" in html and "<b>" not in html
    assert "<mark>ＡＢＣ</mark>" in html  # full-width text matched, shown as written


def test_snippet_without_a_match_is_the_beginning():
    assert str(snippet("甲" * 300, ["乙"])).startswith("甲" * 10)
    assert str(snippet("甲" * 300, ["乙"])).endswith("…")


def test_snippet_prefers_the_passage_with_most_words():
    text = "招生" + "。" + "无关" * 100 + "。招生划片范围在此说明。" + "无关" * 100
    html = str(snippet(text, ["招生", "划片", "范围"]))
    assert "<mark>划片</mark>" in html and "<mark>范围</mark>" in html


def test_snippet_marks_every_occurrence():
    assert str(snippet("招生和招生", ["招生"])).count("<mark>") == 2
