"""Pick what to compare: two to four provider and model pairs. Each target answers with its
provider's own key, address and parameters from Settings."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from providers.base import AsyncGeneratorProvider
from providers.compare import MAX_TARGETS

Choice = tuple[str, str]  # provider name, model ("" for the provider's default)


class CompareTargetsDialog(QDialog):
    """Up to four rows of (use, provider, model); OK needs two to four rows in use."""

    chosen = Signal(object)  # list[Choice]

    def __init__(
        self,
        providers: Sequence[type[AsyncGeneratorProvider]],
        current: Sequence[Choice],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Compare models"))
        self.setObjectName("compareTargetsDialog")
        self.rows: list[tuple[QCheckBox, QComboBox, QLineEdit]] = []
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Provider"), self), 0, 1)
        grid.addWidget(QLabel(self.tr("Model"), self), 0, 2)
        for row in range(MAX_TARGETS):
            use = QCheckBox(self)
            use.setAccessibleName(self.tr("Compare target {number}").format(number=row + 1))
            box = QComboBox(self)
            box.setAccessibleName(self.tr("Provider"))
            for provider in providers:
                box.addItem(provider.display_name(), provider.get_name())
            model = QLineEdit(self)
            model.setAccessibleName(self.tr("Model"))
            model.setPlaceholderText(self.tr("the provider's default model"))
            if row < len(current):
                name, chosen_model = current[row]
                box.setCurrentIndex(max(0, box.findData(name)))
                model.setText(chosen_model)
                use.setChecked(True)
            use.toggled.connect(lambda _on: self._check())
            box.currentIndexChanged.connect(lambda _i, use=use: use.setChecked(True))
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

    def choices(self) -> list[Choice]:
        return [
            (str(box.currentData()), model.text().strip())
            for use, box, model in self.rows
            if use.isChecked()
        ]

    def _check(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(2 <= len(self.choices()) <= MAX_TARGETS)

    def _accept(self) -> None:
        self.chosen.emit(self.choices())
        self.accept()
