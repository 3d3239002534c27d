"""Form fields and helpers shared by more than one blueprint's forms (public and staff)."""
from __future__ import annotations

from wtforms import DateField, SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length
from wtforms.widgets import CheckboxInput, ListWidget


def options(pairs) -> list[SelectChoice]:
    """(value, label) pairs → choices, in order."""
    return [SelectChoice(value, label) for value, label in pairs]


def limit(what: str, most: int) -> Length:
    return Length(max=most, message=f"{what} must be {most} characters or fewer")


class ClearDateField(DateField):
    """A date field whose error for an unreadable date says what to type."""

    def __init__(self, label: str, *, example: str, **kwargs):
        super().__init__(label, render_kw={"placeholder": "YYYY-MM-DD", **kwargs.pop("render_kw", {})}, **kwargs)
        self.example = example

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(f"{self.label.text.replace(' (optional)', '')} must be a real date written "
                             f"YYYY-MM-DD, for example {self.example}") from None


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()
