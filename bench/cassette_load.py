"""Loading a 5,000-interaction cassette: `load_cassette` (cold and cached) vs vcrpy's loader.

Target: ≤ 0.5 s for a cassette already used once (the parsed form is cached by content
hash, `stackdouble/cassettes/_cache.py`), measured against vcrpy loading the same file in the
same run. The cold figure (first use: a YAML parse with libyaml when present) is printed too.

The cassette is `bench/replay_cassette.py`'s: N distinct GETs with small JSON bodies, in
vcrpy's YAML format. Each round loads the file with vcrpy's filesystem persister and YAML
serializer (what `vcr.use_cassette` does on entry), with ours cold (a fresh cache folder),
and with ours cached; CPU time (`time.process_time`), median over rounds.

    python bench/cassette_load.py [ROUNDS]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from replay_cassette import build

from stackdouble.cassettes import ReplayIndex, load_cassette
from stackdouble.cassettes._cache import CACHE_ENV

N = 5_000
TARGET_S = 0.5


def timed(func: Callable[[], object]) -> float:
    started = time.process_time()
    func()
    return time.process_time() - started


def main(rounds: int = 3) -> None:
    from vcr.persisters.filesystem import FilesystemPersister  # type: ignore[import-untyped]
    from vcr.serializers import yamlserializer  # type: ignore[import-untyped]

    folder = Path(tempfile.mkdtemp())
    path = build(N, folder)
    vcr_s, cold_s, warm_s, index_s = [], [], [], []
    for i in range(rounds):
        os.environ[CACHE_ENV] = str(folder / f"cache-{i}")
        vcr_s.append(timed(lambda: FilesystemPersister.load_cassette(str(path), yamlserializer)))
        cold_s.append(timed(lambda: load_cassette(path)))
        warm_s.append(timed(lambda: load_cassette(path)))
        loaded = load_cassette(path)
        index_s.append(timed(lambda loaded=loaded: ReplayIndex(loaded)))  # type: ignore[misc]
    vcr, cold, warm = (statistics.median(x) for x in (vcr_s, cold_s, warm_s))
    print(f"cassette load, {N:,} interactions ({path.stat().st_size / 1e6:.1f} MB), "
          f"median of {rounds} rounds, CPU s")
    print(f"  vcrpy (FilesystemPersister + yaml)          {vcr:8.3f} s")
    print(f"  load_cassette, first use (YAML parse)       {cold:8.3f} s  ({cold / vcr:.2f}× vcrpy)")
    print(f"  load_cassette, cached                       {warm:8.3f} s  ({warm / vcr:.3f}× vcrpy, "
          f"{vcr / warm:.0f}× faster)")
    print(f"  ReplayIndex build (not part of the load)    {statistics.median(index_s):8.3f} s")
    verdict = "met" if warm <= TARGET_S else "NOT met"
    print(f"  target: cached load ≤ {TARGET_S} s: {verdict}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
