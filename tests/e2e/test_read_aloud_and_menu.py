"""语音朗读 of a document and the phone menu, as a reader uses them (issue 13).

Speech synthesis is checked by its calls: an init script replaces window.speechSynthesis with a recorder
(speak/pause/resume/cancel) and lets the test end the current utterance (its onboundary, then onend), as the
browser does when it has spoken it.
"""

from __future__ import annotations

from a11y_helpers import CATALOG, HOME, TABLE_DOC, axe_report, tab_to
from playwright.sync_api import Page, expect

SPEECH_STUB = """
(() => {
  const calls = [];
  const utterances = [];
  const synth = {
    speaking: false, paused: false, pending: false,
    speak(u) { calls.push(['speak', u.text, u.lang]); utterances.push(u); this.speaking = true; },
    pause() { calls.push(['pause']); this.paused = true; },
    resume() { calls.push(['resume']); this.paused = false; },
    cancel() { calls.push(['cancel']); this.speaking = false; },
    getVoices() { return []; },
    addEventListener() {}, removeEventListener() {},
  };
  Object.defineProperty(window, 'speechSynthesis', {value: synth, configurable: true});
  window.SpeechSynthesisUtterance = function (text) { this.text = text; this.lang = ''; };
  window.__speech = {
    calls,
    finish(n) {  // the n-th utterance (default: the last) has been spoken
      const u = utterances[n === undefined ? utterances.length - 1 : n];
      if (u.onboundary) u.onboundary({name: 'sentence', charIndex: u.text.length});
      if (u.onend) u.onend({});
    },
  };
})();
"""

NO_SPEECH = "Object.defineProperty(window, 'speechSynthesis', {value: undefined, configurable: true});"

TITLE = "示例省人民政府办公厅关于印发2025年示例省政务公开工作要点的通知"
SENTENCES = [
    TITLE,
    "各地级以上市人民政府，省政府各部门、各直属机构：",
    "《2025年示例省政务公开工作要点》已经省人民政府同意，现印发给你们，请认真贯彻落实。",
    "示例省人民政府办公厅",
    "2025年2月24日",
    "2025年示例省政务公开工作要点",
    "2025年全省政务公开工作要以公开促落实、以公开强监管、以公开优服务，持续提升政务公开标准化规范化水平。",
    "自2009年印发全省政务公开工作要点以来，我省已连续多年以年度要点形式部署政务公开工作。",  # across a link
]


def calls(page: Page) -> list[list[str]]:
    return list(page.evaluate("window.__speech.calls"))


def spoken(page: Page) -> list[str]:
    return [c[1] for c in calls(page) if c[0] == "speak"]


def highlighted(page: Page) -> str:
    return str(page.evaluate(
        "[...document.querySelectorAll('.read-sentence.is-reading')].map(s => s.textContent).join('')"))


def test_read_aloud_speaks_each_sentence_highlights_it_and_pauses_resumes_and_stops(
        page: Page, served: str) -> None:
    page.add_init_script(SPEECH_STUB)
    requests: list[str] = []
    page.goto(served + TABLE_DOC)
    page.on("request", lambda request: requests.append(f"{request.method} {request.url}"))
    bar = page.locator("[data-read-aloud]")
    expect(bar).to_be_visible()
    tab_to(page, "[data-read-play]")
    page.keyboard.press("Enter")
    assert calls(page) == [["cancel"], ["speak", TITLE, "zh-CN"]]
    assert highlighted(page) == TITLE
    for n in range(1, len(SENTENCES)):
        page.evaluate("window.__speech.finish()")
        assert spoken(page) == SENTENCES[:n + 1]
        assert highlighted(page).strip() == SENTENCES[n]
    assert page.locator(".read-sentence.is-reading").count() == 3  # the sentence with a link: three pieces

    pause = page.locator("[data-read-pause]")
    tab_to(page, "[data-read-pause]")
    page.keyboard.press("Space")
    assert calls(page)[-1] == ["pause"]
    expect(pause).to_have_text("继续")
    expect(page.locator("[data-read-status]")).to_have_text("已暂停")
    page.keyboard.press("Enter")
    assert calls(page)[-1] == ["resume"]
    expect(pause).to_have_text("暂停")

    tab_to(page, "[data-read-stop]")
    page.keyboard.press("Enter")
    assert calls(page)[-1] == ["cancel"]
    assert page.locator(".read-sentence.is-reading").count() == 0
    expect(page.locator("[data-read-stop]")).to_be_hidden()
    assert page.evaluate("document.activeElement.matches('[data-read-play]')")
    before = len(spoken(page))
    page.evaluate("window.__speech.finish()")  # the cancelled utterance ends late: nothing more is spoken
    assert len(spoken(page)) == before
    # nothing sent anywhere: no request leaves the host, none sends anything (the favicon may still load)
    assert [r for r in requests if not r.startswith(f"GET {served}") or "?" in r] == [], requests


def test_sentences_end_at_punctuation_line_breaks_and_blocks(page: Page, served: str) -> None:
    page.add_init_script(SPEECH_STUB)
    page.goto(served + TABLE_DOC)
    page.evaluate("""document.querySelector('.document-body').insertAdjacentHTML('afterbegin',
        '<p>第一行<br>第二行，<strong>加粗</strong>部分；“引号内的句子！”之后?? 最后</p><ul><li>列表项</li></ul>')""")
    page.locator("[data-read-play]").click()
    for _ in range(6):
        page.evaluate("window.__speech.finish()")
    assert spoken(page)[1:7] == ["第一行", "第二行，加粗部分；", "“引号内的句子！”", "之后??", "最后", "列表项"]


def test_read_aloud_runs_to_the_end_and_starts_again(page: Page, served: str) -> None:
    page.add_init_script(SPEECH_STUB)
    page.goto(served + "interpretations/2025/zhengwu-gongkai-yaodian-2025-jiedu/")
    page.locator("[data-read-play]").click()
    for _ in range(500):
        if page.locator("[data-read-stop]").is_hidden():
            break
        page.evaluate("window.__speech.finish()")
    expect(page.locator("[data-read-status]")).to_have_text("朗读结束")
    texts = spoken(page)
    assert len(texts) > 10 and all(t.strip() for t in texts)
    assert highlighted(page) == ""
    page.locator("[data-read-play]").click()
    assert spoken(page)[-1] == texts[0]


def test_read_aloud_is_checked_by_axe_while_reading(page: Page, served: str) -> None:
    page.add_init_script(SPEECH_STUB)
    page.goto(served)
    page.evaluate("localStorage.setItem('govsite-a11y', JSON.stringify({contrast: true}))")
    for contrast in (True, False):
        if not contrast:
            page.evaluate("localStorage.clear()")
        page.goto(served + TABLE_DOC)
        page.locator("[data-read-play]").click()
        page.evaluate("window.__speech.finish()")
        count, report = axe_report(page)
        assert count == 0, report


def test_read_aloud_shows_only_on_documents_and_only_with_speech_synthesis(page: Page, served: str) -> None:
    page.add_init_script(SPEECH_STUB)
    page.goto(served + CATALOG)
    assert page.locator("[data-read-aloud]").count() == 0
    page.goto(served + TABLE_DOC)
    expect(page.locator("[data-read-aloud]")).to_be_visible()
    other = page.context.new_page()
    other.add_init_script(NO_SPEECH)
    other.goto(served + TABLE_DOC)
    expect(other.locator("main h1")).to_be_visible()
    expect(other.locator("[data-read-aloud]")).to_be_hidden()
    other.close()


def phone(page: Page) -> None:
    page.set_viewport_size({"width": 375, "height": 667})


def test_on_a_phone_the_navigation_folds_into_a_menu_button(page: Page, served: str) -> None:
    phone(page)
    page.goto(served)
    toggle = page.locator("[data-nav-toggle]")
    links = page.locator("#main-nav-list a")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-controls", "main-nav-list")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(links.first).to_be_hidden()
    nav_box = page.locator("nav.main-nav").bounding_box()
    assert nav_box and nav_box["height"] < 80  # a bar, not half the first screen
    main_top = page.evaluate("document.querySelector('main').getBoundingClientRect().top")
    assert main_top < 667 * 0.4, main_top

    toggle.click()  # the mouse
    expect(toggle).to_have_attribute("aria-expanded", "true")
    for link in links.all():
        expect(link).to_be_visible()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(links.first).to_be_hidden()

    page.goto(served)
    tab_to(page, "[data-nav-toggle]")  # the keyboard, from the top of the page
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "首页"
    tab_to(page, "#main-nav-list a[href$='/catalog/']")
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    assert page.evaluate("document.activeElement.matches('[data-nav-toggle]')")
    page.keyboard.press("Space")
    tab_to(page, "#main-nav-list a[href$='/catalog/']")
    page.keyboard.press("Enter")
    expect(page).to_have_url(served + CATALOG)
    expect(page.locator("[data-nav-toggle]")).to_have_attribute("aria-expanded", "false")  # closed on a new page


def test_on_a_wide_screen_the_navigation_shows_without_a_menu_button(page: Page, served: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(served)
    expect(page.locator("[data-nav-toggle]")).to_be_hidden()
    for link in page.locator("#main-nav-list a").all():
        expect(link).to_be_visible()


def test_no_accessibility_violations_with_the_phone_menu_open(page: Page, served: str) -> None:
    phone(page)
    for path in (HOME, TABLE_DOC):
        page.goto(served + path)
        page.locator("[data-nav-toggle]").click()
        expect(page.locator("#main-nav-list a").first).to_be_visible()
        count, report = axe_report(page)
        assert count == 0, f"{path}:\n{report}"
