"""eval/scale.py's generator: the synthetic notices it writes are distinct notices the parser reads as meant (the
benchmark itself is not run here)."""

from __future__ import annotations

from pathlib import Path

from eval.scale import check_parse, generate, sources
from index.corpus import load_corpus


def test_every_generated_notice_parses_like_its_source_under_its_own_region(tmp_path: Path) -> None:
    copies = generate(3, tmp_path)
    corpus = load_corpus([tmp_path])
    assert check_parse(copies, corpus) == []
    by_path = {Path(p.notice.path).name: p for p in corpus.notices if p.notice.path}
    assert len(by_path) == 3
    for c in copies:
        parsed = by_path[c.path.name]
        assert len(parsed.tasks) == len(c.source.parsed.tasks), c.path.name
        assert parsed.notice.region == c.region and c.region in parsed.notice.aliases
        assert c.source.short not in parsed.notice.text, "the source's region is gone from the copy"
        assert parsed.notice.doc_number == c.doc_number
    regions = [p.notice.region for p in corpus.notices]
    assert len(set(regions)) == 3 and not set(regions) & {s.parsed.notice.region for s in sources()}
    assert len(set(corpus.doc_ids)) == 3
    swapped = [c for c in copies if c.unit_map]
    assert swapped and all(any(k != v for k, v in c.unit_map.items()) for c in swapped)
