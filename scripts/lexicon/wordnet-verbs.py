#!/usr/bin/env python3
"""Writes crates/specc_conflicts/data/wordnet-verbs.txt: the one-word verbs of
WordNet 3.0 that occur in its sense-tagged corpus (tagsense_cnt > 0), the
common verbs of English, one per line. specc reads the file as the verbs
that may open a bare imperative ("Release the car ...", "Wrap every example
...") besides the ones its own lexicon names.

Source: Debian's `wordnet-base` package (/usr/share/wordnet/index.verb).
Run: apt-get install wordnet-base && python3 scripts/lexicon/wordnet-verbs.py
"""
import pathlib
import sys

INDEX = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet/index.verb")
OUT = pathlib.Path(__file__).resolve().parents[2] / "crates/specc_conflicts/data/wordnet-verbs.txt"

HEADER = """# The common one-word verbs of WordNet 3.0 (those with sense-tagged uses),
# written by scripts/lexicon/wordnet-verbs.py from Debian's wordnet-base.
# WordNet's license, which asks that it appear on every copy, follows.
#
"""


def main() -> None:
    verbs = []
    license_lines = []
    for line in INDEX.read_text().splitlines():
        if line.startswith(" "):
            # The license header: "  1 This software ...", numbered.
            license_lines.append("# " + line.strip().split(" ", 1)[1].rstrip() if " " in line.strip() else "#")
            continue
        fields = line.split()
        lemma, pointers = fields[0], int(fields[3])
        tagged = int(fields[5 + pointers])
        if "_" not in lemma and tagged > 0:
            verbs.append(lemma)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(HEADER + "\n".join(license_lines) + "\n" + "\n".join(sorted(set(verbs))) + "\n")
    print(f"{len(verbs)} verbs -> {OUT}")


if __name__ == "__main__":
    main()
