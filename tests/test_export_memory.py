"""The translation memory of a translated article (its XLIFF, else aligned with its English) and the leverage of the
current English against it: exact, fuzzy, new."""

from __future__ import annotations

import time
from functools import cache

import pytest

from locdocs.export.leverage import leverage
from locdocs.export.memory import (
    DEFAULT_THRESHOLD,
    MemoryEntry,
    TranslationMemory,
    aligned_entries,
    collapse,
    memory_from_alignment,
    memory_from_xliff,
    similarity,
    translation_memory,
)
from locdocs.export.segmenter import segment_article
from locdocs.export.units import ExportUnit, Match
from locdocs.normalize import normalize_bytes
from locdocs.xliff import TransUnit, read_xliff, to_xliff
from shared_data import SEEDS

SWEDISH = "000_e686edcd3c8b43e2.txt"  # from the 2017-08 English, no spans
DUTCH_2018 = "001_bfce40a1323c09cc.txt"  # from the 2018-05 English, spans, every "translation" still English
CHINESE = "002_e155a59c93feb457.txt"  # from the 2018-05 English, no spans
DUTCH_2017 = "003_ceff8272707b582a.txt"  # from the 2017-03 English, spans, mojibake
FRENCH = "004_4117f1128ac95ed3.txt"  # from the 2017-03 English, no spans
SUPPORT = "https://portal.azure.com/#blade/Microsoft_Azure_Support/HelpAndSupportBlade"


@cache
def english(revision: str) -> str:
    return (SEEDS / "en" / f"{revision}.md").read_text(encoding="utf-8")


@cache
def ingested(name: str) -> tuple[str, tuple[TransUnit, ...]]:
    """The clean article and the XLIFF units of a seed handoff, as ``locdocs ingest`` writes them."""
    result = normalize_bytes((SEEDS / name).read_bytes(), keep_bom=False, with_segments=True)
    data = to_xliff(result.segments, original="billing.md", target_language=str(result.metadata["ms.contentlocale"]),
                    properties=result.metadata)
    return result.text, tuple(read_xliff(data)[1])


def pairs(memory: TranslationMemory) -> dict[str, str]:
    """Body source -> translation (the first, as the memory's exact lookup gives)."""
    found: dict[str, str] = {}
    for entry in memory:
        if entry.key is None:
            found.setdefault(collapse(entry.source), entry.target)
    return found


def by_text(units: list[ExportUnit]) -> dict[str, ExportUnit]:
    return {collapse(unit.segment.text): unit for unit in units}


# The Dutch 2017-03 handoff: Microsoft's segment pairs


@pytest.mark.shared
def test_dutch_xliff_carries_every_identically_segmented_sentence_of_its_english():
    text, units = ingested(DUTCH_2017)
    memory = translation_memory(text, english("2017-03-28"), units)
    microsoft = {collapse(unit.source): unit.target for unit in units}
    assert len(microsoft) == 21 and not any(unit.untranslated for unit in units)
    result = leverage(segment_article(english("2017-03-28")), memory)
    identical = [unit for unit in result if collapse(unit.segment.text) in microsoft]
    assert len(identical) >= 20  # the bold paragraph of two sentences is one segment for Microsoft
    for unit in identical:
        assert unit.match is Match.EXACT and unit.target == microsoft[collapse(unit.segment.text)], unit
    deleted = by_text(result)["Your Azure data is deleted 90 days after the service is terminated."]
    assert "beëindigd" in str(deleted.target)  # the mojibake repaired
    # Whatever else our segmenter offers: a sentence of a Microsoft segment (split from its pair), or front matter.
    assert all(unit.match is Match.EXACT for unit in result)
    for unit in result:
        if unit not in identical and unit.segment.key is None:
            assert any(str(unit.target) in target for target in microsoft.values()), unit
    assert result[0].segment.key == "title" and result[0].target == "Uitstaand saldo e-mail via Azure | Microsoft Docs"


# The sentences of the 2018-05 English, by hand from `diff en/2017-03-28.md en/2018-05-11.md`: reworded, and the
# 2017-03 sentence each was.
REWORDED_2018 = {
    "Resolve past due balance for your Azure subscription after getting an email from Azure":
        "Resolve past due balance for your Azure subscription",
    "If your payment isn't received or if we can't process your payment, you might get an email or see an alert in "
    "the Account Center or Azure portal.":
        "If your payment isn't received or we can't process your payment, you might get an email or see an alert in "
        "the [Azure Account Center](https://account.windowsazure.com) or the [Azure portal](https://portal.azure.com).",
    f"If you know your payment has been processed but your subscription is still disabled, contact [Azure Support]"
    f"({SUPPORT}).":
        "If you know your payment has been processed but your subscription is still disabled, see [Reactivate "
        "disabled Azure subscription](billing-subscription-become-disable.md).",
    "If I forget to pay, what happens?": "If you forget to pay, what happens?",
}


@pytest.mark.shared
def test_dutch_2017_against_the_2018_english_unchanged_sentences_exact_reworded_fuzzy():
    text, units = ingested(DUTCH_2017)
    memory = translation_memory(text, english("2017-03-28"), units)
    microsoft = {collapse(unit.source): unit.target for unit in units}
    old_lines = set(english("2017-03-28").splitlines())
    result = leverage(segment_article(english("2018-05-11")), memory)
    exact = []
    for unit in result:
        sentence = collapse(unit.segment.text)
        if sentence in REWORDED_2018:
            old = REWORDED_2018[sentence]
            assert unit.match is Match.FUZZY and unit.previous_source == old and unit.target == microsoft[old], unit
            assert unit.similarity is not None and DEFAULT_THRESHOLD <= unit.similarity < 1
        elif unit.segment.key is not None:  # title and description: the same in both revisions
            assert unit.match is Match.EXACT and f"{unit.segment.key}: {unit.segment.text}" in old_lines
        elif sentence in microsoft:  # unchanged and one Microsoft segment: on a line the 2017-03 English has too
            assert any(unit.segment.text in line for line in old_lines)
            assert unit.match is Match.EXACT and unit.target == microsoft[sentence], unit
            exact.append(sentence)
        elif not any(sentence in source for source in microsoft):
            assert unit.match is not Match.EXACT, unit
    # By hand from the diff: 13 sentences of the 2018-05 English are on lines of the 2017-03 one as they were.
    assert len(exact) == 13
    assert [unit.id for unit in result] == [str(number) for number in range(1, len(result) + 1)]


@pytest.mark.shared
def test_dutch_2018_english_translations_give_no_exact_unit():
    text, units = ingested(DUTCH_2018)
    assert units and all(unit.untranslated for unit in units)
    assert len(memory_from_xliff(units, text)) == 0
    assert len(translation_memory(text, english("2018-05-11"), units)) == 0
    assert len(memory_from_alignment(text, english("2018-05-11"))) == 0
    result = leverage(segment_article(english("2018-05-11")), translation_memory(text, english("2018-05-11"), units))
    assert result and all(unit.match is Match.NEW for unit in result)


# Alignment of the seeds without spans with the English they were made from


@pytest.mark.shared
def test_swedish_aligned_sentence_by_sentence():
    text, units = ingested(SWEDISH)
    assert not units
    memory = memory_from_alignment(text, english("2017-08-30"))
    assert len(memory) == len(segment_article(english("2017-08-30"))) >= 26
    found = pairs(memory)
    assert found["Resolve the past due balance"] == "Lös tidigare förfaller saldo"
    assert found[f"If you need help, contact [Azure Support]({SUPPORT})."] == \
        f"Om du behöver hjälp kan du kontakta [Azure-supporten]({SUPPORT})."
    # A paragraph of three sentences, each with its own.
    assert found["If you're the Account Administrator, [check what email address is used for notifications]"
                 "(billing-how-to-change-azure-account-profile.md)."] == (
        "Om du är kontoadministratör, [Kontrollera vilken e-postadress används för meddelanden]"
        "(billing-how-to-change-azure-account-profile.md).")
    assert found["We recommend that you use an email address that you check regularly."] == \
        "Vi rekommenderar att du använder en e-postadress som du regelbundet kontrollera."
    assert found["If the email is right, check your spam folder."] == \
        "Om e-postmeddelandet är rätt, kontrollera mappen Skräppost."
    # A heading of two sentences.
    assert found["Need help?"] == "Behöver du hjälp?" and found["Contact support."] == "Kontakta supporten."
    fm = {entry.key: entry.target for entry in memory if entry.key}
    assert fm == {
        "title": "E-postmeddelande från Azure förfallit | Microsoft Docs",
        "description": "Beskriver hur du gör betalning om Azure-prenumerationen har en tidigare förfaller saldo",
    }
    result = leverage(segment_article(english("2017-08-30")), memory)
    assert all(unit.match is Match.EXACT for unit in result)


@pytest.mark.shared
def test_french_aligned_with_the_2017_english():
    text, _ = ingested(FRENCH)
    memory = memory_from_alignment(text, english("2017-03-28"))
    assert len(memory) == len(segment_article(english("2017-03-28"))) >= 23
    found = pairs(memory)
    # The heading whose paragraph starts on the next line, and its heading with a trailing space in English.
    assert found["Resolve past due balance for your Azure subscription"] == \
        "Résoudre un solde impayé pour votre abonnement Azure"
    assert found["If you forget to pay, what happens?"] == "Que se passe-t-il si vous oubliez de payer\u00a0?"
    assert found["If the credit card on file is declined or expired, [change the credit card used to pay for the "
                 "subscription](billing-how-to-change-credit-card.md) or contact your bank to resolve the issue."] == (
        "Si la carte bancaire enregistrée a été refusée ou a expiré, [utilisez une autre carte bancaire pour payer "
        "l’abonnement](billing-how-to-change-credit-card.md) ou contactez votre banque pour résoudre le problème.")
    assert found["We recommend that you use an email address that you check regularly."] == \
        "Nous vous recommandons d’utiliser une adresse e-mail que vous consultez régulièrement."
    assert found["Pay your outstanding balance in full."] == "Payez votre solde en souffrance dans son intégralité."


@pytest.mark.shared
def test_chinese_aligned_by_its_sentence_ends():
    text, _ = ingested(CHINESE)
    memory = memory_from_alignment(text, english("2018-05-11"))
    found = pairs(memory)
    assert found["Need help?"] == "需要帮助？" and found["Contact support."] == "联系支持人员。"
    assert found["We recommend that you use an email address that you check regularly."] == \
        "我们建议使用定期收信的电子邮件地址。"
    # The bold paragraph: however our segmenter cuts it, the closing ** after 。 stays with the sentence it closes.
    bold = "**我们未能通过信用卡收取订阅费用。为防止发生服务中断的情况，请更新付款信息。**"
    offered = [segment.text for segment in segment_article(english("2018-05-11")) if "**" in segment.text]
    assert "".join(found[collapse(sentence)] for sentence in offered) == bold
    # Three English sentences, two Chinese ones (joined with a comma): none of them paired.
    assert not any(source.startswith(("If the credit card on file", "When you update", "Payment is also"))
                   for source in found)
    assert len(memory) == len(segment_article(english("2018-05-11"))) - 3


# The acceptance scenario: an English edit of one section


def edited_english() -> tuple[str, str, str]:
    """The 2017-08 English with one sentence of "If I forget to pay" reworded and one added; and the two."""
    old = "Your Azure data is deleted 90 days after the service is terminated."
    new = "Your Azure data is deleted 30 days after the service is terminated."
    added = "You can't restore deleted data."
    text = english("2017-08-30")
    assert text.count(old) == 1
    return text.replace(old, f"{new} {added}"), new, added


def section_of(text: str, heading: str) -> tuple[int, int]:
    start = text.index(f"## {heading}")
    return start, text.index("\n## ", start + 1)


@pytest.mark.shared
def test_an_edited_section_only_is_fuzzy_or_new_for_swedish():
    text, _ = ingested(SWEDISH)
    memory = memory_from_alignment(text, english("2017-08-30"))
    before = leverage(segment_article(english("2017-08-30")), memory)
    current, reworded, added = edited_english()
    after = leverage(segment_article(current), memory)
    start, end = section_of(current, "If I forget to pay, what happens?")
    changed = [unit for unit in after if unit.match is not Match.EXACT]
    assert [collapse(unit.segment.text) for unit in changed] == [reworded, added]
    assert all(start <= unit.segment.start < end for unit in changed)
    fuzzy, new = changed
    assert fuzzy.match is Match.FUZZY and fuzzy.target == "Azure data tas bort 90 dagar efter att tjänsten avslutades."
    assert fuzzy.previous_source == "Your Azure data is deleted 90 days after the service is terminated."
    assert fuzzy.similarity is not None and 0.8 < fuzzy.similarity < 1
    assert new.match is Match.NEW and new.target is None
    carried = {collapse(unit.segment.text): unit.target for unit in before}
    for unit in after:
        if unit not in changed:
            assert unit.target == carried[collapse(unit.segment.text)]


@pytest.mark.shared
def test_an_edited_section_only_changes_the_french_leverage():
    text, _ = ingested(FRENCH)
    memory = memory_from_alignment(text, english("2017-03-28"))
    before = leverage(segment_article(english("2017-08-30")), memory)
    current, reworded, added = edited_english()
    after = leverage(segment_article(current), memory)
    start, end = section_of(current, "If I forget to pay, what happens?")
    inside = [unit for unit in after if start <= unit.segment.start < end]
    outside_after = [(unit.segment.text, unit.match, unit.target, unit.similarity) for unit in after
                     if not start <= unit.segment.start < end]
    old_start, old_end = section_of(english("2017-08-30"), "If I forget to pay, what happens?")
    outside_before = [(unit.segment.text, unit.match, unit.target, unit.similarity) for unit in before
                      if not old_start <= unit.segment.start < old_end]
    assert outside_after == outside_before
    status = {collapse(unit.segment.text): unit.match for unit in inside}
    assert status[reworded] is Match.FUZZY and status[added] is Match.NEW
    assert status["The service is canceled and your resources are no longer available."] is Match.EXACT
    assert status["If I forget to pay, what happens?"] is Match.FUZZY  # "If you forget" in 2017-03
    reworded_unit = next(unit for unit in inside if collapse(unit.segment.text) == reworded)
    assert reworded_unit.target == "Vos données Azure sont supprimées 90\u00a0jours après l’arrêt du service."
    was = {collapse(unit.segment.text): unit.match for unit in before}
    assert was["Your Azure data is deleted 90 days after the service is terminated."] is Match.EXACT


# Small fixtures


def test_english_translations_are_left_out():
    memory = TranslationMemory([MemoryEntry("Contact support.", "Contact  support."),
                                MemoryEntry("Contact <b>support</b>", "Contact support"),
                                MemoryEntry("Azure", ""),
                                MemoryEntry("2019", "2019"),  # nothing to translate: its own translation
                                MemoryEntry("Need help?", "Hulp nodig?")])
    assert [entry.source for entry in memory] == ["2019", "Need help?"]
    assert memory.exact("Contact support.") is None
    assert memory.exact("Need   help?") == "Hulp nodig?"
    units = [TransUnit("1", "Need help?", "Need help?", True, 1, 1),
             TransUnit("2", "Contact support.", "Contact support.", False, 2, 1)]
    assert len(memory_from_xliff(units)) == 0


def test_similarity_threshold_boundaries():
    memory = TranslationMemory([MemoryEntry("alpha beta gamma delta", "ALPHA BETA GAMMA DELTA")])
    # Two of four words shared, in order: 2 * 2 / 8 = 0.5.
    assert similarity("alpha beta gamma delta", "alpha beta epsilon zeta") == 0.5
    assert memory.best_fuzzy("alpha beta epsilon zeta", 0.5) == (0.5, "alpha beta gamma delta",
                                                                 "ALPHA BETA GAMMA DELTA")
    assert memory.best_fuzzy("alpha beta epsilon zeta", 0.51) is None
    assert memory.best_fuzzy("alpha epsilon zeta eta") is None  # 0.25
    assert memory.best_fuzzy("alpha beta gamma delta") is None  # exact, not fuzzy
    segments = segment_article("alpha beta epsilon zeta\n")
    assert leverage(segments, memory, threshold=0.5)[0].match is Match.FUZZY
    assert leverage(segments, memory, threshold=0.51)[0].match is Match.NEW


def test_a_changed_link_target_stays_a_near_match():
    old = "See [the guide](old-guide.md) for details about `az login`."
    new = "See [the guide](https://learn.microsoft.com/azure/new-guide) for details about `az login`."
    memory = TranslationMemory([MemoryEntry(old, "Se [guiden](old-guide.md) för detaljer om `az login`."),
                                MemoryEntry("See the details.", "Se detaljerna.")])
    match = memory.best_fuzzy(new)
    assert match is not None and match.source == old and 0.95 < match.similarity < 1
    assert similarity("Need help?", "Need help.") == 0.99  # differs only in punctuation: near, not equal


def test_the_most_similar_wins():
    memory = TranslationMemory([MemoryEntry("Pay your balance in full today.", "A"),
                                MemoryEntry("Pay your outstanding balance in full.", "B"),
                                MemoryEntry("Pay the balance.", "C")])
    match = memory.best_fuzzy("Pay your outstanding balance in full now.")
    assert match is not None and match.target == "B"


FRONT_MATTER_ENGLISH = """---
title: Past due balance
description: Past due balance
keywords:
- billing
- balance
ms.date: 08/30/2017
---
# Past due balance

Pay it.
"""
FRONT_MATTER_SWEDISH = """---
title: "Förfallet saldo (titel)"
description: Förfallet saldo (beskrivning)
keywords:
- fakturering
- saldo
ms.date: 08/30/2017
---
# <a name="past-due-balance"></a>Förfallet saldo (rubrik)

Betala det.
"""


def test_front_matter_values_match_only_values_of_their_key():
    memory = memory_from_alignment(FRONT_MATTER_SWEDISH, FRONT_MATTER_ENGLISH)
    assert {(entry.key, entry.source, entry.target) for entry in memory} == {
        ("title", "Past due balance", "Förfallet saldo (titel)"),
        ("description", "Past due balance", "Förfallet saldo (beskrivning)"),
        ("keywords", "billing", "fakturering"), ("keywords", "balance", "saldo"),
        (None, "Past due balance", "Förfallet saldo (rubrik)"), (None, "Pay it.", "Betala det."),
    }
    current = FRONT_MATTER_ENGLISH.replace("description: Past due balance", "description: Pay it.").replace(
        "- balance", "- Past due balance")
    result = {(unit.segment.key, unit.segment.text): unit for unit in leverage(segment_article(current), memory)}
    assert result[("title", "Past due balance")].target == "Förfallet saldo (titel)"
    assert result[(None, "Past due balance")].target == "Förfallet saldo (rubrik)"
    assert result[("description", "Pay it.")].match is not Match.EXACT  # the body's "Pay it." is another key
    assert result[("keywords", "billing")].target == "fakturering"
    keyword = result[("keywords", "Past due balance")]
    assert keyword.match is not Match.EXACT and keyword.target in (None, "saldo")
    assert result[(None, "Pay it.")].target == "Betala det."


def test_front_matter_units_of_an_xliff_get_their_key_by_line():
    units = [TransUnit("1", "Past due balance", "Förfallet saldo (titel)", False, 2, 8),
             TransUnit("2", "Past due balance", "Förfallet saldo (rubrik)", False, 9, 30)]
    memory = memory_from_xliff(units, FRONT_MATTER_SWEDISH)
    assert memory.exact("Past due balance", key="title") == "Förfallet saldo (titel)"
    assert memory.exact("Past due balance") == "Förfallet saldo (rubrik)"
    assert memory.exact("Past due balance", key="description") is None


def test_a_block_whose_sentence_counts_differ_is_not_paired_sentence_by_sentence():
    english_text = "# Title\n\nOne thing. Two things. Three things.\n\nA single sentence here.\n\nFirst. Second.\n"
    translation = "# Titel\n\nEn sak. Två saker.\n\nEn mening. Och en till.\n\nFörst. Andra.\n"
    found = {entry.source: entry.target for entry in aligned_entries(translation, english_text)}
    assert found == {
        "Title": "Titel",
        # One English sentence: the whole translated block.
        "A single sentence here.": "En mening. Och en till.",
        "First.": "Först.", "Second.": "Andra.",
    }


def test_blocks_of_a_section_whose_structure_differs_are_not_guessed():
    english_text = ("# <a name=\"a\"></a>A\n\nOne.\n\nTwo.\n\nThree.\n\n* Item.\n\n"
                    "## <a name=\"b\"></a>B\n\nFour.\n\nFive.\n")
    # The translator joined two paragraphs of section A; section B is whole.
    translation = ("# <a name=\"a\"></a>AA\n\nEtt.\n\nTvå. Tre.\n\n* Sak.\n\n"
                   "## <a name=\"b\"></a>BB\n\nFyra.\n\nFem.\n")
    found = {entry.source: entry.target for entry in aligned_entries(translation, english_text)}
    assert found == {"A": "AA", "Item.": "Sak.", "B": "BB", "Four.": "Fyra.", "Five.": "Fem."}


def test_headings_pair_by_their_anchor_only():
    english_text = "## First\n\nText one.\n\n## Second\n\nText two.\n\n## Third\n\nText three.\n"
    translation = ("## <a name=\"something-else\"></a>Annan\n\nText noll.\n\n"
                   "## <a name=\"second\"></a>Andra\n\nText två.\n\n## <a name=\"third\"></a>Tredje\n\nText tre.\n")
    found = {entry.source: entry.target for entry in aligned_entries(translation, english_text)}
    assert found == {"Second": "Andra", "Text two.": "Text två.", "Third": "Tredje", "Text three.": "Text tre."}


def test_leverage_without_a_memory_and_without_letters_to_translate():
    segments = segment_article("# Title\n\nSome text.\n")
    units = leverage(segments, None)
    assert [(unit.id, unit.match, unit.target) for unit in units] == [("1", Match.NEW, None), ("2", Match.NEW, None)]
    assert all(segment.text.strip() for segment in segment_article("# 2019\n\n123. 456.\n\n---\n\nText.\n"))


def test_fuzzy_lookup_scales_to_long_articles():
    words = [f"w{index}" for index in range(600)]
    sentences = [" ".join(["The", "service", *words[index % 600:index % 600 + 7], "is", "ready", f"n{index}."])
                 for index in range(2000)]
    memory = TranslationMemory(MemoryEntry(sentence, f"T{index}") for index, sentence in enumerate(sentences))
    started = time.perf_counter()
    found = [memory.best_fuzzy(sentence.replace("ready", "done")) for sentence in sentences]
    elapsed = time.perf_counter() - started
    assert all(match is not None and match.target == f"T{index}" for index, match in enumerate(found))
    assert elapsed < 30, elapsed


def test_a_tie_goes_to_the_first_entry():
    memory = TranslationMemory([MemoryEntry("Pay the balance in full today please.", "A"),
                                MemoryEntry("Pay the balance in full.", "B"),
                                MemoryEntry("Pay the balance in full now.", "C")])
    match = memory.best_fuzzy("Pay the balance in full tomorrow.")
    assert match is not None and match.target == "B"  # C scores the same; A less
