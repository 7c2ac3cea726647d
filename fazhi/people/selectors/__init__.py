"""Every read of the people app, scoped to the actor."""

from fazhi.people.selectors.keypersons import *  # noqa: F403
from fazhi.people.selectors.residents import *  # noqa: F403
