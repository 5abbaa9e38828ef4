from ..index_numbers import IndexNumberSequence  # noqa: F401
from .base import ChangeNote, DisclosureAttribute, DisclosurePage, Validity  # noqa: F401
from .budget import BudgetKind, BudgetPage, BudgetUnit  # noqa: F401
from .catalogue import (  # noqa: F401
    CatalogueIndexPage,
    CatalogueItemContentElement,
    CatalogueItemPage,
    CategoryPage,
)
from .enrolment import EnrolmentKeyDate, EnrolmentZonePage, ZoneRule  # noqa: F401
from .organisations import Office, School  # noqa: F401
from .policy import InterpretationPage, PolicyDocumentPage  # noqa: F401
from .safety import AlertLevel, SafetyNoticePage  # noqa: F401
