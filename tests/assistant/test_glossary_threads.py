"""The glossary's English stemmer used from many threads at once, as the web server does: every stem is the one a
single thread gets (a shared snowball stemmer gave wrong stems and IndexErrors under this load)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from assistant.glossary import en_words

SENTENCES = [
    "Which departments are responsible for administrative reconsideration hearings?",
    "How many working days does the government have to publish its regulations?",
    "Who leads the inspection of enterprises and the training of enforcement officers?",
    "When must the counties submit their annual reports on law-based government?",
] * 50


def test_stems_are_the_same_from_eight_threads_as_from_one():
    expected = [en_words(s) for s in SENTENCES]
    for _ in range(5):
        with ThreadPoolExecutor(max_workers=8) as pool:
            assert list(pool.map(en_words, SENTENCES)) == expected
