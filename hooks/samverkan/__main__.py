"""The one command line of Samverkanstorget: `python -m samverkan KOMMANDO`.

Built as MkDocs's own entry is: one program, a subcommand for each task, help
on each (`--help`), in Swedish because editors read it. Exit codes scripts can
rely on: 0 done, 1 the content has problems (or nothing was created), 2 the
command was written wrong. The Makefile's targets call these.
"""

from __future__ import annotations

import argparse
import sys

# argparse's own words, for the help and errors an editor sees.
_SWEDISH = {
    "usage: ": "användning: ",
    "positional arguments": "värden",
    "options": "val",
    "show this help message and exit": "visa den här hjälpen och avsluta",
    "the following arguments are required: %s": "det saknas: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "okänt val %(value)r (välj bland %(choices)s)",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fel: %(message)s\n",
    "unrecognized arguments: %s": "okända värden: %s",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "expected one argument": "väntade ett värde",
}


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)


def parser() -> argparse.ArgumentParser:
    argparse._ = lambda text: _SWEDISH.get(text, text)  # argparse looks its words up at call time
    main = _Parser(prog="python -m samverkan", description="Samverkanstorgets verktyg för redaktörer och förvaltare.")
    commands = main.add_subparsers(dest="kommando", required=True, metavar="KOMMANDO", parser_class=_Parser)
    check = commands.add_parser(
        "check", help="kontrollera allt innehåll utan att bygga webbplatsen (make check)",
        description="Kontrollerar allt innehåll med samma meddelanden som bygget. Avslutas med 1 om något är fel.")
    check.add_argument("mapp", nargs="?", default=".", help="webbplatsens mapp, där mkdocs.yml finns (standard: .)")
    check.add_argument("--json", action="store_true", help="problemen som JSON (för redigeringsverktyget)")
    check.add_argument("--redaktor", action="store_true",
                       help="kontrollera varje mapp som står på en rad i standard in (redigeringsverktygets server)")
    owners = commands.add_parser(
        "kodagare", help="skriv git-tjänstens fil över kodägare från gruppernas redaktörer (make kodagare)",
        description="Skriver .github/CODEOWNERS från fältet redaktörer i grupperna.")
    owners.add_argument("mapp", nargs="?", default=".", help="webbplatsens mapp (standard: .)")
    new = commands.add_parser(
        "ny", help="skapa en ny fil från en mall, aldrig över en befintlig (make ny-…)",
        description="Skapar en ny fil, ifylld från det webbplatsen vet:\n"
        "  python -m samverkan ny minnesanteckning GRUPP DATUM\n"
        "  python -m samverkan ny handelse GRUPP DATUM [TID]\n"
        "  python -m samverkan ny grupp SLUG NAMN TYP")
    new.add_argument("typ", choices=["minnesanteckning", "handelse", "grupp"], help="vad som skapas")
    new.add_argument("uppgifter", nargs="*", help="grupp, datum och tid, eller slug, namn och typ")
    imported = commands.add_parser(
        "import", help="importera ett dokument från den gamla webbplatsen (make import)",
        description="Gör en innehållsfil av ett dokument från den gamla webbplatsen, för granskning.")
    imported.add_argument("fil", help="textfil, PDF eller Word-fil")
    imported.add_argument("typ", choices=["dokument", "minnesanteckning", "nyhet"], help="vad filen blir")
    imported.add_argument("grupp", nargs="?", help="gruppen det gäller")
    imported.add_argument("datum", nargs="?", help="datumet, ÅÅÅÅ-MM-DD")
    links = commands.add_parser(
        "lankar", help="lista den byggda webbplatsens externa länkar (make lankar)",
        description="Listar länkarna till andra webbplatser och sidorna de står på.")
    links.add_argument("mapp", nargs="?", default="site", help="den byggda webbplatsen (standard: site)")
    links.add_argument("--kontrollera", action="store_true", help="fråga också varje adress om den svarar")
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    # Each command imports only what it needs: `check` should not wait for the link report's modules.
    if args.kommando in ("check", "kodagare"):
        from samverkan.commands import check

        if getattr(args, "redaktor", False):
            return check.serve_checks()
        return check.run(args.mapp, write_owners=args.kommando == "kodagare", as_json=getattr(args, "json", False))
    if args.kommando == "ny":
        from samverkan.commands import new

        return new.run(args.typ, args.uppgifter)
    if args.kommando == "import":
        from samverkan.commands import import_document

        return import_document.run(args.fil, args.typ, args.grupp, args.datum)
    from samverkan.commands import links

    return links.run(args.mapp, check=args.kontrollera)


if __name__ == "__main__":
    sys.exit(main())
