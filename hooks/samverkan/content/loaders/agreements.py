"""Agreements: `docs/overenskommelser/<slug>.md`."""

from __future__ import annotations

from pathlib import Path

from samverkan.content import fields as f
from samverkan.content.model import Agreement, AgreementType, Source
from samverkan.problems import Problem, did_you_mean
from samverkan.content.loaders.common import file_slugs, markdown_records

AGREEMENT_DIR = "docs/overenskommelser"
ALL_GROUPS = "alla"


def _review(raw, where: f.Located):
    if str(raw).strip().lower() in ("årligen", "arligen"):
        return "årligen"
    try:
        return f.parse_date(raw)
    except f.FieldError:
        raise f.FieldError("ogiltig omprövning", raw, "ett datum ÅÅÅÅ-MM-DD eller ordet årligen") from None


AGREEMENT_FIELDS = (
    f.Field("titel", f.text, required=True),
    f.Field("typ", f.choice([t.value for t in AgreementType]), required=True),
    f.Field("parter", f.list_of(f.text), default=()),
    f.Field("grupper", f.list_of(f.slug), default=()),
    f.Field("beslutad", f.a_date),
    f.Field("beslutad_av", f.text),
    f.Field("giltig_från", f.a_date),
    f.Field("giltig_till", f.a_date),
    f.Field("omprövas", _review),
    f.Field("ersätter", f.slug),
    f.Field("diarienummer", f.text),
)


def load_agreements(root: Path, group_slugs: set[str], problems: list[Problem]) -> list[Agreement]:
    agreements: list[Agreement] = []
    all_slugs = file_slugs(root, AGREEMENT_DIR)
    for record in markdown_records(root, AGREEMENT_DIR, AGREEMENT_FIELDS, problems):
        values, lines, rel = record.values, record.lines, record.rel
        local: list[Problem] = []
        start, end = values["giltig_från"], values["giltig_till"]
        if start and end and start is not f.MISSING and end is not f.MISSING and end < start:
            local.append(
                Problem(rel, lines.get("giltig_till"), "giltig_till", "giltighetstiden slutar innan den börjar",
                        end.isoformat(), f"ett datum efter giltig_från ({start.isoformat()})")
            )
        for group in values["grupper"] if values["grupper"] is not f.MISSING else ():
            if group != ALL_GROUPS and group not in group_slugs:
                local.append(
                    Problem(rel, lines.get("grupper"), "grupper", "okänd grupp", group,
                            "namnet på en fil i docs/grupper/ utan .md, eller alla",
                            did_you_mean(group, sorted(group_slugs | {ALL_GROUPS})))
                )
        problems.extend(local)
        if local or not record.complete:
            continue
        review = values["omprövas"]
        agreements.append(
            Agreement(
                slug=record.slug,
                title=values["titel"],
                type=AgreementType(values["typ"]),
                source=Source(rel, record.source.body_line, lines),
                parties=values["parter"],
                groups=values["grupper"],
                decided=values["beslutad"],
                decided_by=values["beslutad_av"],
                valid_from=start,
                valid_to=end,
                review=review if review != "årligen" else None,
                review_yearly=review == "årligen",
                replaces=values["ersätter"],
                reference=values["diarienummer"],
                body=record.source.body,
            )
        )
    for agreement in agreements:
        if agreement.replaces and agreement.replaces not in all_slugs:
            problems.append(
                Problem(agreement.source.path, agreement.source.line("ersätter"), "ersätter", "okänd överenskommelse",
                        agreement.replaces, f"namnet på en fil i {AGREEMENT_DIR}/ utan .md",
                        did_you_mean(agreement.replaces, sorted(all_slugs)))
            )
        elif agreement.replaces == agreement.slug:
            problems.append(Problem(agreement.source.path, agreement.source.line("ersätter"), "ersätter",
                                    "en överenskommelse kan inte ersätta sig själv"))
    return agreements
