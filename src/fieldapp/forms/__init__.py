"""XLSForm workbooks in, immutable Form models out (``fieldapp.forms.model``)."""

from fieldapp.forms.model import Choice, ChoiceList, Form, Group, Question

__all__ = ["Choice", "ChoiceList", "Form", "Group", "Question"]
