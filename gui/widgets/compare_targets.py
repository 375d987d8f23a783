"""Pick what to compare: two to four provider and model pairs. Each target answers with its
provider's own key, address and parameters from Settings; each model field offers its
provider's model list, as the toolbar's does."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from gui.i18n import provider_label
from gui.widgets.model_picker import ModelPicker
from providers.base import AsyncGeneratorProvider, ModelInfo
from providers.compare import MAX_TARGETS

Choice = tuple[str, str]  # provider name, model ("" for the provider's default)
ModelLoader = Callable[[str], Awaitable[list[ModelInfo]]]  # a provider's models, by its name


class CompareTargetsDialog(QDialog):
    """Up to four rows of (use, provider, model); OK needs two to four rows in use."""

    chosen = Signal(object)  # list[Choice]

    def __init__(
        self,
        providers: Sequence[type[AsyncGeneratorProvider]],
        current: Sequence[Choice],
        parent: QWidget | None = None,
        models: ModelLoader | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Compare models"))
        self.setObjectName("compareTargetsDialog")
        self.rows: list[tuple[QCheckBox, QComboBox, ModelPicker]] = []
        self._models = models
        self._loading: set[asyncio.Task[None]] = set()
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Provider"), self), 0, 1)
        grid.addWidget(QLabel(self.tr("Model"), self), 0, 2)
        for row in range(MAX_TARGETS):
            use = QCheckBox(self)
            use.setAccessibleName(self.tr("Compare target {number}").format(number=row + 1))
            box = QComboBox(self)
            box.setAccessibleName(self.tr("Provider"))
            for provider in providers:
                box.addItem(provider_label(provider), provider.get_name())
            model = ModelPicker(self)
            model.setMinimumContentsLength(20)
            line = model.lineEdit()
            assert line is not None
            line.setPlaceholderText(self.tr("the provider's default model"))
            if row < len(current):
                name, chosen_model = current[row]
                box.setCurrentIndex(max(0, box.findData(name)))
                model.setCurrentText(chosen_model)
                use.setChecked(True)
            use.toggled.connect(lambda _on: self._check())
            box.currentIndexChanged.connect(lambda _i, use=use: use.setChecked(True))
            box.currentIndexChanged.connect(
                lambda _i, box=box, model=model: self._fill(box, model, "")
            )
            grid.addWidget(use, row + 1, 0)
            grid.addWidget(box, row + 1, 1)
            grid.addWidget(model, row + 1, 2)
            self.rows.append((use, box, model))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        hint = QLabel(
            self.tr(
                "Every target answers the same prompt at once, each with its provider's key, "
                "address and parameters from Settings. Pick two to four."
            ),
            self,
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(grid)
        layout.addWidget(self.buttons)
        self._check()
        for _use, box, model in self.rows:
            self._fill(box, model, model.currentText())
        self.finished.connect(lambda _r: [task.cancel() for task in self._loading])

    def _fill(self, box: QComboBox, picker: ModelPicker, current: str) -> None:
        """Offer the row's provider's models (live, or its built-in list), in the background."""
        if self._models is None:
            return
        task = asyncio.ensure_future(self._load(str(box.currentData()), box, picker, current))
        self._loading.add(task)
        task.add_done_callback(self._loading.discard)

    async def _load(self, name: str, box: QComboBox, picker: ModelPicker, current: str) -> None:
        assert self._models is not None
        picker.set_loading()
        models = await self._models(name)
        if str(box.currentData()) == name:  # not switched to another provider meanwhile
            picker.set_models(models, current or picker.currentText().strip())

    def choices(self) -> list[Choice]:
        return [
            (str(box.currentData()), model.currentText().strip())
            for use, box, model in self.rows
            if use.isChecked()
        ]

    def _check(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(2 <= len(self.choices()) <= MAX_TARGETS)

    def _accept(self) -> None:
        self.chosen.emit(self.choices())
        self.accept()
