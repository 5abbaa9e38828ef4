from .catalogue import (  # noqa: F401
    CatalogueIndexPage,
    CatalogueItemContentElement,
    CatalogueItemPage,
    CategoryPage,
)
from .organisations import Office, School  # noqa: F401
