"""Import cost: `import stackdouble.client` vs `import requests`, in fresh processes.

Target: ≤ 1.3× (openstacksdk measured 3.1× on this kind of machine). CPU time of each child
from rusage, 20 alternating pairs by default; prints the median of the pair ratios.

    python bench/import_client.py [ROUNDS]
"""

from __future__ import annotations

import sys

from _common import child_cost, paired, report


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    py = sys.executable
    ours = [py, "-c", "import stackdouble.client, stackdouble.client.openstack"]
    floor = [py, "-c", "import requests"]
    for argv in (ours, floor):  # warm the file cache
        child_cost(argv)
    costs_a, costs_b = paired(lambda: child_cost(ours)[1], lambda: child_cost(floor)[1], rounds)
    report("import time (CPU per fresh process)", "import stackdouble.client (+ openstack)",
           "import requests", costs_a, costs_b, "ms", 1000, target=1.3)
    modules = [py, "-c", "import sys, stackdouble.client.openstack; "
               "bad=[m for m in sys.modules if m.split('.')[0] in "
               "('yaml','vcr','hypothesis','werkzeug','waitress','responses') "
               "or m.startswith('stackdouble.fakes')]; "
               "print('  heavy modules imported:', bad or 'none')"]
    import subprocess

    subprocess.run(modules, check=True)


if __name__ == "__main__":
    main()
