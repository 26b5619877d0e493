"""Pinyin keys for search: typing ``zs`` or ``zhangsan`` finds 张三."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4096)
def pinyin_key(text: str) -> str:
    """``"张三 Ltd"`` → ``"zs zhangsan"``: initials, then full pinyin, lower case.

    Non-Chinese characters are kept as they are, so a mixed name still matches.
    """
    if not text:
        return ""
    from pypinyin import Style, lazy_pinyin

    full = lazy_pinyin(text, style=Style.NORMAL, errors="default")
    initials = "".join(p[0] for p in full if p and p[0].isalnum())
    return f"{initials} {''.join(full)}".lower().replace("  ", " ").strip()
