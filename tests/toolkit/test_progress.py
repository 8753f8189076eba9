"""Progress lines: the first and the last always, in between at most one per interval, with rate and time left."""

from lmtheory.progress import Progress


def test_lines_at_the_first_and_last_step_and_none_in_between_within_the_interval():
    lines = []
    progress = Progress(lines.append, "step", 100, unit="step", interval=3600)
    for done in range(1, 101):
        progress(done, f"loss {done}")
    assert len(lines) == 2
    assert lines[0].startswith("step 1/100 [") and lines[0].endswith("step/s] loss 1")
    assert lines[1].startswith("step 100/100 [") and "<00:00" in lines[1]


def test_a_line_per_step_when_the_interval_is_zero():
    lines = []
    progress = Progress(lines.append, "position", 5, interval=0)
    for done in range(1, 6):
        progress(done)
    assert [line.split(" [")[0] for line in lines] == [f"position {i}/5" for i in range(1, 6)]
