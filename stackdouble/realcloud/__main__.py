"""`python -m stackdouble.realcloud start|stop|status|clean`."""

import sys

from stackdouble.realcloud import main

sys.exit(main())
