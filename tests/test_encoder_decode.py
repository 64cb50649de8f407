from hypothesis import given
from hypothesis import strategies as st

from serving.decode import decode_bio
from serving.encoder import owner_windows, tokenize, windows
from serving.labels import bio_labels
from tests.conftest import tiny_tokenizer

LABELS = bio_labels()


def lab(name: str) -> int:
    return LABELS.index(name)


def test_every_cjk_char_and_digit_is_its_own_piece():
    tok = tiny_tokenizer()
    text = "汉中市27490户"
    t = tokenize(tok, text)
    pieces = [text[s:e] for s, e in t.offsets if e > s]
    assert pieces == list(text)


@given(st.integers(1, 400), st.integers(3, 40), st.integers(0, 20))
def test_windows_cover_every_token_and_respect_the_size(n, max_tokens, overlap):
    if overlap >= max_tokens - 2:
        overlap = 0
    wins = windows(n, max_tokens, overlap)
    covered = set()
    for w in wins:
        assert 0 < w.end - w.start <= max_tokens - 2
        covered.update(range(w.start, w.end))
    assert covered == set(range(n))
    owners = owner_windows(n, wins)
    assert all(wins[o].start <= t < wins[o].end for t, o in enumerate(owners))


def test_owner_prefers_the_window_where_the_token_is_central():
    wins = windows(20, 12, 4)  # size 10, step 6: [0,10) [6,16) [12,20)
    owners = owner_windows(20, wins)
    assert owners[0] == 0 and owners[19] == len(wins) - 1
    assert owners[9] == 1  # at the right edge of window 0, in the middle of window 1


def test_decode_bio_spans_and_scores():
    offsets = [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5)]
    pred = [lab("B-REGION"), lab("I-REGION"), lab("O"), lab("I-MONEY"), lab("B-MONEY")]
    probs = [0.9, 0.7, 1.0, 0.6, 0.8]
    spans = decode_bio(LABELS, pred, probs, offsets)
    assert [(s.type, s.start, s.end) for s in spans] == [("REGION", 0, 2), ("MONEY", 3, 4), ("MONEY", 4, 5)]
    assert abs(spans[0].score - 0.8) < 1e-9


def test_decode_type_change_inside_i_run_starts_a_new_span():
    offsets = [(0, 1), (1, 2)]
    spans = decode_bio(LABELS, [lab("B-ORG"), lab("I-POLICY")], [1.0, 1.0], offsets)
    assert [(s.type, s.start, s.end) for s in spans] == [("ORG", 0, 1), ("POLICY", 1, 2)]


def test_viterbi_never_starts_with_an_orphan_i_tag():
    from serving.decode import allowed_transitions, viterbi

    allowed = allowed_transitions(LABELS)
    # Argmax would say O, I-ORG, I-ORG: the constrained path must open with B-ORG or stay O.
    rows = []
    for best in (lab("O"), lab("I-ORG"), lab("I-ORG")):
        row = [0.01] * len(LABELS)
        row[best] = 0.9
        row[lab("B-ORG")] = 0.3
        rows.append(row)
    import math

    path = viterbi([[math.log(p) for p in r] for r in rows], allowed, LABELS)
    names = [LABELS[i] for i in path]
    assert names[1] in ("B-ORG", "O")
    for prev, cur in zip(names, names[1:], strict=False):
        if cur.startswith("I-"):
            assert prev[2:] == cur[2:]


def test_sentence_windows_never_cross_a_sentence_end():
    from serving.encoder import sentence_windows

    text = "南郑区脱贫。汉中市投入20亿元！\n陕西"
    offsets = [(i, i + 1) for i, ch in enumerate(text) if ch != "\n"]
    wins = sentence_windows(text, offsets, max_tokens=64, overlap=8)
    pieces = ["".join(text[a:b] for a, b in offsets[w.start : w.end]) for w in wins]
    assert pieces == ["南郑区脱贫。", "汉中市投入20亿元！", "陕西"]
    # a sentence longer than a window is cut into overlapping windows inside it
    long_text = "村" * 30 + "。" + "镇" * 5
    long_offsets = [(i, i + 1) for i in range(len(long_text))]
    wins = sentence_windows(long_text, long_offsets, max_tokens=12, overlap=4)
    assert all(w.end - w.start <= 10 for w in wins)
    assert wins[-1].start == 31 and wins[-1].end == 36
    assert {t for w in wins for t in range(w.start, w.end)} == set(range(36))
    assert sentence_windows("", [], 64, 8) == [windows(0, 64, 8)[0]]
