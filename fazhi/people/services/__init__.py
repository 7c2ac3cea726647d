"""Every write of the people app."""

from fazhi.people.services.jobs import *  # noqa: F403
from fazhi.people.services.keypersons import *  # noqa: F403
from fazhi.people.services.residents import *  # noqa: F403
