"""Every write of the grid app."""

from fazhi.grid.services.events import *  # noqa: F403
from fazhi.grid.services.links import *  # noqa: F403
from fazhi.grid.services.points import *  # noqa: F403
