"""core.gc_pause: the collector is off while any run is inside, and left as it was found."""
import gc
import threading

from ecospace.core import gc_pause


def test_paused_then_restored():
    assert gc.isenabled()
    with gc_pause.paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_restored_after_an_error():
    try:
        with gc_pause.paused():
            raise ValueError("boom")
    except ValueError:
        pass
    assert gc.isenabled()


def test_overlapping_runs_keep_it_off_until_the_last_leaves():
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen = {}

    def second():
        first_in.wait()
        with gc_pause.paused():
            second_in.set()
            first_out.wait()
            seen["after first left"] = gc.isenabled()

    worker = threading.Thread(target=second)
    worker.start()
    with gc_pause.paused():
        first_in.set()
        second_in.wait()
    first_out.set()
    worker.join()
    assert seen["after first left"] is False
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off():
    gc.disable()
    try:
        with gc_pause.paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
