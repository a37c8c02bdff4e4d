"""Every citizen-facing text of the portal, in Brazilian Portuguese: one module per area of the portal.

Wording is reviewed and changed in these modules only. Each holds plain literals, and reads no setting:
a text that names something the city configures (the support phones) leaves a ``{placeholder}`` for its
caller, as texts needing a name or a date already do.

Code reads every text as ``texts.NAME`` (``from portal import texts``), whatever its area: this package
gathers the areas' names here, so a text can move between areas, or an area be split, without touching
the pages and services that show it. That needs each name defined in one area only
(tests/unit/test_texts_package.py).
"""

from portal.texts.layout import *  # noqa: F403
from portal.texts.errors import *  # noqa: F403
from portal.texts.outcomes import *  # noqa: F403
from portal.texts.sign_in import *  # noqa: F403
from portal.texts.sign_up import *  # noqa: F403
from portal.texts.confirmation import *  # noqa: F403
from portal.texts.recovery import *  # noqa: F403
from portal.texts.account import *  # noqa: F403
from portal.texts.govbr import *  # noqa: F403
from portal.texts.two_step import *  # noqa: F403
from portal.texts.privacy import *  # noqa: F403
from portal.texts.my_data import *  # noqa: F403
from portal.texts.support import *  # noqa: F403
from portal.texts.help import *  # noqa: F403
from portal.texts.dates import *  # noqa: F403
from portal.texts.delivery import *  # noqa: F403
from portal.texts.desk import *  # noqa: F403
from portal.texts.mail import *  # noqa: F403
from portal.texts.dev_emails import *  # noqa: F403
from portal.texts.services import *  # noqa: F403
