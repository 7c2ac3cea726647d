"""Every read of the grid app, scoped to the actor."""

from fazhi.grid.selectors.events import *  # noqa: F403
from fazhi.grid.selectors.links import *  # noqa: F403
from fazhi.grid.selectors.points import *  # noqa: F403
