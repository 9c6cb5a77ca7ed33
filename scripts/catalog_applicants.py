"""Write src/motcua/catalog/data/applicants.json: who may apply to each packaged procedure, in
the words of its page on the National Public Service Portal (`doi_tuong_thuc_hien` of the
crawled pages in shared/data/sources/chatbot_tthc/raw). `packaged.to_record` parses the words
(`portal.sections.parse_applicants`). Run again when the packaged catalog or the crawl changes:

    .venv/bin/python scripts/catalog_applicants.py [RAW_DIR]
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW = (
    Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/data/sources/chatbot_tthc/raw"
)
CATALOG = ROOT / "src/motcua/catalog/data/procedures.json"
OUT = ROOT / "src/motcua/catalog/data/applicants.json"


def main() -> None:
    pages = {}
    for path in sorted(RAW.glob("*/*.json")):
        page = json.loads(path.read_text("utf-8"))
        pages[page.get("ma_thu_tuc") or path.stem] = page
    codes = [p["code"] for p in json.loads(CATALOG.read_text("utf-8"))["procedures"]]
    found = {
        code: pages[code]["doi_tuong_thuc_hien"]
        for code in codes
        if code in pages and pages[code].get("doi_tuong_thuc_hien")
    }
    body = {"source": "National Public Service Portal, doi_tuong_thuc_hien", "applicants": found}
    OUT.write_text(json.dumps(body, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"{len(found)} of {len(codes)} procedures: {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
