"""The coding notebook's review view in a real browser: JupyterLab on a free local port, the
distribution's headless Chromium driven by Selenium. The test runs notebook 02 on a small
synthetic project, decides by keys (accept, reject, a digit, a memo, previous) and reads the
decisions back from the project store. It skips, saying why, when Chromium, chromedriver,
Selenium or JupyterLab is absent.
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--window-size=1400,1000")
NOTEBOOK = "02_code_and_review.ipynb"
REVIEWER = "browser-reviewer"
TOKEN = "evaltoolkit-browser-test"
RUN_TIMEOUT = 300  # seconds for the whole notebook on the small project (kernel start included)

pytestmark = pytest.mark.slow


def _missing() -> str | None:
    for path in (CHROMIUM, CHROMEDRIVER):
        if not path.exists():
            return f"{path} is not installed (Debian packages chromium and chromium-driver; make test installs them as root)"
    for module, package in (("selenium", "selenium (the dev extra)"), ("jupyterlab", "jupyterlab")):
        if importlib.util.find_spec(module) is None:
            return f"{package} is not installed"
    return None


if _missing():
    pytest.skip(_missing(), allow_module_level=True)


def _coding_conftest():
    path = REPO_ROOT / "tests" / "coding" / "conftest.py"
    spec = importlib.util.spec_from_file_location("evaltoolkit_coding_conftest", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture()
def project(tmp_path):
    """The demo configuration and codebook over a store of 40 synthetic segments
    (tests/data/coding), and notebook 02 with its parameters injected as papermill would."""
    import nbformat
    import pandas as pd

    from evaltoolkit.store import open_project_store

    root = tmp_path / "project"
    (root / "codebooks").mkdir(parents=True)
    shutil.copy2(REPO_ROOT / "evaltoolkit.yaml", root / "evaltoolkit.yaml")
    shutil.copy2(REPO_ROOT / "codebooks" / "community_sponsorship.yaml", root / "codebooks")
    segments = pd.read_csv(REPO_ROOT / "tests" / "data" / "coding" / "segments.csv", dtype=str,
                           keep_default_na=False).replace("", None)
    store = open_project_store(f"sqlite:///{root / 'data' / 'pseudonymised' / 'project.sqlite'}")
    _coding_conftest().fill_store(store, segments)
    store.dispose()
    notebook = nbformat.read(REPO_ROOT / "notebooks" / NOTEBOOK, as_version=4)
    values = {"project_dir": str(root), "reviewer": REVIEWER, "learn": False}
    injected = nbformat.v4.new_code_cell("\n".join(f"{name} = {value!r}" for name, value in values.items()),
                                         metadata={"tags": ["injected-parameters"]})   # as papermill injects them
    at = next(i for i, cell in enumerate(notebook.cells) if "parameters" in cell.metadata.get("tags", []))
    notebook.cells.insert(at + 1, injected)
    (root / "notebooks").mkdir()
    nbformat.write(notebook, root / "notebooks" / NOTEBOOK)
    return root


@pytest.fixture()
def jupyterlab(project, tmp_path):
    """JupyterLab serving the project's notebooks on a free local port: its base URL."""
    port = _free_port()
    home = tmp_path / "jupyter-home"
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
           "JUPYTER_DATA_DIR": str(home / "data"), "IPYTHONDIR": str(home / "ipython"),
           "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"), "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT / "src"), os.environ.get("PYTHONPATH")]))}
    log = (tmp_path / "jupyterlab.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={project / 'notebooks'}",
         "--LabApp.expose_app_in_browser=True", "--ServerApp.port_retries=0",
         # offline: no update check, no extension manager asking PyPI
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate", "--LabApp.extension_manager=readonly",
         *(["--allow-root"] if os.geteuid() == 0 else [])],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=5):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not start on port {port}; see {tmp_path / 'jupyterlab.log'}")
                time.sleep(0.5)
        yield base
    finally:
        _stop(server)
        log.close()


def _stop(server: subprocess.Popen) -> None:
    """Stop the server and the kernels it started (its own process group)."""
    for sig, wait in ((signal.SIGTERM, 20), (signal.SIGKILL, 5)):
        try:
            os.killpg(server.pid, sig)
        except ProcessLookupError:
            return
        try:
            server.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


@pytest.fixture()
def browser(tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'chromium-profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def _wait(driver, condition, what: str, timeout: float = 60):
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        return WebDriverWait(driver, timeout, poll_frequency=0.25).until(lambda d: condition(d))
    except TimeoutException:
        status = _text(driver, ".etk-review .etk-status")   # code and segment ids only, never text
        pytest.fail(f"Timed out after {timeout} s waiting for {what} (the view says: {status!r}).")


def _text(driver, selector: str) -> str:
    return driver.execute_script(
        "const e = document.querySelector(arguments[0]); return e ? e.textContent : null;", selector)


def _press(driver, *keys) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).send_keys(*keys).perform()


def _cell_count(driver) -> int:
    # from the notebook's model: the page renders only the cells in view
    return driver.execute_script("return window.jupyterapp.shell.currentWidget.content.model.cells.length")


def test_review_by_keys_in_jupyterlab_writes_decisions_to_the_store(project, jupyterlab, browser):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    from evaltoolkit.store import open_project_store

    browser.get(f"{jupyterlab}/lab/tree/{NOTEBOOK}?token={TOKEN}")
    _wait(browser, lambda d: d.execute_script(
        "const app = window.jupyterapp; const panel = app && app.shell.currentWidget;"
        "return !!(panel && panel.sessionContext && panel.sessionContext.session"
        " && panel.sessionContext.session.kernel && panel.content.widgets.length);"),
        "JupyterLab to open the notebook and start its kernel", timeout=120)
    cells = _cell_count(browser)
    browser.execute_script("window.jupyterapp.commands.execute('notebook:run-all-cells');")
    _wait(browser, lambda d: _text(d, ".etk-review .etk-head"), "the review view (notebook 02 run to its cell)",
          timeout=RUN_TIMEOUT)
    total = int(_text(browser, ".etk-review .etk-head").split("/")[1].split()[0])
    assert total >= 3

    browser.find_element(By.CSS_SELECTOR, ".etk-review .etk-item").click()
    first = _text(browser, ".etk-review .etk-head").split()[1]
    _press(browser, "a")
    _wait(browser, lambda d: "accepted for" in (_text(d, ".etk-review .etk-status") or ""), "the accept key")
    assert _text(browser, ".etk-review .etk-head").startswith(f"2/{total}")
    second = _text(browser, ".etk-review .etk-head").split()[1]
    _press(browser, "r")
    _wait(browser, lambda d: "rejected for" in (_text(d, ".etk-review .etk-status") or ""), "the reject key")
    _press(browser, Keys.ARROW_LEFT)
    _wait(browser, lambda d: (_text(d, ".etk-review .etk-head") or "").startswith(f"2/{total}"), "the previous key")
    _press(browser, "m")
    _press(browser, "komt in meer interviews terug")
    assert browser.execute_script("return document.activeElement.className") == "etk-memo"
    ActionChains(browser).key_down(Keys.CONTROL).send_keys(Keys.ENTER).key_up(Keys.CONTROL).perform()
    _wait(browser, lambda d: (_text(d, ".etk-review .etk-status") or "").startswith("Memo memo-"), "the memo")
    choices = browser.find_elements(By.CSS_SELECTOR, ".etk-review .etk-choices li")
    plain = next(li for li in choices if "etk-suggested" not in (li.get_attribute("class") or ""))
    hand_coded, number = plain.get_attribute("data-code"), plain.text.split()[0]
    _press(browser, number)
    _wait(browser, lambda d: f"{hand_coded} added to" in (_text(d, ".etk-review .etk-status") or ""), "a digit key")

    _press(browser, "b", "d", "d")   # keys the view does not use: in the notebook, a new cell and a deleted one
    # the notebook's own shortcuts (a and b insert a cell, d d deletes one, m makes it markdown) stayed off
    assert _cell_count(browser) == cells
    store = open_project_store(f"sqlite:///{project / 'data' / 'pseudonymised' / 'project.sqlite'}")
    try:
        decided = store.read("codings", where={"coder": REVIEWER})
        memos = store.read("memos", where={"author": REVIEWER})
    finally:
        store.dispose()
    by_segment = {(row.segment_id, row.status, row.source) for row in decided.itertuples()}
    assert (first, "accepted", "rule") in by_segment
    assert (second, "rejected", "rule") in by_segment
    assert (second, "accepted", "manual") in by_segment and hand_coded in set(decided["code_id"])
    assert len(decided) == 3
    assert memos[["target_id", "text"]].values.tolist() == [[second, "komt in meer interviews terug"]]
