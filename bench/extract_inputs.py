"""What the extraction benchmarks run on: PolNeAR's texts as files, and speaker registries of a chosen size.

Shared by ``extract_speed.py`` (the figures) and ``extract_digest.py`` (the check that a speed-up
changed no output). PolNeAR is read from a checkout (``data/<split>/text/*.txt``) or from a bare
git mirror (``git show``, as the shared scorer does); either way the texts are written once into
a scratch folder, one file each, so every run hands ``provenance extract`` the same paths.
"""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

from provenance import Ledger
from provenance.ids import slugify
from provenance.records import Speaker, SpeakerKind
from provenance.store.edit import Edit

#: The bundled ledger, whose twelve speakers are the small registry.
SEED_LEDGER = Path(__file__).resolve().parent.parent / "claims"

_GIVEN = (
    "James Mary John Patricia Robert Jennifer Michael Linda David Elizabeth William Barbara Richard Susan Joseph "
    "Jessica Thomas Sarah Charles Karen Daniel Nancy Matthew Lisa Anthony Betty Mark Margaret Donald Sandra "
    "Steven Ashley Paul Kimberly Andrew Emily Joshua Donna Kenneth Michelle Kevin Carol Brian Amanda George "
    "Melissa Timothy Deborah Ahmed Olga Pedro Yuki Ivan Fatima"
).split()
_FAMILY = (
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson "
    "Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis "
    "Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall "
    "Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes "
    "Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard "
    "Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price "
    "Alvarez Castillo Sanders Patel Myers Long Ross Foster Jimenez Kowalski Novak Petrov Okafor Tanaka"
).split()
_BODIES = (
    "Institute Council Foundation Committee Agency Union Association Bureau Commission Alliance Party Office"
).split()
_TOPICS = (
    "Energy Labor Health Trade Justice Housing Farm Water Transport Science Veterans Education Safety Budget"
).split()


def texts(polnear: Path, splits: tuple[str, ...], scratch: Path) -> list[Path]:
    """Every text of ``splits``, as files under ``scratch`` (written once, then reused), sorted by name."""
    paths: list[Path] = []
    for split in splits:
        folder = scratch / split
        if not folder.is_dir():
            _copy_split(polnear, split, folder)
        paths += sorted(folder.glob("*.txt"))
    if not paths:
        raise SystemExit(f"no texts found in {polnear} for {', '.join(splits)}")
    return paths


def _copy_split(polnear: Path, split: str, folder: Path) -> None:
    checkout = polnear / "data" / split / "text"
    partial = folder.with_name(folder.name + ".partial")
    partial.mkdir(parents=True, exist_ok=True)
    if checkout.is_dir():
        for path in checkout.glob("*.txt"):
            (partial / path.name).write_bytes(path.read_bytes())
    else:  # a bare mirror
        listed = _git(polnear, "ls-tree", "-r", "--name-only", "HEAD", f"data/{split}/text/").decode()
        for name in listed.split():
            if name.endswith(".txt"):
                (partial / Path(name).name).write_bytes(_git(polnear, "show", f"HEAD:{name}"))
    partial.rename(folder)


def _git(repo: Path, *args: str) -> bytes:
    try:
        return subprocess.run(["git", "--git-dir", str(repo), *args], capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        raise SystemExit(f"{repo} is neither a PolNeAR checkout nor a bare git mirror of it ({exc})") from exc


def registry(size: int, root: Path) -> Path:
    """A ledger at ``root`` whose registry is the bundled twelve speakers plus generated ones, ``size`` in all.

    The generated speakers are people with common English given and family names (the family names
    news prints most, so many unresolved mentions come close to a registered name: the hard case for
    fuzzy matching) and one in eight an organisation; the same ``size`` always gives the same registry.
    """
    if (root / "speakers.yaml").is_file():
        return root
    speakers = {s.id: s for s in Ledger.open(SEED_LEDGER).speakers()}
    rng = random.Random(2016)
    while len(speakers) < size:
        if rng.random() < 0.125:
            name, kind = f"{rng.choice(_TOPICS)} {rng.choice(_BODIES)}", SpeakerKind.ORGANISATION
        else:
            name, kind = f"{rng.choice(_GIVEN)} {rng.choice(_FAMILY)}", SpeakerKind.PERSON
        speakers.setdefault(slugify(name), Speaker(id=slugify(name), name=name, kind=kind))
    kept = dict(list(speakers.items())[:size])
    Edit(Ledger.init(root).layout).save_speakers(kept)
    return root
