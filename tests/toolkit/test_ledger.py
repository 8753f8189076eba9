"""results/LEDGER.md: one line per claim showing its worst case; every case stays in the frame's `cases` column."""

from lmtheory.ledger import ledger_frame, ledger_markdown, worst_case


def case(label, value, verdict):
    return {"label": label, "value": value, "se": 0.1, "n": 10, "verdict": verdict, "reason": "r"}


def claim(cid, verdict, cases):
    return {
        "id": cid,
        "spec": "C1",
        "paper": "tree",
        "tag": "[P]",
        "kind": "measurement",
        "controls": ["positive", "negative"],
        "statement": "s",
        "expected": "e",
        "cases": cases,
        "verdict": verdict,
        "reason": "r",
    }


def test_the_worst_case_is_the_first_of_the_most_severe_verdict():
    cases = [case("a", 1.0, "PASS"), case("b", 2.0, "INCONCLUSIVE"), case("c", 3.0, "FAIL"), case("d", 4.0, "FAIL")]
    assert worst_case(cases) == "c: 3 ± 0.1 (n=10) (worst of 4 cases)"
    assert worst_case(cases[:1]) == "a: 1 ± 0.1 (n=10)"
    assert worst_case([]) == ""


def test_each_claim_is_one_line_of_the_markdown_with_every_case_in_the_frame():
    many = [case(f"k={k}", float(k), "PASS") for k in range(30)]
    frame = ledger_frame([claim("x.many", "PASS", many), claim("x.one", "FAIL", [case("only", 0.5, "FAIL")])])
    assert frame["cases"][0].count("; ") == 29
    rows = [line for line in ledger_markdown(frame, "default").splitlines() if line.startswith("| x.")]
    assert len(rows) == 2
    assert "k=0: 0 ± 0.1 (n=10) (worst of 30 cases)" in rows[0] and "k=1:" not in rows[0]
