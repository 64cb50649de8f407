"""Page boilerplate of scraped articles: which lines are not article content.

Dropped when building the dataset (see annotations/GUIDELINES.md, "Which sentences"):
copyright and disclaimer notices, site navigation and footers, image placeholders, and
everything after a "related reading" / pagination block (teasers of other articles).
Bylines, source lines and photo captions that carry content are kept.
"""

from __future__ import annotations

import re

from serving.textprep import to_simplified

# A line containing any of these is boilerplate (matched on the simplified line).
LINE_MARKERS = (
    "版权", "免责声明", "授权", "本网", "当前位置", "网站地图", "网站标识码", "ICP备",
    "公网安备", "联系电话", "邮编", "举报电话", "访问量", "是否继续", "继续访问",
    "即将离开", "_fororder_", "»",
)
# A line that is exactly one of these is boilerplate.
WHOLE_LINES = ("打印", "首页", "网站")
# Page chrome comes in short lines; a longer line is article text whatever it mentions.
MAX_CHROME_LINE = 300
# From a line containing one of these to the end of the document, everything is dropped.
TAIL_MARKERS = ("相关阅读", "延伸阅读", "下一页", "主办单位")


def content_lines(doc: str) -> list[tuple[int, int]]:
    """Half-open spans of the lines of `doc` that are article content."""
    spans: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n]+", doc):
        line = to_simplified(m.group()).strip()
        if not line:
            continue
        if len(line) > MAX_CHROME_LINE:
            spans.append((m.start(), m.end()))
            continue
        if any(marker in line for marker in TAIL_MARKERS):
            break
        if line in WHOLE_LINES or any(marker in line for marker in LINE_MARKERS):
            continue
        if line.startswith(("•", "·")):
            continue
        spans.append((m.start(), m.end()))
    return spans
