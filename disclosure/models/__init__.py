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
from .policy import InterpretationPage, PolicyDocumentPage
from .safety import AlertLevel, SafetyNoticePage  # noqa: F401

# Every page type of the catalogue, from its index down to the disclosures.
PAGE_MODELS = (
    CatalogueIndexPage,
    CategoryPage,
    CatalogueItemPage,
    PolicyDocumentPage,
    InterpretationPage,
    SafetyNoticePage,
    EnrolmentZonePage,
    BudgetPage,
)
