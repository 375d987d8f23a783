"""The model dropdown: a live list, searchable by any part of a name, and free text allowed."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from gui.icons import icon
from gui.texts import QT_TRANSLATE_NOOP, Texts
from providers.base import ModelInfo


class ModelPicker(QComboBox):
    """Editable combo box: pick from the list, type to filter, or type a model it lacks."""

    model_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modelPicker")
        self.texts = Texts("ModelPicker")
        self.texts.set(self.setAccessibleName, QT_TRANSLATE_NOOP("ModelPicker", "Model"))
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMinimumContentsLength(28)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        completer = QCompleter(self.model(), self)  # filters the combo box's own items
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.models: list[ModelInfo] = []
        self.activated.connect(lambda _i: self._chosen())
        line = self.lineEdit()
        assert line is not None
        self.texts.set(line.setAccessibleName, QT_TRANSLATE_NOOP("ModelPicker", "Model"))
        line.editingFinished.connect(self._chosen)
        self._last = ""
        self._loading = False

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.texts.again()
            if self._loading:
                self.set_loading()
            elif self.models:
                self.set_models(self.models, self.currentText())
        super().changeEvent(event)

    def set_loading(self) -> None:
        self._loading = True
        line = self.lineEdit()
        assert line is not None
        line.setPlaceholderText(self.tr("Loading models…"))

    def set_models(self, models: Sequence[ModelInfo], current: str) -> None:
        self._loading = False
        self.models = list(models)
        with QSignalBlocker(self):
            self.clear()
            reads, uses = self.tr("Reads images"), self.tr("Uses tools")
            for model in models:  # a badge for what a model is known to do; both in its tip
                known = [text for text, on in ((reads, model.vision), (uses, model.tools)) if on]
                badge = "eye" if model.vision else "wrench" if model.tools else ""
                if badge:
                    self.addItem(icon(badge), model.id)
                    self.setItemData(
                        self.count() - 1, " · ".join(known), Qt.ItemDataRole.ToolTipRole
                    )
                else:
                    self.addItem(model.id)
            self.setCurrentText(current or (models[0].id if models else ""))
        line = self.lineEdit()
        assert line is not None
        line.setPlaceholderText(self.tr("Type a model name"))
        self.setToolTip(self.tr("%n model(s)", "", len(self.models)))
        self._last = self.currentText().strip()

    def info(self, model_id: str) -> ModelInfo | None:
        return next((m for m in self.models if m.id == model_id), None)

    def _chosen(self) -> None:
        name = self.currentText().strip()
        if name and name != self._last:
            self._last = name
            self.model_chosen.emit(name)
