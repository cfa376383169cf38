"""Questionnaires: check an XLSForm, install it into a store, list what is installed."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from fieldapp.forms.model import Form
from fieldapp.forms.titles import title_in
from fieldapp.ops import files
from fieldapp.store import Store
from fieldapp.store import forms as forms_repo
from fieldapp.store.forms import FormRow

__all__ = ["FormCheck", "FormRow", "Installed", "check_form", "form_image", "get_form",
           "install_example_form", "install_form", "list_forms", "read_form", "simulate_form", "title_in"]


@dataclass(frozen=True)
class FormCheck:
    form: Form
    questions: int  # questions that hold an answer
    #: What form check says besides the verdict (``Message``s: repeats, locations, media ...).
    warnings: tuple = ()

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.form.languages)

    @property
    def runs_interviews(self) -> bool:
        """True: the interview runs every form the reader accepts (repeats too, issue #13)."""
        return True


def read_form(path: str | os.PathLike[str], media: str | os.PathLike[str] | None = None,
              require_attachments: bool = False) -> Form:
    """Read and check an XLSForm workbook; ``FormErrors`` lists every problem (sheet and row).

    ``media``: the folder of its attached files (default: beside the workbook)."""
    from fieldapp.forms.xlsform import read_xlsform

    folder = Path(media) if media is not None else None
    return read_xlsform(files.input_path(path), media=folder, require_attachments=require_attachments)


def check_form(path: str | os.PathLike[str], media: str | os.PathLike[str] | None = None) -> FormCheck:
    from fieldapp.forms.xlsform import form_warnings

    form = read_form(path, media)
    return FormCheck(form, sum(1 for q in form.questions() if q.holds_answer),
                     tuple(form_warnings(form)))


def simulate_form(form: Form, runs: int):
    """``form check --simulate N``: N random interviews through the form (a SimulationReport)."""
    from fieldapp.engine.simulate import simulate_form as walk

    return walk(form, runs)


@dataclass(frozen=True)
class Installed:
    form_id: str
    version: str
    title: str
    added: bool  # False: the identical version was already installed


def install_form(store: Store, source: str | os.PathLike[str] | Form) -> Installed:
    """Install a workbook (or an already read form); the same id and version with other content is refused."""
    form = source if isinstance(source, Form) else read_form(source, require_attachments=True)
    added = forms_repo.add_form(store, form)
    return Installed(form.form_id, form.version, form.title, added)


def install_example_form(store: Store) -> Installed:
    """The bundled reference questionnaire (the 2017 escapee survey, English and Korean)."""
    from fieldapp.resources import reference_questionnaire

    return install_form(store, Path(reference_questionnaire()))


def list_forms(store: Store) -> list[FormRow]:
    return forms_repo.list_forms(store)


def get_form(store: Store, form_id: str, version: str | None = None) -> Form:
    return forms_repo.get_form(store, form_id, version)


def form_image(store: Store, form: Form, name: str) -> bytes | None:
    """One of the form's images (a question's or a choice's, ``Form.media``), read from the
    store where it was installed with the form; None when the form has no such image."""
    if name not in form.media:
        return None
    return forms_repo.form_media_file(store, form.form_id, form.version, name)
