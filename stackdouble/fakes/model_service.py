"""`ModelService`: a `Service` whose state is one model object, rebuilt by `reset`, and whose
route table is a function of nothing (built once and shared by every cloud)."""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Protocol, TypeVar

from stackdouble.fakes.http import Service

if TYPE_CHECKING:
    from stackdouble.fakes.routing import Router

__all__ = ["ModelService"]


class _Model(Protocol):
    def __init__(self, cloud: Any) -> None: ...

    def load_defaults(self) -> None: ...

    def dump(self) -> dict[str, Any]: ...


M = TypeVar("M", bound=_Model)


class ModelService(Service, Generic[M]):
    """A service holding one model (`ComputeModel`, `BlockStorageModel`, `ImageModel`...).

    Subclasses set `model_class`, `cloud_attribute` (the model is also `cloud.<attribute>`)
    and `route_table` (a function returning the service's `Router`, wrapped in
    `staticmethod`); `reset` makes a fresh model with its seed data (`load_defaults`).

    Attributes:
        model: The current model, replaced by `reset`.
    """

    model_class: ClassVar[type[Any]]
    cloud_attribute: ClassVar[str]
    route_table: ClassVar[staticmethod[[], Router]]

    def __init__(self, cloud: Any) -> None:
        self.model: M = self.model_class(cloud)
        super().__init__(cloud)

    def build_router(self) -> Router:
        """The service's routes (`route_table`)."""
        return self.route_table()

    def router_key(self) -> Hashable:
        """The routes are the same for every cloud: built once."""
        return ()

    def reset(self) -> None:
        """A fresh model with its seed data, also set as `cloud.<cloud_attribute>`."""
        model: M = self.model_class(self.cloud)
        model.load_defaults()
        self.model = model
        setattr(self.cloud, self.cloud_attribute, model)

    def dump(self) -> dict[str, Any]:
        """The model's state (`model.dump()`)."""
        return self.model.dump()
