"""What customers write: language, words, themes and sentiment of survey comments.

Pure functions over plain values and dataclasses; everything runs offline with the data
that ships in the installed packages (no model or word list is fetched at run time).

- ``language``: which of Danish, Norwegian (bokmål), Swedish or English a comment is in.
- ``tokens``: words, stop words, stems and two-word phrases per language.
- ``themes``: themes found by TF-IDF and NMF, seeded, with labels in the customers' words.
- ``theme_figures``: per theme n, shares, NPS with its interval and the monthly trend.
- ``theme_edits``: a person's renames, merges, splits, hides and moves, replayed on themes
  computed again.
- ``sentiment``: a word-list score per comment in [−1, 1] with negation, and the comments
  whose words and score disagree.
"""
