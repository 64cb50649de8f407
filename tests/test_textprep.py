from hypothesis import given, settings
from hypothesis import strategies as st

from serving.textprep import prepare, split_sentences, strip_glosses, to_simplified


def test_pinyin_glosses_are_removed_and_offsets_point_into_the_original():
    original = "日前,經(jīng)過市級審核驗(yàn)收,張家口市747個(gè)貧困村"
    prep = prepare(original)
    assert "(" not in prep.text
    i = prep.text.index("张家口市")
    s, e = prep.to_original(i, i + 4)
    assert original[s:e] == "張家口市"
    j = prep.text.index("747个")
    s, e = prep.to_original(j, j + 4)
    assert original[s:e] == "747個"


def test_gloss_inside_a_span_stays_in_the_original_slice():
    original = "經(jīng)過"
    prep = prepare(original)
    assert prep.text == "经过"
    assert prep.to_original(0, 2) == (0, len(original))


def test_real_parentheses_are_kept():
    for text in ("张三(音)说", "金额(人民币，下同)为", "集体经济(股份)合作社", "4G(第四代)"):
        assert strip_glosses(text)[0] == text


def test_tone_digit_and_full_width_parentheses_glosses():
    assert strip_glosses("贫困（pin2）村")[0] == "贫困村"
    assert strip_glosses("攻堅(jiān)目標(biāo)")[0] == "攻堅目標"


def test_model_view_normalises_full_width_and_spaces_one_for_one():
    original = "投入１２３万元\u3000ＡＢ"
    prep = prepare(original)
    assert prep.text == "投入123万元 AB"
    assert len(prep.text) == len(original)


def test_traditional_converted_for_the_model_only():
    original = "漢中市扶貧辦"
    prep = prepare(original)
    assert prep.text == "汉中市扶贫办"
    assert prep.original == original
    assert to_simplified("萬餘戶") == "万余户"


def test_from_original_round_trip():
    original = "經(jīng)過市級審核"
    prep = prepare(original)
    s, e = prep.to_original(2, 4)
    assert prep.from_original(s, e) == (2, 4)


def test_sentences_split_at_terminators_and_lines_and_keep_closing_quotes():
    text = "他说：“好。”然后走了！\n\n  第二行;第三句？"
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["他说：“好。”", "然后走了！", "第二行;", "第三句？"]


def test_mangled_gloss_question_mark_does_not_split():
    text = "解决因?qū)W致贫。"
    assert [text[s:e] for s, e in split_sentences(text)] == [text]


def test_long_sentences_are_cut_at_commas():
    text = "，".join(["甲乙丙丁戊己庚辛"] * 10) + "。"
    spans = split_sentences(text, max_chars=30)
    assert all(e - s <= 30 for s, e in spans)
    assert "".join(text[s:e] for s, e in spans) == text


_ALPHABET = st.sampled_from(
    list("汉中市經過驗區個萬億餘戶貧困村abc xyz123０１（）()，。 \u3000\t\n")
    + ["(jīng)", "(yàn)", "（qū）", "(音)", "(pin2)"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_every_prepared_char_maps_back_to_its_source(original):
    prep = prepare(original)
    assert len(prep.starts) == len(prep.text) == len(prep.ends)
    for i, ch in enumerate(prep.text):
        src = original[prep.starts[i] : prep.ends[i]]
        assert src, "every prepared char comes from some original text"
        # The source, cleaned the same way on its own, gives the prepared character.
        assert prepare(src).text == ch or len(src) > 1
    # Any prepared span maps to an original slice whose own preparation is that span.
    n = len(prep.text)
    for s in range(0, n, 3):
        for e in range(s + 1, min(n, s + 6) + 1):
            os_, oe = prep.to_original(s, e)
            assert 0 <= os_ < oe <= len(original)
            assert strip_glosses(original[os_:oe])[0] != ""
            assert prepare(original[os_:oe]).text.replace(" ", "") == prep.text[s:e].replace(" ", "")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_prepare_never_fails_and_keeps_monotone_offsets(original):
    prep = prepare(original)
    assert list(prep.starts) == sorted(prep.starts)
    assert all(0 <= s < e <= len(original) for s, e in zip(prep.starts, prep.ends, strict=False))
